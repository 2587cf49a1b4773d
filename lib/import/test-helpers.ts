import type { ImportMapping } from "../validations/dataset-import";
import type { ImportSession } from "./session";

export const baseMapping: ImportMapping = {
  name: "test",
  description: "",
  timestampColumn: null,
  samplingRate: 2,
  sequenceColumn: null,
  channels: ["a", "b"],
  labelColumn: null,
  unitColumn: null,
  channelUnits: {},
  targetRate: null,
  split: { kind: "ratios", train: 1, validation: 0, test: 0, seed: 1 },
  missing: "reject",
};

export function mapping(overrides: Partial<ImportMapping>): ImportMapping {
  return { ...baseMapping, ...overrides };
}

/** Feeds simple CSV text (no quoted line breaks) as one file, with 1-based line numbers. */
export function feed(session: ImportSession, file: string, text: string): void {
  session.beginFile(file);
  text.split("\n").forEach((line, i) => {
    if (line !== "") session.record(line.split(","), i + 1);
  });
  session.endFile();
}

/** The error a function throws (or fails the test). */
export function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error("expected an error, none was thrown");
}
