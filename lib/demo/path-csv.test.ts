import { describe, expect, it } from "vitest";
import { formatValue } from "./path-csv";
import { generatePathDataset, PATH_CHANNELS, sequenceToCsv } from "./path-dataset";

const dataset = generatePathDataset({ sequences: 4, minLength: 200, maxLength: 400, anomalyFraction: 0.5, seed: 11 });

describe("sequenceToCsv", () => {
  it("writes a header and one row per step", () => {
    dataset.sequences.forEach((s, i) => {
      const lines = sequenceToCsv(dataset, i).trimEnd().split("\n");
      expect(lines[0]).toBe(["timestamp", ...PATH_CHANNELS, "label"].join(","));
      expect(lines).toHaveLength(s.labels.length + 1);
      expect(lines[1]?.startsWith("0,")).toBe(true);
      expect(lines[2]?.startsWith("0.5,")).toBe(true);
      expect(lines.at(-1)?.endsWith(`,${s.labels.at(-1) ?? 0}`)).toBe(true);
    });
  });

  it("drops the timestamp and label columns on request", () => {
    const csv = sequenceToCsv(dataset, 0, { includeLabel: false, includeTimestamp: false });
    const [header, first] = csv.split("\n");
    expect(header).toBe(PATH_CHANNELS.join(","));
    expect(first?.split(",")).toHaveLength(PATH_CHANNELS.length);
  });

  it("round-trips values to four decimals", () => {
    const sequence = dataset.sequences[1];
    const row = sequenceToCsv(dataset, 1).split("\n")[11]?.split(",").map(Number) ?? [];
    sequence?.columns.forEach((values, c) => expect(row[c + 1]).toBeCloseTo(values[10] ?? Number.NaN, 4));
  });

  it("refuses an index outside the dataset", () => {
    expect(() => sequenceToCsv(dataset, 4)).toThrow(RangeError);
  });
});

describe("formatValue", () => {
  it("uses fixed point with at most four decimals and no negative zero", () => {
    expect(formatValue(12.300000190734863)).toBe("12.3");
    expect(formatValue(100)).toBe("100");
    expect(formatValue(-0.00001)).toBe("0");
    expect(formatValue(-3.14159265)).toBe("-3.1416");
    expect(formatValue(1e-7)).toBe("0");
  });
});
