import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts the demo accounts' passwords and ordinary long ones", () => {
    for (const pw of [
      "admin-demo-pw",
      "expert-demo-pw",
      "analyst-demo-pw",
      "long-enough",
      "correct horse battery staple",
      "Tr0ub4dor&3x",
    ]) {
      expect(passwordProblem(pw)).toBeNull();
    }
  });

  it("refuses short passwords with the rule in the message", () => {
    expect(passwordProblem("12345678")).toBe("Passwords have at least 10 characters.");
    expect(passwordProblem("password")).toBe("Passwords have at least 10 characters.");
    expect(passwordProblem("abcdefghi")).toMatch(/at least 10/);
  });

  it("refuses overly long passwords", () => {
    expect(passwordProblem("x".repeat(PASSWORD_MAX_LENGTH + 1))).toMatch(/at most 200/);
    expect(passwordProblem(`${"long-pass-".repeat(19)}0123456789`)).toBeNull();
  });

  it.each(["1234567890", "qwertyuiop", "Password123", "PASSWORD1234", "iloveyou123", "1q2w3e4r5t"])(
    "refuses the common password %s",
    (pw) => {
      expect(passwordProblem(pw)).toBe("This is one of the most common passwords; choose another.");
    },
  );

  it.each(["Password2024!", "P@ssw0rd2024", "!!welcome!!2025", "qwerty-2024-", "Administrator1"])(
    "refuses a common word dressed up: %s",
    (pw) => {
      expect(passwordProblem(pw)).toMatch(/common/);
    },
  );

  it("refuses one repeated character and the account's own email", () => {
    expect(passwordProblem("zzzzzzzzzzzz")).toMatch(/repeated/);
    expect(passwordProblem("eva.expert@dqs.local", "Eva.Expert@dqs.local")).toMatch(/email/);
    expect(passwordProblem("eva.expert", "eva.expert@dqs.local")).toMatch(/email/);
    expect(passwordProblem("eva.expert-and-more", "eva.expert@dqs.local")).toBeNull();
  });
});
