import { describe, expect, it } from "vitest";
import { GENERATOR_NAMES } from "./generators";
import { DEFAULT_JOB_SETTINGS, harnessArgs, JOB_GENERATORS, jobReportId, jobSettingsSchema, parseNumberList } from "./job-settings";

describe("experiment job settings", () => {
  it("lists the harness's generators", () => {
    expect([...JOB_GENERATORS]).toEqual([...GENERATOR_NAMES]);
  });

  it("turns settings into the harness's flags", () => {
    expect(harnessArgs(DEFAULT_JOB_SETTINGS, "ui-x")).toEqual([
      "--quick",
      "--dataset",
      "demo",
      "--detector",
      "linear",
      "--strategies",
      "dqs,random,top",
      "--budgets",
      "2,5",
      "--mislabel",
      "0",
      "--folds",
      "2",
      "--seeds",
      "1",
      "--stages",
      "1",
      "--id",
      "ui-x",
    ]);
    const args = harnessArgs({ ...DEFAULT_JOB_SETTINGS, quick: false, sequences: 16, stages: "growing", name: "Tiny" }, "ui-y");
    expect(args.slice(0, 4)).toEqual(["--dataset", "demo", "--sequences", "16"]);
    expect(args).toContain("0.125,0.25,0.5,1");
    expect(args.slice(-2)).toEqual(["--name", "Tiny"]);
  });

  it("refuses what the harness would refuse, with the field named", () => {
    const bad = (patch: object) => jobSettingsSchema.safeParse({ ...DEFAULT_JOB_SETTINGS, ...patch });
    expect(bad({}).success).toBe(true);
    expect(bad({ strategies: [] }).error?.issues[0]?.path).toEqual(["strategies"]);
    expect(bad({ budgets: [0] }).error?.issues[0]?.message).toBe("a budget is at least 1");
    expect(bad({ budgets: [2, 2] }).error?.issues[0]?.message).toBe("each value once");
    expect(bad({ dataset: "sensors", sequences: 16 }).error?.issues[0]?.path).toEqual(["sequences"]);
    expect(bad({ detector: "svm" }).success).toBe(false);
    expect(bad({ extra: 1 }).success).toBe(false);
    expect(jobSettingsSchema.safeParse({}).success).toBe(false);
  });

  it("makes report ids of the report's pattern", () => {
    expect(jobReportId(new Date("2026-12-04T11:15:00.123Z"), "K3-f9x")).toBe("ui-20261204-111500-k3f9x");
  });

  it("reads number lists", () => {
    expect(parseNumberList("1, 2.5 10")).toEqual([1, 2.5, 10]);
    expect(parseNumberList("1, x")).toBeNull();
    expect(parseNumberList(" ")).toBeNull();
  });
});
