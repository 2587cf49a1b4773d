import { describe, expect, it } from "vitest";
import { updateUserSchema } from "./user";

describe("updateUserSchema", () => {
  it("takes a role, a password, or whether the account is active", () => {
    expect(updateUserSchema.parse({ role: "analyst" })).toEqual({ role: "analyst" });
    expect(updateUserSchema.parse({ active: false })).toEqual({ active: false });
    expect(updateUserSchema.parse({ active: true })).toEqual({ active: true });
  });

  it("refuses an empty change, and a deactivation mixed with another change", () => {
    const empty = updateUserSchema.safeParse({});
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toContain("Give a role or a password");
    const mixed = updateUserSchema.safeParse({ active: false, role: "expert" });
    expect(mixed.error?.issues[0]?.message).toContain("on its own");
    expect(updateUserSchema.safeParse({ active: "no" }).success).toBe(false);
  });
});
