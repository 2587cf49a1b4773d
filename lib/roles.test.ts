import { describe, expect, it } from "vitest";
import { can, isRole, ROLE_HOME, ROLES } from "./roles";

describe("roles", () => {
  it("recognises exactly the three roles", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(isRole("")).toBe(false);
  });

  it("lets only admins manage users and only experts label", () => {
    expect(can("admin", "manageUsers")).toBe(true);
    expect(can("expert", "manageUsers")).toBe(false);
    expect(can("analyst", "manageUsers")).toBe(false);
    expect(can("expert", "label")).toBe(true);
    expect(can("analyst", "label")).toBe(false);
  });

  it("lets only admins change a dataset's splits", () => {
    expect(can("admin", "editSplits")).toBe(true);
    expect(can("analyst", "editSplits")).toBe(false);
    expect(can("expert", "editSplits")).toBe(false);
  });

  it("lets only admins set a manual threshold (nobody stores a refined one: the server computes it)", () => {
    expect(can("admin", "setThresholds")).toBe(true);
    expect(can("expert", "setThresholds")).toBe(false);
    expect(can("analyst", "setThresholds")).toBe(false);
  });

  it("hides ground truth from experts", () => {
    expect(can("expert", "viewGroundTruth")).toBe(false);
    expect(can("analyst", "viewGroundTruth")).toBe(true);
  });

  it("lets only admins start and cancel experiments", () => {
    expect(can("admin", "runExperiments")).toBe(true);
    expect(can("analyst", "runExperiments")).toBe(false);
    expect(can("expert", "runExperiments")).toBe(false);
  });

  it("has a home page per role", () => {
    for (const role of ROLES) expect(ROLE_HOME[role]).toMatch(/^\//);
  });
});
