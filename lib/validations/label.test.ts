import { describe, expect, it } from "vitest";
import { createLabelSchema } from "./label";

const base = { clientId: "2f1c6a55-7d0e-4c5b-9a43-0d7f0f6b1a2e", queryId: "q1" };

describe("createLabelSchema", () => {
  it("takes a normal label, and an anomalous one with an onset and optionally a region end after it", () => {
    expect(createLabelSchema.parse({ ...base, anomalous: false })).toMatchObject({ anomalous: false, note: "" });
    expect(createLabelSchema.parse({ ...base, anomalous: true, onset: 12 }).regionEnd).toBeUndefined();
    expect(createLabelSchema.parse({ ...base, anomalous: true, onset: 12, regionEnd: 13 }).regionEnd).toBe(13);
    expect(createLabelSchema.parse({ ...base, anomalous: true, onset: 12, regionEnd: null }).regionEnd).toBeNull();
  });

  it("refuses an anomalous label without onset, and a region end not after the onset or on a normal label", () => {
    const message = (body: object) => createLabelSchema.safeParse({ ...base, ...body }).error?.issues[0]?.message;
    expect(message({ anomalous: true })).toBe("An anomalous label needs its onset.");
    const region = "A region end belongs to an anomalous label and must come after its onset.";
    expect(message({ anomalous: true, onset: 12, regionEnd: 12 })).toBe(region);
    expect(message({ anomalous: false, regionEnd: 12 })).toBe(region);
    expect(createLabelSchema.safeParse({ ...base, anomalous: true, onset: 12, regionEnd: 20.5 }).success).toBe(false);
  });
});
