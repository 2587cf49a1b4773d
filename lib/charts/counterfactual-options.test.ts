import { describe, expect, it } from "vitest";
import { counterfactualOption } from "./counterfactual-options";

describe("counterfactualOption", () => {
  it("draws the observed values solid and the counterfactual dashed over the stretch", () => {
    const option = counterfactualOption({
      name: "speed",
      from: 10,
      observed: [1, 2, 3, 4, 5],
      start: 12,
      end: 14,
      counterfactual: [2.5, 3.5],
      color: "#123456",
    });
    const [observed, counterfactual] = option.series as { data: number[][]; lineStyle: { type?: string } }[];
    expect(observed!.data).toEqual([
      [10, 1],
      [11, 2],
      [12, 3],
      [13, 4],
      [14, 5],
    ]);
    expect(observed!.lineStyle.type).toBeUndefined();
    expect(counterfactual!.data).toEqual([
      [12, 2.5],
      [13, 3.5],
    ]);
    expect(counterfactual!.lineStyle.type).toBe("dashed");
  });
});
