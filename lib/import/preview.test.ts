import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { previewCsv, splitCsvRecords } from "./preview";
import { thrown } from "./test-helpers";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("splitCsvRecords", () => {
  it("handles quotes, doubled quotes, quoted line breaks and CRLF", () => {
    expect(splitCsvRecords('a,"b,c"\r\n"x""y","1\n2"\n\n3,4', 10)).toEqual([
      ["a", "b,c"],
      ['x"y', "1\n2"],
      ["3", "4"],
    ]);
  });

  it("stops after max records", () => {
    expect(splitCsvRecords("a\nb\nc\n", 2)).toEqual([["a"], ["b"]]);
  });
});

describe("previewCsv", () => {
  it("reads the header and rows, and guesses the mapping", () => {
    const p = previewCsv(utf8("timestamp,speed,torque,label,comment\n0,1.5,2,0,ok\n0.5,1.6,2.1,1,x\n"), "d.csv", true);
    expect(p.header).toEqual(["timestamp", "speed", "torque", "label", "comment"]);
    expect(p.rows).toHaveLength(2);
    expect(p.guess).toEqual({
      timestampColumn: "timestamp",
      sequenceColumn: null,
      labelColumn: "label",
      unitColumn: null,
      splitColumn: null,
      channels: ["speed", "torque"],
    });
  });

  it("drops a last line cut off by the end of the slice", () => {
    const p = previewCsv(utf8("a,b\n1,2\n3,4\n5,"), "d.csv", false);
    expect(p.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("reports an empty file, a duplicate header and a wrong encoding", () => {
    expect((thrown(() => previewCsv(new Uint8Array(0), "e.csv", true)) as ImportError).code).toBe("empty_file");
    expect((thrown(() => previewCsv(utf8("a,a\n1,2\n"), "d.csv", true)) as ImportError).code).toBe("duplicate_header");
    expect((thrown(() => previewCsv(new Uint8Array([0x61, 0xe9, 0x0a]), "l.csv", true)) as ImportError).code).toBe("encoding");
  });
});

describe("guessMapping", () => {
  it("prefers the most telling name: label over y, timestamp over t", () => {
    const p = previewCsv(utf8("sequence,t,timestamp,x,y,label\ns,0,0,1,2,0\n"), "d.csv", true);
    expect(p.guess).toMatchObject({
      timestampColumn: "timestamp",
      sequenceColumn: "sequence",
      labelColumn: "label",
      channels: ["t", "x", "y"],
    });
  });

  it("guesses a unit column, never the one taken as the sequence column", () => {
    const both = previewCsv(utf8("drive_id,vehicle,x\nd1,v1,1\n"), "d.csv", true);
    expect(both.guess).toMatchObject({ sequenceColumn: "drive_id", unitColumn: "vehicle", channels: ["x"] });
    const unitOnly = previewCsv(utf8("unit,x\nu1,1\n"), "d.csv", true);
    expect(unitOnly.guess).toMatchObject({ sequenceColumn: "unit", unitColumn: null });
  });

  it("names the line of a byte that is not UTF-8", () => {
    const error = thrown(() => previewCsv(new Uint8Array([0x61, 0x0a, 0x31, 0x0a, 0xe9, 0x0a]), "l.csv", true)) as ImportError;
    expect(error.where.line).toBe(3);
  });
});
