import { describe, expect, it } from "vitest";
import { exportQuerySchema } from "./export";

const parse = (query: string) => exportQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));

describe("exportQuerySchema", () => {
  it("needs what, and defaults to CSV without a threshold", () => {
    expect(parse("what=labels").data).toEqual({ what: "labels", format: "csv" });
    expect(parse("what=scores&format=json").data).toEqual({ what: "scores", format: "json" });
    expect(parse("").success).toBe(false);
    expect(parse("what=weights").error?.issues[0]?.message).toBe("what is one of labels, predictions, scores, thresholds");
    expect(parse("what=labels&format=xlsx").error?.issues[0]?.message).toBe("format is csv or json");
  });

  it("reads a named threshold or a finite number", () => {
    expect(parse("what=predictions&threshold=refined").data?.threshold).toEqual({ kind: "refined" });
    expect(parse("what=predictions&threshold=unsupervised").data?.threshold).toEqual({ kind: "unsupervised" });
    expect(parse("what=predictions&threshold=manual").data?.threshold).toEqual({ kind: "manual" });
    expect(parse("what=predictions&threshold=2.5").data?.threshold).toEqual({ kind: "value", value: 2.5 });
    expect(parse("what=predictions&threshold=-1e-3").data?.threshold).toEqual({ kind: "value", value: -0.001 });
    expect(parse("what=predictions&threshold=.5").data?.threshold).toEqual({ kind: "value", value: 0.5 });
  });

  it("refuses an empty, non-numeric or infinite threshold and unknown parameters", () => {
    for (const bad of ["", "abc", "Infinity", "1e999", "0x10", "1,5", "NaN"]) {
      const result = parse(`what=predictions&threshold=${encodeURIComponent(bad)}`);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("threshold is unsupervised, refined, manual or a finite number");
    }
    expect(parse("what=labels&limit=5").success).toBe(false);
  });
});
