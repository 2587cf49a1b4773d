import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { prepareImport } from "./prepare";
import { createImportSession } from "./session";
import { feed, mapping, thrown } from "./test-helpers";

function parse(
  m = mapping({}),
  files: Record<string, string> = { "s1.csv": "a,b,label\n1,10,0\n3,30,0\n5,50,1\n", "s2.csv": "a,b,label\n2,2,0\n4,4,0\n" },
) {
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
    const splits = prepareImport(parse(m), m)
      .sequences.map((s) => s.split)
      .sort();
    expect(splits).toEqual(["train", "validation"]);
  });

  it("refuses a split column without any training sequence", () => {
    const m = mapping({ split: { kind: "column", column: "split" } });
    const parsed = parse(m, { "t.csv": "split,a,b\ntest,1,1\n" });
    expect((thrown(() => prepareImport(parsed, m)) as ImportError).code).toBe("no_train");
  });

  it("stratifies on the ground truth: every split gets anomalous sequences when there are enough", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`s${i}.csv`] = `a,b,label\n1,1,0\n2,2,${i < 9 ? 1 : 0}\n`;
    const m = mapping({ labelColumn: "label", split: { kind: "ratios", train: 0.6, validation: 0.2, test: 0.2, seed: 3 } });
    const prepared = prepareImport(parse(m, files), m);
    expect(prepared.splitMethod).toBe("stratified");
    const tally = (split: string, anomalous: boolean) =>
      prepared.sequences.filter((s) => s.split === split && (s.labels?.includes(1) ?? false) === anomalous).length;
    expect([tally("train", true), tally("validation", true), tally("test", true)]).toEqual([5, 2, 2]);
    expect([tally("train", false), tally("validation", false), tally("test", false)]).toEqual([13, 4, 4]);
  });

  it("keeps the sequences of a unit in one split", () => {
    const rows = ["id,unit,a,b"];
    for (let i = 0; i < 24; i++) rows.push(`s${i},u${i % 6},${i},${i}`);
    const m = mapping({
      sequenceColumn: "id",
      unitColumn: "unit",
      split: { kind: "ratios", train: 0.5, validation: 0.25, test: 0.25, seed: 2 },
    });
    const prepared = prepareImport(parse(m, { "all.csv": rows.join("\n") + "\n" }), m);
    expect(prepared.splitMethod).toBe("grouped");
    const byUnit = new Map<string | null, Set<string>>();
    for (const s of prepared.sequences) byUnit.set(s.unit, (byUnit.get(s.unit) ?? new Set()).add(s.split));
    expect(byUnit.size).toBe(6);
    for (const splits of byUnit.values()) expect(splits.size).toBe(1);
    expect(prepared.sequences.filter((s) => s.split === "train")).toHaveLength(12);
  });
});
