import { describe, expect, it, vi } from "vitest";
import { ZodError, z } from "zod";
import { FrameError } from "../binary-frame";
import { AppError } from "../errors";

vi.mock("server-only", () => ({}));
const signedIn = { value: true };
vi.mock("./auth", () => ({
  requireApiUser: vi.fn(async () => {
    if (!signedIn.value) throw new AppError("unauthenticated", "Sign in first.");
    return { id: "u1", email: "a@b.c", name: "A", role: "admin" };
  }),
}));
const { handler, readBinary, readJson } = await import("./api");

const ORIGIN = "http://localhost:3000";

function request(method: string, body?: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/x`, {
    method,
    body,
    headers: { host: "localhost:3000", ...headers },
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("handler", () => {
  const ok = handler("/api/x", async () => new Response(null, { status: 204 }));

  it("refuses a state-changing request from another origin before the route runs", async () => {
    const route = vi.fn(async () => new Response(null, { status: 204 }));
    const response = await handler("/api/x", route)(request("POST", "{}", { origin: "https://evil.example" }));
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toMatch(/this site's own pages/);
    expect(route).not.toHaveBeenCalled();
  });

  it("lets the app's own origin, reads from anywhere and non-browser clients through", async () => {
    expect((await ok(request("POST", "{}", { origin: ORIGIN }))).status).toBe(204);
    expect((await ok(request("GET", undefined, { origin: "https://evil.example" }))).status).toBe(204);
    expect((await ok(request("DELETE"))).status).toBe(204);
  });

  it("maps coded errors, zod errors and malformed frames to 4xx", async () => {
    const throwing = (error: unknown) =>
      handler("/api/x", async () => {
        throw error;
      })(request("GET"));
    expect((await throwing(new AppError("not_found", "No such thing."))).status).toBe(404);
    expect((await throwing(new ZodError([]))).status).toBe(422);
    const frame = await throwing(new FrameError("truncated", "The upload is shorter than its header."));
    expect(frame.status).toBe(400);
    expect(await errorOf(frame)).toEqual({ code: "bad_request", message: "The upload is shorter than its header." });
    const limited = await throwing(new AppError("rate_limited", "Too many.", undefined, 42));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("42");
  });

  it("answers anything unexpected with a generic 500 naming the request id it logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await handler("/api/x", async () => {
      throw new RangeError("secret internals");
    })(request("GET"));
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error.code).toBe("internal");
    const id = /\(request id ([0-9a-f]{8})\)\.$/.exec(error.message)?.[1];
    expect(id).toBeTruthy();
    expect(error.message).not.toContain("secret");
    expect(String(log.mock.calls[0]?.[0])).toContain(`${id} GET /api/x`);
    log.mockRestore();
  });

  it("answers a body cut off by the client with 400 and a warning, not a logged 500", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const aborted = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const response = await handler("/api/x", async () => {
      throw aborted;
    })(request("POST", "{}"));
    expect(response.status).toBe(400);
    expect(String(warn.mock.calls[0]?.[0])).toContain("the client aborted the request");
    expect(error).not.toHaveBeenCalled();
    warn.mockRestore();
    error.mockRestore();
  });

  it("adds HSTS over HTTPS only", async () => {
    expect((await ok(request("GET", undefined, { "x-forwarded-proto": "https" }))).headers.get("strict-transport-security")).toMatch(
      /max-age=/,
    );
    expect((await ok(request("GET"))).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("readJson", () => {
  const schema = z.object({ a: z.number() });
  const json = { "content-type": "application/json" };

  it("parses and validates", async () => {
    expect(await readJson(request("POST", '{"a":1}', json), schema)).toEqual({ a: 1 });
    await expect(readJson(request("POST", '{"a":"x"}', json), schema)).rejects.toBeInstanceOf(ZodError);
    await expect(readJson(request("POST", "{", json), schema)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("refuses NUL characters and unpaired surrogates (422) and deep nesting (400) before the schema", async () => {
    await expect(readJson(request("POST", '{"a":1,"n":"x\\u0000"}', json), schema)).rejects.toMatchObject({
      code: "invalid",
      status: 422,
      details: { path: "n" },
    });
    await expect(readJson(request("POST", '{"a":1,"n":"\\ud800"}', json), schema)).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/unpaired UTF-16 surrogate/),
    });
    const deep = `{"a":1,"x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    await expect(readJson(request("POST", deep, json), schema)).rejects.toMatchObject({ code: "bad_request", status: 400 });
  });

  it("refuses anonymous callers before reading, unless the route opts out", async () => {
    signedIn.value = false;
    try {
      const body = new ReadableStream({
        pull: () => {
          throw new Error("the body was read");
        },
      });
      await expect(readJson(request("POST", body, json), schema)).rejects.toMatchObject({ code: "unauthenticated" });
      expect(await readJson(request("POST", '{"a":2}', json), schema, { anonymous: true })).toEqual({ a: 2 });
    } finally {
      signedIn.value = true;
    }
  });

  it("accepts only application/json", async () => {
    for (const type of ["text/plain", "text/plain; application/json", "application/json; charset=latin1"]) {
      await expect(readJson(request("POST", '{"a":1}', { "content-type": type }), schema)).rejects.toMatchObject({
        code: "unsupported_media_type",
        status: 415,
      });
    }
  });

  it("caps the size on Content-Length and while streaming", async () => {
    const big = JSON.stringify({ a: 1, pad: "x".repeat(2000) });
    await expect(
      readJson(request("POST", big, { ...json, "content-length": String(big.length) }), schema, { maxBytes: 1024 }),
    ).rejects.toMatchObject({ code: "too_large", message: "The request body is larger than 1 KiB." });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => {
        pulled++;
        c.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    await expect(readJson(request("POST", endless, json), schema, { maxBytes: 4096 })).rejects.toMatchObject({ code: "too_large" });
    expect(pulled).toBeLessThan(20);
  });

  it("reads binary bodies with the same cap", async () => {
    expect(await readBinary(request("PUT", new Uint8Array([1, 2, 3])), 3)).toEqual(new Uint8Array([1, 2, 3]));
    await expect(readBinary(request("PUT", new Uint8Array(4)), 3)).rejects.toMatchObject({ code: "too_large" });
  });
});
