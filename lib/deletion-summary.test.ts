import { describe, expect, it } from "vitest";
import { describeDeletion } from "./deletion-summary";

describe("describeDeletion", () => {
  it("names every non-zero count, singular or plural", () => {
    const text = describeDeletion({
      kind: "dataset",
      id: "d1",
      name: "Pumps",
      counts: { sequences: 80, runs: 1, scores: 80, batches: 2, queries: 10, labels: 0, thresholds: 3 },
    });
    expect(text).toBe(
      "Deletes the dataset “Pumps” with 80 sequences, 1 detector run, 80 score series, 2 query batches, 10 queries and 3 stored thresholds. This cannot be undone.",
    );
  });

  it("says so when nothing comes with it", () => {
    expect(
      describeDeletion({
        kind: "run",
        id: "r1",
        name: "linear r1",
        counts: { scores: 0, batches: 0, queries: 0, labels: 0, thresholds: 0 },
      }),
    ).toBe("Deletes the run linear r1.");
  });
});
