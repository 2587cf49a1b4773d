import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { dummyHash, hashPassword, verifyPassword } = await import("./passwords");

describe("passwords", () => {
  it("hashes with Argon2id and verifies", async () => {
    const stored = await hashPassword("admin-demo-pw");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("admin-demo-pw", stored)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword("admin-demo-pX", stored)).toEqual({ ok: false, needsRehash: false });
  });

  it("has no 72-byte cut", async () => {
    const long = `${"a".repeat(72)}-the-rest-matters`;
    const stored = await hashPassword(long);
    expect((await verifyPassword(long, stored)).ok).toBe(true);
    expect((await verifyPassword(`${"a".repeat(72)}-something-else`, stored)).ok).toBe(false);
  });

  it("verifies an old bcrypt hash once and asks for an upgrade", async () => {
    const legacy = bcrypt.hashSync("expert-demo-pw", 4);
    expect(await verifyPassword("expert-demo-pw", legacy)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword("wrong-password", legacy)).toEqual({ ok: false, needsRehash: false });
  });

  it("asks for an upgrade of Argon2 hashes with other parameters", async () => {
    const { hash } = await import("@node-rs/argon2");
    const weaker = await hash("analyst-demo-pw", { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword("analyst-demo-pw", weaker)).toEqual({ ok: true, needsRehash: true });
  });

  it("refuses anything that is not a known hash", async () => {
    for (const stored of ["", "plain-text", "$argon2id$broken", "$2b$10$short"]) {
      expect(await verifyPassword("plain-text", stored)).toEqual({ ok: false, needsRehash: false });
    }
  });

  it("has a dummy hash that no password matches", async () => {
    expect((await verifyPassword("", await dummyHash())).ok).toBe(false);
    expect(await dummyHash()).toBe(await dummyHash());
  });

  it("hashes many at once without failing (the rest wait their turn)", async () => {
    const hashes = await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`password-number-${i}`)));
    expect(new Set(hashes).size).toBe(8);
  });
});
