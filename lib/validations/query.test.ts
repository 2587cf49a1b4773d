import { describe, expect, it } from "vitest";
import { createBatchSchema } from "./query";

const batch = (picks: { key: string; rank: number }[]) => ({
  strategy: "dqs",
  budget: picks.length,
  seed: 1,
  segmentLength: null,
  threshold: null,
  picks: picks.map((p) => ({ ...p, reason: "" })),
});

describe("createBatchSchema", () => {
  it("accepts distinct stretches with distinct ranks", () => {
    expect(
      createBatchSchema.safeParse(
        batch([
          { key: "s1:0-10", rank: 0 },
          { key: "s1:10-20", rank: 1 },
        ]),
      ).success,
    ).toBe(true);
  });

  it("refuses a rank given twice, naming it", () => {
    const result = createBatchSchema.safeParse(
      batch([
        { key: "s1:0-10", rank: 0 },
        { key: "s1:10-20", rank: 0 },
      ]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Rank 0 is given twice in this batch");
  });

  it("refuses a stretch picked twice, naming it", () => {
    const result = createBatchSchema.safeParse(
      batch([
        { key: "s1:0-10", rank: 0 },
        { key: "s1:0-10", rank: 1 },
      ]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("The stretch s1:0-10 is picked twice in this batch");
  });

  it("refuses a rank past the largest batch (it would not fit a PostgreSQL integer) and unknown fields", () => {
    expect(createBatchSchema.safeParse(batch([{ key: "s1:0-10", rank: 999 }])).success).toBe(true);
    const huge = createBatchSchema.safeParse(batch([{ key: "s1:0-10", rank: 1e12 }]));
    expect(huge.error?.issues[0]?.message).toBe("A rank is below 1000 (a batch holds at most 1000 picks)");
    const extra = createBatchSchema.safeParse({ ...batch([{ key: "s1:0-10", rank: 0 }]), admin: true });
    expect(extra.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});
