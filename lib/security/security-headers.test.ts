import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, createNonce, PERMISSIONS_POLICY, servedOverHttps } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name = "", ...values]) => [name, values]),
  );
}

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only, with wasm but no JavaScript eval in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc", dev: false, https: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval in development and the upgrade over HTTPS", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc", dev: true, https: true }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("headers", () => {
  it("switches off the camera and friends", () => {
    expect(PERMISSIONS_POLICY).toContain("camera=()");
    expect(PERMISSIONS_POLICY).toContain("geolocation=()");
  });

  it("knows HTTPS from the URL or a proxy's X-Forwarded-Proto", () => {
    expect(servedOverHttps(new Headers(), "https://dqs.example/")).toBe(true);
    expect(servedOverHttps(new Headers(), "http://localhost:3000/")).toBe(false);
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "https" }), "http://10.0.0.1/")).toBe(true);
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "http" }), "https://x/")).toBe(false);
  });

  it("makes a different nonce each time", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});

describe("next.config.mjs", () => {
  it("sends the same Permissions-Policy and API policy as this module", async () => {
    const { default: config } = await import("../../next.config.mjs");
    const rules = (await config.headers?.()) ?? [];
    const all = rules.flatMap((r) => r.headers.map((h) => [`${r.source} ${h.key}`, h.value] as const));
    const byKey = new Map(all);
    expect(byKey.get("/:path* Permissions-Policy")).toBe(PERMISSIONS_POLICY);
    expect(byKey.get("/api/:path* Content-Security-Policy")).toBe(API_CONTENT_SECURITY_POLICY);
  });
});
