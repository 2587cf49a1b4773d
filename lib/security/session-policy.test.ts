import { describe, expect, it } from "vitest";
import { needsTouch, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionStatus } from "./session-policy";

const start = new Date("2026-01-01T08:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const fresh = { lastSeenAt: start, expiresAt: at(SESSION_ABSOLUTE_MS), revokedAt: null };

describe("sessionStatus", () => {
  it("is valid while used within the idle limit and before the absolute end", () => {
    expect(sessionStatus(fresh, start)).toBe("valid");
    expect(sessionStatus(fresh, at(SESSION_IDLE_MS - 1))).toBe("valid");
    expect(sessionStatus({ ...fresh, lastSeenAt: at(SESSION_ABSOLUTE_MS - 1000) }, at(SESSION_ABSOLUTE_MS - 1))).toBe("valid");
  });

  it("ends after 2 h without use", () => {
    expect(sessionStatus(fresh, at(SESSION_IDLE_MS))).toBe("idle");
  });

  it("ends 12 h after sign-in however busy it is", () => {
    expect(sessionStatus({ ...fresh, lastSeenAt: at(SESSION_ABSOLUTE_MS - 1) }, at(SESSION_ABSOLUTE_MS))).toBe("expired");
  });

  it("ends at once when revoked", () => {
    expect(sessionStatus({ ...fresh, revokedAt: start }, start)).toBe("revoked");
  });

  it("is touched at most once a minute", () => {
    expect(needsTouch(fresh, at(59_999))).toBe(false);
    expect(needsTouch(fresh, at(60_000))).toBe(true);
  });
});
