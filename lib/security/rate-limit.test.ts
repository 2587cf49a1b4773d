import { describe, expect, it } from "vitest";
import { windowVerdict } from "./rate-limit";

const MIN = 60_000;
const LIMIT = { limit: 3, windowMs: 15 * MIN };
const NOW = 1_000_000_000;

describe("windowVerdict", () => {
  it("allows while fewer than `limit` failures are in the window", () => {
    expect(windowVerdict([], NOW, LIMIT)).toEqual({ allowed: true, remaining: 3 });
    expect(windowVerdict([NOW - MIN, NOW - 2 * MIN], NOW, LIMIT)).toEqual({ allowed: true, remaining: 1 });
  });

  it("refuses at the limit, until the oldest failure leaves the window", () => {
    const times = [NOW - 10 * MIN, NOW - 5 * MIN, NOW - MIN];
    expect(windowVerdict(times, NOW, LIMIT)).toEqual({ allowed: false, retryAfterS: 5 * 60 });
    expect(windowVerdict(times, NOW + 5 * MIN - 1, LIMIT)).toEqual({ allowed: false, retryAfterS: 1 });
    expect(windowVerdict(times, NOW + 5 * MIN, LIMIT).allowed).toBe(true);
  });

  it("waits for as many failures to leave as needed, in any order", () => {
    const times = [NOW - MIN, NOW - 14 * MIN, NOW - 2 * MIN, NOW - 13 * MIN, NOW - 3 * MIN];
    // 5 failures, limit 3: the third oldest (NOW - 3 min) must leave: 12 minutes.
    expect(windowVerdict(times, NOW, LIMIT)).toEqual({ allowed: false, retryAfterS: 12 * 60 });
  });

  it("ignores failures older than the window", () => {
    const times = [NOW - 16 * MIN, NOW - 15 * MIN, NOW - 20 * MIN];
    expect(windowVerdict(times, NOW, LIMIT)).toEqual({ allowed: true, remaining: 3 });
  });

  it("counts a concurrent attempt that read the clock later as one made now", () => {
    // A burst: this request read the clock first, the others a few ms later and stored their rows first.
    expect(windowVerdict([NOW + 3, NOW + 5], NOW, LIMIT)).toEqual({ allowed: true, remaining: 1 });
    expect(windowVerdict([NOW + 3, NOW + 5, NOW + 9], NOW, LIMIT)).toEqual({ allowed: false, retryAfterS: 15 * 60 });
  });

  it("rounds the wait up to whole seconds and never answers 0", () => {
    const times = [NOW - 15 * MIN + 1, NOW - MIN, NOW - MIN];
    expect(windowVerdict(times, NOW, LIMIT)).toEqual({ allowed: false, retryAfterS: 1 });
    const later = [NOW - 15 * MIN + 1500, NOW, NOW];
    expect(windowVerdict(later, NOW, LIMIT)).toEqual({ allowed: false, retryAfterS: 2 });
  });
});
