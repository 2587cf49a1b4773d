import { describe, expect, it } from "vitest";
import { checkSameOrigin, clientAddress, isJsonContentType, requestOrigin } from "./request-guard";

const allowed = ["http://localhost:3000"];

function headers(values: Record<string, string>) {
  return new Headers(values);
}

describe("checkSameOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(checkSameOrigin({ method, origin: "https://evil.example", secFetchSite: "cross-site", allowed }).ok).toBe(true);
    }
  });

  it("accepts a state-changing request from the app's own origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(checkSameOrigin({ method, origin: "http://localhost:3000", secFetchSite: "same-origin", allowed }).ok).toBe(true);
    }
  });

  it("refuses another origin, another port or scheme, and the opaque origin", () => {
    for (const origin of [
      "https://evil.example",
      "http://localhost:3001",
      "https://localhost:3000",
      "http://localhost.evil.example:3000",
      "null",
    ]) {
      const verdict = checkSameOrigin({ method: "POST", origin, secFetchSite: null, allowed });
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toMatch(/this site's own pages/);
    }
  });

  it("an Origin decides even when Sec-Fetch-Site claims same-origin", () => {
    expect(checkSameOrigin({ method: "POST", origin: "https://evil.example", secFetchSite: "same-origin", allowed }).ok).toBe(false);
  });

  it("without Origin, Sec-Fetch-Site decides", () => {
    expect(checkSameOrigin({ method: "POST", origin: null, secFetchSite: "same-origin", allowed }).ok).toBe(true);
    expect(checkSameOrigin({ method: "POST", origin: null, secFetchSite: "none", allowed }).ok).toBe(true);
    expect(checkSameOrigin({ method: "POST", origin: null, secFetchSite: "same-site", allowed }).ok).toBe(false);
    expect(checkSameOrigin({ method: "DELETE", origin: null, secFetchSite: "cross-site", allowed }).ok).toBe(false);
  });

  it("lets a client that sends neither header through (not a browser, so no forged request)", () => {
    expect(checkSameOrigin({ method: "POST", origin: null, secFetchSite: null, allowed }).ok).toBe(true);
  });
});

describe("requestOrigin", () => {
  it("uses the Host header and the URL's scheme", () => {
    expect(requestOrigin(headers({ host: "localhost:3000" }), "http://localhost:3000/api/x")).toBe("http://localhost:3000");
  });

  it("prefers what a reverse proxy forwarded", () => {
    const h = headers({ host: "10.0.0.5:3000", "x-forwarded-host": "dqs.example.com", "x-forwarded-proto": "https" });
    expect(requestOrigin(h, "http://10.0.0.5:3000/api/x")).toBe("https://dqs.example.com");
  });

  it("drops default ports as browsers do in Origin", () => {
    expect(requestOrigin(headers({ host: "dqs.example.com:443", "x-forwarded-proto": "https" }), "http://x/")).toBe(
      "https://dqs.example.com",
    );
  });

  it("gives null for nonsense", () => {
    expect(requestOrigin(headers({ host: "a b" }), "http://x/")).toBeNull();
    expect(requestOrigin(headers({ host: "x", "x-forwarded-proto": "ftp" }), "http://x/")).toBeNull();
  });
});

describe("isJsonContentType", () => {
  it("accepts application/json with an optional UTF-8 charset", () => {
    for (const value of [
      "application/json",
      "Application/JSON",
      "application/json; charset=utf-8",
      "application/json;charset=UTF-8",
      'application/json; charset="utf-8"',
    ]) {
      expect(isJsonContentType(value)).toBe(true);
    }
  });

  it("refuses everything a cross-site form or a no-preflight fetch could send", () => {
    for (const value of [
      null,
      "",
      "text/plain",
      "text/plain; application/json",
      "text/plain;application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=application/json",
      "application/json-patch+json",
      "application/jsonx",
      "application/json; charset=latin1",
      "application/json; foo=bar",
    ]) {
      expect(isJsonContentType(value)).toBe(false);
    }
  });
});

describe("clientAddress", () => {
  it("is the rightmost entry with no or one trusted proxy", () => {
    expect(clientAddress("203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.1, 203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.1, 203.0.113.7", 1)).toBe("203.0.113.7");
  });

  it("skips the addresses of trusted proxies after the first", () => {
    expect(clientAddress("forged, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("says unknown when there is nothing", () => {
    expect(clientAddress(null, 0)).toBe("unknown");
    expect(clientAddress(" , ", 1)).toBe("unknown");
  });
});
