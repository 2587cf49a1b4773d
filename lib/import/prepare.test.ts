import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { prepareImport } from "./prepare";
import { createImportSession } from "./session";
import { feed, mapping, thrown } from "./test-helpers";

function parse(m = mapping({}), files: Record<string, string> = { "s1.csv": "a,b,label\n1,10,0\n3,30,0\n5,50,1\n", "s2.csv": "a,b,label\n2,2,0\n4,4,0\n" }) {
  const session = createImportSession(m);
  for (const [name, text] of Object.entries(files)) feed(session, name, text);
  return session.finish();
}

describe("prepareImport", () => {
  it("averages down to the target rate; a block is anomalous when any step is", () => {
    const m = mapping({ labelColumn: "label", targetRate: 1 });
    const prepared = prepareImport(parse(m), m);
    expect(prepared.downsampleFactor).toBe(2);
    expect(prepared.samplingRate).toBe(1);
    expect(prepared.sourceRate).toBe(2);
    const s1 = prepared.sequences[0];
    expect(Array.from(s1?.columns[0] ?? [])).toEqual([2, 5]);
    expect(Array.from(s1?.columns[1] ?? [])).toEqual([20, 50]);
    expect(Array.from(s1?.labels ?? [])).toEqual([0, 1]);
  });

  it("refuses a target rate that does not divide the source rate", () => {
    const m = mapping({ targetRate: 0.75 });
    const error = thrown(() => prepareImport(parse(m), m)) as ImportError;
    expect(error.code).toBe("bad_rate");
  });

  it("splits by seeded ratios, always with a training sequence", () => {
    const m = mapping({ split: { kind: "ratios", train: 0.5, validation: 0.5, test: 0, seed: 7 } });
    const splits = prepareImport(parse(m), m).sequences.map((s) => s.split).sort();
    expect(splits).toEqual(["train", "validation"]);
  });

  it("refuses a split column without any training sequence", () => {
    const m = mapping({ split: { kind: "column", column: "split" } });
    const parsed = parse(m, { "t.csv": "split,a,b\ntest,1,1\n" });
    expect((thrown(() => prepareImport(parsed, m)) as ImportError).code).toBe("no_train");
  });
});
