import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import bcrypt from "bcryptjs";
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import {
  completeRun,
  createRun,
  createTinyDataset,
  createUser,
  GOOD_PASSWORD,
  scoresFrame,
  signedInContext,
  signInApi,
  testAddress,
} from "./api-helpers";
import { sql } from "./e2e-db";
import { DEMO_DATASET, expect, test, USERS } from "./fixtures";
import { getJson, errorOf } from "./api";
import { csvMapping } from "./column-split-upload";

/**
 * The attacks found on main, replayed: cross-site request forgery, open redirects after sign-in,
 * sessions that outlive sign-out, password guessing, oversized and malformed bodies, and the headers.
 * Every refused request is checked to have changed nothing.
 */

async function userEmails(admin: APIRequestContext): Promise<string[]> {
  const { users } = await getJson<{ users: { email: string }[] }>(admin, "/api/admin/users");
  return users.map((u) => u.email);
}

/** Serves one HTML page from another port of localhost: another origin, but the same site. */
async function attackerPage(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

test.describe("cross-site request forgery", () => {
  test("a page on another origin of the same site cannot make an admin's browser create a user", async ({ page, session, baseURL }) => {
    await session.signInAs("admin");
    const email = `csrf-${Date.now()}@dqs.local`;
    const body = JSON.stringify({ email, name: "Mallory", password: GOOD_PASSWORD, role: "admin" });
    // text/plain needs no CORS preflight; the browser sends the admin's (SameSite=Lax) cookie to the same site.
    const { url, server } = await attackerPage(`<!doctype html><title>cute cats</title><script>
      fetch(${JSON.stringify(`${baseURL}/api/admin/users`)}, { method: "POST", mode: "no-cors", credentials: "include",
        headers: { "content-type": "text/plain" }, body: ${JSON.stringify(body)} })
        .then(() => { document.title = "sent"; }, (e) => { document.title = "failed " + e; });
    </script>`);
    try {
      const served = page.waitForResponse((r) => r.url().endsWith("/api/admin/users") && r.request().method() === "POST");
      await page.goto(url);
      const response = await served;
      expect(response.status()).toBe(403);
      await expect(page).toHaveTitle("sent");
    } finally {
      server.close();
    }
    expect(await userEmails(page.request)).not.toContain(email);
  });

  test("state-changing API calls need this site's Origin and exactly application/json", async ({ page, session, baseURL }) => {
    await session.signInAs("admin");
    const email = `csrf-api-${Date.now()}@dqs.local`;
    const data = JSON.stringify({ email, name: "Mallory", password: GOOD_PASSWORD, role: "admin" });
    const crossSite = await page.request.post("/api/admin/users", {
      data,
      headers: { origin: "http://localhost:1", "content-type": "application/json" },
    });
    expect(crossSite.status()).toBe(403);
    expect((await errorOf(crossSite)).message).toContain("must come from this site's own pages");
    const fetchSite = await page.request.post("/api/admin/users", {
      data,
      headers: { "sec-fetch-site": "same-site", "content-type": "application/json" },
    });
    expect(fetchSite.status()).toBe(403);
    for (const type of [
      "text/plain",
      "text/plain; application/json",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
    ]) {
      const response = await page.request.post("/api/admin/users", { data, headers: { "content-type": type } });
      expect(response.status(), type).toBe(415);
      expect((await errorOf(response)).message).toBe("Send the request body as application/json.");
    }
    // Sign-out too: another site may not sign a user out.
    expect((await page.request.post("/api/auth/signout", { headers: { origin: "https://evil.example" } })).status()).toBe(403);
    expect(await userEmails(page.request)).not.toContain(email);
    // The app's own origin, and reads from anywhere, still work.
    // (An expert, not an admin: another spec needs the demo admin to be the only one.)
    const asExpert = data.replace('"role":"admin"', '"role":"expert"');
    const own = await page.request.post("/api/admin/users", {
      data: asExpert,
      headers: { origin: baseURL ?? "", "content-type": "application/json; charset=utf-8" },
    });
    expect(own.status()).toBe(201);
    expect((await page.request.get("/api/auth/me", { headers: { origin: "https://evil.example" } })).status()).toBe(200);
  });
});

test.describe("sign-in redirects", () => {
  const hostile = [
    "%2F%09%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "%2F.%2F%2Fevil.example",
    "https%3A%2F%2Fevil.example",
    "%2F%0D%0ASet-Cookie%3A%20x%3D1",
  ];

  test("a hostile `next` never sends anyone to another host and never fails", async ({ page, baseURL }) => {
    const own = new URL(baseURL ?? "").host;
    for (const next of hostile) {
      const response = await page.goto(`/signin?next=${next}`);
      expect(response?.status(), next).toBe(200);
      await page.getByTestId("signin.email").fill(USERS.analyst.email);
      await page.getByTestId("signin.password").fill(USERS.analyst.password);
      await page.getByTestId("signin.submit").click();
      await expect(page, next).toHaveURL(/\/datasets$/);
      expect(new URL(page.url()).host).toBe(own);
      // Signed in, the sign-in page redirects at once: to the role's home, never elsewhere.
      const again = await page.goto(`/signin?next=${next}`);
      expect(again?.status(), next).toBe(200);
      expect(new URL(page.url()).host).toBe(own);
      await expect(page).toHaveURL(/\/datasets$/);
      await page.context().clearCookies();
    }
  });

  test("a same-origin `next` is still honoured", async ({ page }) => {
    await page.goto("/signin?next=%2Fexperiments%3Fx%3D1");
    await page.getByTestId("signin.email").fill(USERS.analyst.email);
    await page.getByTestId("signin.password").fill(USERS.analyst.password);
    await page.getByTestId("signin.submit").click();
    await expect(page).toHaveURL(/\/experiments\?x=1$/);
  });
});

test.describe("server-side sessions", () => {
  async function copyOfCookies(from: BrowserContext, into: BrowserContext): Promise<void> {
    const cookies = await from.cookies();
    expect(cookies.map((c) => c.name)).toContain("dqs_session");
    await into.addCookies(cookies);
  }

  test("a cookie copied before sign-out is refused after it", async ({ page, session, browser }) => {
    await session.signInAtHome("analyst");
    const thief = await browser.newContext();
    await copyOfCookies(page.context(), thief);
    expect((await thief.request.get("/api/auth/me")).status()).toBe(200);
    await page.getByTestId("nav.signout").click();
    await expect(page).toHaveURL(/\/signin$/);
    expect((await thief.request.get("/api/auth/me")).status()).toBe(401);
    const stolenPage = await thief.newPage();
    await stolenPage.goto("/datasets");
    await expect(stolenPage).toHaveURL(/\/signin\?next=%2Fdatasets$/);
    await thief.close();
  });

  test("a role change and a password change sign the user out everywhere", async ({ browser }) => {
    const admin = await signedInContext(browser, "admin");
    const user = await createUser(admin.request, "expert");
    const userContext = await signedInContext(browser, user);
    expect((await userContext.request.get("/api/auth/me")).status()).toBe(200);

    expect((await admin.request.patch(`/api/admin/users/${user.id}`, { data: { role: "analyst" } })).status()).toBe(200);
    expect((await userContext.request.get("/api/auth/me")).status()).toBe(401);

    expect((await signInApi(userContext.request, user.email, user.password)).status()).toBe(200);
    const me = await getJson<{ user: { role: string } }>(userContext.request, "/api/auth/me");
    expect(me.user.role).toBe("analyst");

    const weak = await admin.request.patch(`/api/admin/users/${user.id}`, { data: { password: "password123" } });
    expect(weak.status()).toBe(422);
    expect((await errorOf(weak)).message).toContain("most common passwords");
    expect((await userContext.request.get("/api/auth/me")).status()).toBe(200);

    const newPassword = "another-Good-pw-2";
    expect((await admin.request.patch(`/api/admin/users/${user.id}`, { data: { password: newPassword } })).status()).toBe(200);
    expect((await userContext.request.get("/api/auth/me")).status()).toBe(401);
    expect((await signInApi(userContext.request, user.email, user.password)).status()).toBe(401);
    expect((await signInApi(userContext.request, user.email, newPassword)).status()).toBe(200);
    await Promise.all([admin.close(), userContext.close()]);
  });
});

test.describe("passwords", () => {
  test("the policy refuses short and common passwords with a clear message", async ({ browser }) => {
    const admin = await signedInContext(browser, "admin");
    const cases: [string, string][] = [
      ["12345678", "Passwords have at least 10 characters."],
      ["password", "Passwords have at least 10 characters."],
      ["1234567890", "This is one of the most common passwords; choose another."],
      ["Password2024!", "This is a common word with digits or symbols around it; choose a longer, less predictable password."],
    ];
    for (const [password, message] of cases) {
      const email = `weak-${Date.now()}@dqs.local`;
      const response = await admin.request.post("/api/admin/users", { data: { email, name: "Weak", password, role: "expert" } });
      expect(response.status(), password).toBe(422);
      expect((await errorOf(response)).message).toBe(`password: ${message}`);
      expect(await userEmails(admin.request)).not.toContain(email);
    }
    await admin.close();
  });

  test("an old bcrypt hash still signs in once and is upgraded to Argon2id, which has no 72-byte cut", async ({ browser }) => {
    const admin = await signedInContext(browser, "admin");
    const long = `${"x".repeat(72)}-and-the-rest-counts`;
    const user = await createUser(admin.request, "analyst");
    await sql('UPDATE "User" SET "passwordHash" = $1 WHERE "email" = $2', [bcrypt.hashSync(long, 4), user.email]);
    const context = await browser.newContext();
    expect((await signInApi(context.request, user.email, long)).status()).toBe(200);
    const [row] = await sql<{ passwordHash: string }>('SELECT "passwordHash" FROM "User" WHERE "email" = $1', [user.email]);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    // bcrypt would have accepted any ending after byte 72; the upgraded hash does not.
    expect((await signInApi(context.request, user.email, `${"x".repeat(72)}-something-else`)).status()).toBe(401);
    expect((await signInApi(context.request, user.email, long)).status()).toBe(200);
    await Promise.all([admin.close(), context.close()]);
  });
});

test.describe("sign-in rate limit", () => {
  test("10 failures on an account give 429 with Retry-After, even with the right password and from elsewhere", async ({
    browser,
    request,
  }) => {
    const admin = await signedInContext(browser, "admin");
    const user = await createUser(admin.request, "expert");
    const address = testAddress();
    for (let i = 0; i < 10; i++) expect((await signInApi(request, user.email, `wrong-password-${i}`, address)).status()).toBe(401);
    for (const from of [address, testAddress()]) {
      const refused = await signInApi(request, user.email, user.password, from);
      expect(refused.status()).toBe(429);
      const retryAfter = Number(refused.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      const error = await errorOf(refused);
      expect(error.code).toBe("rate_limited");
      expect(error.message).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);
    }
    await admin.close();
  });

  test("a successful sign-in starts the account's count afresh", async ({ browser, request }) => {
    const admin = await signedInContext(browser, "admin");
    const user = await createUser(admin.request, "expert");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) expect((await signInApi(request, user.email, `wrong-password-${i}`)).status()).toBe(401);
      expect((await signInApi(request, user.email, user.password)).status()).toBe(200);
    }
    await admin.close();
  });

  test("30 failures from one address give it 429 for every account; other addresses are not affected", async ({ request }) => {
    const address = testAddress();
    const guesses = Array.from({ length: 30 }, (_, i) => `nobody-${i}-${Date.now()}@dqs.local`);
    for (const email of guesses) expect((await signInApi(request, email, "wrong-password", address)).status()).toBe(401);
    const refused = await signInApi(request, USERS.analyst.email, USERS.analyst.password, address);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await signInApi(request, USERS.analyst.email, USERS.analyst.password, testAddress())).status()).toBe(200);
  });

  test("a burst of 40 concurrent guesses gets at most 10 passwords checked", async ({ browser, request }) => {
    const admin = await signedInContext(browser, "admin");
    const user = await createUser(admin.request, "expert");
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInApi(request, user.email, `wrong-${i}`).then((r) => r.status())),
    );
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect((await request.get("/api/health")).status()).toBe(200);
    await admin.close();
  });
});

test.describe("request bodies", () => {
  test("anonymous bodies are refused before they are read; large ones with 413", async ({ browser, request, baseURL }) => {
    const big = Buffer.alloc(32 * 1024 * 1024, 0x20);
    const started = Date.now();
    const anonymous = await request.post("/api/runs", { data: big, headers: { "content-type": "application/json" } });
    expect(anonymous.status()).toBe(401);
    expect(Date.now() - started).toBeLessThan(15_000);

    const admin = await signedInContext(browser, "admin");
    const declared = await admin.request.post("/api/runs", {
      data: Buffer.alloc(2 * 1024 * 1024, 0x20),
      headers: { "content-type": "application/json" },
    });
    expect(declared.status()).toBe(413);
    expect((await errorOf(declared)).message).toBe("The request body is larger than 1 MiB.");

    // No Content-Length (chunked): the cap applies while streaming.
    const cookie = (await admin.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await fetch(`${baseURL}/api/runs`, {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json", cookie },
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(streamed.status).toBe(413);

    const signIn = await request.post("/api/auth/signin", { data: { email: USERS.admin.email, password: "x".repeat(8000) } });
    expect(signIn.status()).toBe(413);
    await admin.close();
  });
});

test.describe("bad input is a 4xx, never a 500", () => {
  test("malformed score and weight frames, duplicate picks and impossible split ratios change nothing", async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await signedInContext(browser, "admin");
    const api = admin.request;
    const { datasetId, sequences } = await createTinyDataset(api);
    const runId = await createRun(api, datasetId);
    const first = sequences[0];
    if (!first) throw new Error("the tiny dataset has no sequence");
    const octet = { "content-type": "application/octet-stream" };

    const frames: [string, Buffer, number][] = [
      ["two bytes", Buffer.from([1, 2]), 400],
      ["a header longer than the upload", Buffer.from([200, 0, 0, 0, 123]), 400],
      ["a header that is not JSON", Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from("{{{")]), 400],
      ["an odd number of body bytes", scoresFrame(first.id, first.length, 2, first.length * 3 * 4 - 3), 422],
      ["too few values", scoresFrame(first.id, first.length, 2, 8), 422],
    ];
    for (const [what, data, status] of frames) {
      const response = await api.put(`/api/runs/${runId}/scores`, { data, headers: octet });
      expect(response.status(), what).toBe(status);
      expect((await errorOf(response)).code, what).toMatch(/^(bad_request|invalid)$/);
    }
    for (const data of [Buffer.from([9]), Buffer.from([50, 0, 0, 0, 1, 2])]) {
      expect((await api.put(`/api/runs/${runId}/weights`, { data, headers: octet })).status()).toBe(400);
    }
    expect((await api.get(`/api/runs/${runId}/scores/${first.id}`)).status()).toBe(404);
    expect((await api.get(`/api/runs/${runId}/weights`)).status()).toBe(404);

    await completeRun(api, runId, sequences);
    const [a, b] = sequences;
    if (!a || !b) throw new Error("the tiny dataset has fewer than two sequences");
    const batch = (picks: { key: string; rank: number }[]) => ({
      strategy: "random",
      budget: picks.length,
      seed: 1,
      segmentLength: null,
      threshold: null,
      picks: picks.map((p) => ({ ...p, reason: "e2e" })),
    });
    const cases: [string, { key: string; rank: number }[], string][] = [
      [
        "the same rank twice",
        [
          { key: `${a.id}:0-${a.length}`, rank: 0 },
          { key: `${b.id}:0-${b.length}`, rank: 0 },
        ],
        "Rank 0 is given twice in this batch",
      ],
      [
        "the same stretch twice",
        [
          { key: `${a.id}:0-10`, rank: 0 },
          { key: `${a.id}:0-10`, rank: 1 },
        ],
        `The stretch ${a.id}:0-10 is picked twice in this batch`,
      ],
      [
        "one stretch written two ways",
        [
          { key: `${a.id}:0-10`, rank: 0 },
          { key: `${a.id}:00-10`, rank: 1 },
        ],
        `The stretch ${a.id}:0-10 is picked twice in this batch.`,
      ],
    ];
    for (const [what, picks, message] of cases) {
      const response = await api.post(`/api/runs/${runId}/batches`, { data: batch(picks) });
      expect(response.status(), what).toBe(422);
      expect((await errorOf(response)).message, what).toContain(message);
    }
    const { batches, queriedKeys } = await getJson<{ batches: unknown[]; queriedKeys: string[] }>(api, `/api/runs/${runId}/batches`);
    expect(batches).toEqual([]);
    expect(queriedKeys).toEqual([]);

    const name = `Impossible split ${Date.now()}`;
    const mapping = csvMapping(name, { sequenceColumn: null, split: { kind: "ratios", train: 0, validation: 0, test: 1, seed: 1 } });
    const upload = await api.post("/api/datasets/uploads", { data: { mapping, files: [{ name: "one.csv", size: 10 }] } });
    expect(upload.status()).toBe(422);
    expect((await errorOf(upload)).message).toBe("mapping.split.train: The train ratio must be above 0: a detector needs training data");
    const { datasets } = await getJson<{ datasets: { name: string }[] }>(api, "/api/datasets");
    expect(datasets.map((d) => d.name)).not.toContain(name);
    await admin.close();
  });
});

test.describe("headers", () => {
  test("pages carry a nonce-based CSP that Next's scripts follow, and a Permissions-Policy", async ({ page }) => {
    const response = await page.goto("/signin");
    const headers = response?.headers() ?? {};
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["strict-transport-security"]).toBeUndefined();
    // Every script the server rendered carries the nonce (what they load is trusted through 'strict-dynamic').
    const html = (await response?.text()) ?? "";
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce on every response.
    const again = (await page.goto("/signin"))?.headers()["content-security-policy"];
    expect(again).not.toBe(csp);
  });

  test("HSTS only when served over HTTPS", async ({ request }) => {
    const page = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    const api = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
    expect(api.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect((await request.get("/api/health")).headers()["strict-transport-security"]).toBeUndefined();
  });

  test("the health check says it is up and nothing else", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  test("the pages every role uses run without a CSP violation", async ({ page, session }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const messages: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) messages.push(m.text());
    });
    const violations = async () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    await session.signInAtHome("admin");
    expect(await violations()).toEqual([]);
    for (const path of ["/admin/users", "/datasets", "/datasets/upload", "/experiments", "/admin/bench"]) {
      await page.goto(path);
      await page.waitForLoadState("load");
      expect(await violations(), path).toEqual([]);
    }
    // The viewer draws with ECharts (inline styles) from data fetched by the page.
    await page.goto("/datasets");
    await page.getByTestId("datasets.row").filter({ hasText: DEMO_DATASET }).getByRole("link").click();
    await page.getByTestId("sequences.row").first().getByTestId("sequences.link").click();
    await expect(page.getByTestId("viewer.chart")).toHaveAttribute("data-ready", "true");
    expect(await violations(), "sequence viewer").toEqual([]);
    expect(messages).toEqual([]);
  });
});
