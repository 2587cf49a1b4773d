import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { createImportSession } from "./session";
import { baseMapping, feed, mapping, thrown } from "./test-helpers";

function importText(text: string, m = baseMapping, file = "x.csv") {
  const session = createImportSession(m);
  feed(session, file, text);
  return session.finish();
}

function importError(text: string, m = baseMapping, file = "x.csv"): ImportError {
  const error = thrown(() => importText(text, m, file));
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("createImportSession", () => {
  it("reads the mapped channels into float32 columns, one sequence per file", () => {
    const parsed = importText("a,b,note\n1,2,x\n3.5,-4e2,y\n");
    expect(parsed.sequences).toHaveLength(1);
    expect(parsed.sequences[0]?.name).toBe("x");
    expect(Array.from(parsed.sequences[0]?.columns[0] ?? [])).toEqual([1, 3.5]);
    expect(Array.from(parsed.sequences[0]?.columns[1] ?? [])).toEqual([2, -400]);
    expect(parsed.samplingRate).toBe(2);
    expect(parsed.rows).toBe(2);
  });

  it("reports a ragged row at its line", () => {
    const error = importError("a,b\n1,2\n3\n4,5\n");
    expect(error.code).toBe("ragged_row");
    expect(error.where).toEqual({ file: "x.csv", line: 3 });
    expect(error.message).toBe("x.csv, line 3: the row has 1 fields, fewer than the 2 columns of the header (a ragged row)");
  });

  it("names file, line and column of a non-numeric value", () => {
    const error = importError("a,b\n1,2\n3,4\n5,abc\n");
    expect(error.code).toBe("non_numeric");
    expect(error.message).toBe('x.csv, line 4, column "b": "abc" is not a number');
  });

  it.each(["NaN", "Infinity", "-inf", "nan"])("refuses %s as not finite", (cell) => {
    const error = importError(`a,b\n1,${cell}\n`);
    expect(error.code).toBe("non_finite");
    expect(error.where).toEqual({ file: "x.csv", line: 2, column: "b" });
  });

  it("refuses a value beyond float32 and a hexadecimal literal", () => {
    expect(importError("a,b\n1,1e39\n").code).toBe("out_of_range");
    expect(importError("a,b\n1,0x1F\n").code).toBe("non_numeric");
  });

  it("refuses a label other than 0/1, naming file, line and column", () => {
    const m = mapping({ labelColumn: "label" });
    const error = importError("a,b,label\n1,2,0\n1,2,1\n1,2,2\n", m, "drive.csv");
    expect(error.code).toBe("bad_label");
    expect(error.message).toBe(
      'drive.csv, line 4, column "label": "2" is not a label; the ground-truth column holds 0 (normal) or 1 (anomalous) per row',
    );
  });

  it("keeps labels per row, and accepts 0.0 / 1.0", () => {
    const parsed = importText("a,b,label\n1,2,0\n1,2,1.0\n1,2,0.0\n", mapping({ labelColumn: "label" }));
    expect(Array.from(parsed.sequences[0]?.labels ?? [])).toEqual([0, 1, 0]);
  });

  it("refuses an empty cell unless missing values are forward-filled", () => {
    const error = importError("a,b\n1,2\n3,\n");
    expect(error.code).toBe("missing_value");
    expect(error.where).toEqual({ file: "x.csv", line: 3, column: "b" });
  });

  it("forward-fills missing values, and back-fills a leading gap from the first value", () => {
    const parsed = importText("a,b\n,2\n,\n5,\n6,7\n,\n", mapping({ missing: "ffill" }));
    expect(Array.from(parsed.sequences[0]?.columns[0] ?? [])).toEqual([5, 5, 5, 6, 6]);
    expect(Array.from(parsed.sequences[0]?.columns[1] ?? [])).toEqual([2, 2, 2, 7, 7]);
  });

  it("refuses forward fill of a channel that has no value at all", () => {
    const error = importError("a,b\n1,\n2,\n", mapping({ missing: "ffill" }));
    expect(error.code).toBe("missing_value");
    expect(error.where.column).toBe("b");
  });

  it("checks the header: blank, duplicate and numeric names, and mapped columns", () => {
    expect(importError("a,,b\n1,2,3\n").code).toBe("missing_header");
    const dup = importError("a,b,a\n1,2,3\n");
    expect(dup.code).toBe("duplicate_header");
    expect(dup.message).toBe('x.csv, line 1, column "a": columns 1 and 3 are both named "a"; column names must be unique');
    expect(importError("1,2\n3,4\n").code).toBe("missing_header");
    expect(importError("a,c\n1,2\n").code).toBe("missing_column");
  });

  it("refuses an empty file and a file with a header only", () => {
    expect(importError("").code).toBe("empty_file");
    expect(importError("a,b\n").code).toBe("no_rows");
  });

  it("groups rows by the sequence column, in order of first appearance", () => {
    const m = mapping({ sequenceColumn: "id" });
    const parsed = importText("id,a,b\ns2,1,1\ns1,2,2\ns2,3,3\n", m);
    expect(parsed.sequences.map((s) => s.name)).toEqual(["s2", "s1"]);
    expect(Array.from(parsed.sequences[0]?.columns[0] ?? [])).toEqual([1, 3]);
  });

  it("refuses one sequence id in two files", () => {
    const session = createImportSession(mapping({ sequenceColumn: "id" }));
    feed(session, "one.csv", "id,a,b\ns1,1,1\n");
    const error = thrown(() => feed(session, "two.csv", "id,a,b\ns1,2,2\n")) as ImportError;
    expect(error.code).toBe("bad_sequence_id");
    expect(error.message).toContain("also appears in one.csv");
  });

  it("refuses a sequence id longer than 200 characters, naming its line", () => {
    const m = mapping({ sequenceColumn: "id" });
    expect(importText(`id,a,b\n${"s".repeat(200)},1,1\n`, m).sequences[0]?.name).toHaveLength(200);
    const error = importError(`id,a,b\ns1,1,1\n${"s".repeat(201)},2,2\n`, m);
    expect(error.code).toBe("bad_sequence_id");
    expect(error.where).toEqual({ file: "x.csv", line: 3, column: "id" });
    expect(error.problem).toMatch(/is 201 characters long; at most 200 are allowed$/);
  });

  it("takes the split from a split column and refuses a change within a sequence", () => {
    const m = mapping({ sequenceColumn: "id", split: { kind: "column", column: "split" } });
    const parsed = importText("id,split,a,b\ns1,train,1,1\ns2,VAL,2,2\n", m);
    expect(parsed.sequences.map((s) => s.split)).toEqual(["train", "validation"]);
    expect(importError("id,split,a,b\ns1,train,1,1\ns1,test,2,2\n", m).code).toBe("bad_split");
    expect(importError("id,split,a,b\ns1,holdout,1,1\n", m).code).toBe("bad_split");
  });

  it("reads one unit per sequence from the unit column", () => {
    const m = mapping({ sequenceColumn: "id", unitColumn: "vehicle" });
    const parsed = importText("id,vehicle,a,b\ns1,V1,1,1\ns2,V1,2,2\ns3, V2 ,3,3\n", m);
    expect(parsed.sequences.map((s) => s.unit)).toEqual(["V1", "V1", "V2"]);
    expect(importText("id,a,b\ns1,1,1\n", mapping({ sequenceColumn: "id" })).sequences[0]?.unit).toBeNull();
    expect(importError("id,vehicle,a,b\ns1,V1,1,1\ns1,V2,2,2\n", m).message).toContain(
      'the unit changes from "V1" to "V2" within sequence "s1"',
    );
    expect(importError("id,vehicle,a,b\ns1,,1,1\n", m).code).toBe("bad_unit");
  });

  it("works out the sampling rate from timestamps in seconds or ISO dates", () => {
    const m = mapping({ timestampColumn: "t", samplingRate: null });
    expect(importText("t,a,b\n0,1,1\n0.1,1,1\n0.2,1,1\n0.3,1,1\n", m).samplingRate).toBe(10);
    const dates = importText("t,a,b\n2024-01-01T00:00:00Z,1,1\n2024-01-01T00:00:02Z,1,1\n2024-01-01T00:00:04Z,1,1\n", m);
    expect(dates.samplingRate).toBe(0.5);
    expect(dates.sequences[0]?.startTime).toBe(Date.UTC(2024, 0, 1) / 1000);
  });

  it("refuses timestamps that do not increase, and sequences at different rates", () => {
    const m = mapping({ timestampColumn: "t", samplingRate: null });
    const order = importError("t,a,b\n0,1,1\n1,1,1\n1,1,1\n", m);
    expect(order.code).toBe("bad_timestamp");
    expect(order.where).toEqual({ file: "x.csv", line: 4, column: "t" });
    const session = createImportSession(m);
    feed(session, "fast.csv", "t,a,b\n0,1,1\n0.5,1,1\n1,1,1\n");
    feed(session, "slow.csv", "t,a,b\n0,1,1\n1,1,1\n2,1,1\n");
    expect((thrown(() => session.finish()) as ImportError).code).toBe("mixed_rates");
  });
});
