import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { can, type Permission, ROLES, type Role } from "../lib/roles";
import { signedInContext } from "./api-helpers";
import { DEMO_DATASET, expect, test } from "./fixtures";
import { getJson } from "./api";

/**
 * Every route handler under app/api — found in the file tree, so a new route without an entry in
 * ACCESS fails here — called by an anonymous visitor and by each role: 401 for anonymous callers
 * where a user is needed, 403 for a role without the permission (lib/roles.ts), and for the others
 * anything but 401/403 and never a 5xx. The calls use harmless inputs (empty bodies, unknown ids),
 * so nothing is changed.
 */

/** Who may call each route: a permission of lib/roles.ts, any signed-in user, or anyone. */
type Access = Permission | "signedIn" | "public";

const ACCESS: Record<string, Access> = {
  "GET /api/admin/users": "manageUsers",
  "POST /api/admin/users": "manageUsers",
  "PATCH /api/admin/users/[id]": "manageUsers",
  "GET /api/auth/me": "signedIn",
  "POST /api/auth/signin": "public",
  "POST /api/auth/signout": "public",
  "GET /api/datasets": "viewDatasets",
  "GET /api/datasets/[id]": "viewDatasets",
  "DELETE /api/datasets/[id]": "deleteData",
  "PATCH /api/datasets/[id]/splits": "editSplits",
  "GET /api/datasets/[id]/assignments": "manageUsers",
  "PUT /api/datasets/[id]/assignments": "manageUsers",
  "GET /api/datasets/[id]/sequences/[sequenceId]/raw": "startRuns",
  "POST /api/datasets/uploads": "uploadDatasets",
  "GET /api/datasets/uploads/[uploadId]": "uploadDatasets",
  "DELETE /api/datasets/uploads/[uploadId]": "uploadDatasets",
  "PUT /api/datasets/uploads/[uploadId]/files/[index]": "uploadDatasets",
  "POST /api/datasets/uploads/[uploadId]/import": "uploadDatasets",
  "GET /api/experiments": "analyse",
  "POST /api/experiments": "runExperiments",
  "GET /api/experiments/[id]": "analyse",
  "DELETE /api/experiments/[id]": "runExperiments",
  "GET /api/experiments/[id]/download": "analyse",
  "GET /api/health": "public",
  "POST /api/labels": "label",
  "DELETE /api/labels/[clientId]": "label",
  "PUT /api/queries/[id]/resolution": "resolveLabels",
  "GET /api/runs": "viewDatasets",
  "POST /api/runs": "startRuns",
  "GET /api/runs/[id]": "viewDatasets",
  "PATCH /api/runs/[id]": "startRuns",
  "DELETE /api/runs/[id]": "deleteData",
  "PUT /api/runs/[id]/manual-threshold": "setThresholds",
  "GET /api/runs/[id]/batches": "viewDatasets",
  "GET /api/runs/[id]/counterfactuals": "viewDatasets",
  "PUT /api/runs/[id]/counterfactuals": "viewDatasets",
  "POST /api/runs/[id]/batches": "requestQueries",
  "GET /api/runs/[id]/export": "analyse",
  "POST /api/runs/[id]/interrupt": "startRuns",
  "GET /api/runs/[id]/labels": "viewDatasets",
  "GET /api/runs/[id]/metrics": "analyse",
  "PUT /api/runs/[id]/scores": "startRuns",
  "GET /api/runs/[id]/scores/[sequenceId]": "viewDatasets",
  "GET /api/runs/[id]/scores/[sequenceId]/channels": "viewDatasets",
  "GET /api/runs/[id]/scores/all": "viewDatasets",
  "GET /api/runs/[id]/thresholds": "viewDatasets",
  "GET /api/runs/[id]/weights": "viewDatasets",
  "PUT /api/runs/[id]/weights": "startRuns",
  "GET /api/sequences/[id]/ground-truth": "viewGroundTruth",
  "GET /api/sequences/[id]/series": "viewDatasets",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
/** `wrapped`: exported as `handler(…)` (lib/server/api.ts), which adds the origin check and maps errors. */
type Route = { method: Method; pattern: string; wrapped: boolean };

/** Every exported method of every app/api/**\/route.ts, as "METHOD /api/…/[param]". */
function discoverRoutes(dir = path.join("app", "api")): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...discoverRoutes(full));
    else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
      const source = readFileSync(full, "utf8");
      const pattern = `/${path.relative("app", dir).split(path.sep).join("/")}`;
      for (const method of METHODS) {
        if (new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source)) {
          routes.push({ method, pattern, wrapped: new RegExp(`export\\s+const\\s+${method}\\s*=\\s*handler\\(`).test(source) });
        }
      }
    }
  }
  return routes;
}

type Caller = Role | "anonymous";

function expected(access: Access, caller: Caller): "401" | "403" | "ok" {
  if (access === "public") return "ok";
  if (caller === "anonymous") return "401";
  if (access === "signedIn") return "ok";
  return can(caller, access) ? "ok" : "403";
}

test("every route handler answers each role as lib/roles.ts says", async ({ browser, playwright, baseURL }, testInfo) => {
  test.setTimeout(3 * 60_000);
  const routes = discoverRoutes();
  const missing = routes.map((r) => `${r.method} ${r.pattern}`).filter((key) => !(key in ACCESS));
  expect(missing, "routes without an entry in ACCESS (e2e/access.spec.ts)").toEqual([]);
  const gone = Object.keys(ACCESS).filter((key) => !routes.some((r) => `${r.method} ${r.pattern}` === key));
  expect(gone, "entries in ACCESS without a route").toEqual([]);
  const bare = routes.filter((r) => !r.wrapped).map((r) => `${r.method} ${r.pattern}`);
  expect(bare, "route handlers not wrapped in handler() from lib/server/api.ts").toEqual([]);

  const contexts = await Promise.all(ROLES.map((role) => signedInContext(browser, role)));
  const anonymous = await playwright.request.newContext({ baseURL });
  const callers = new Map<Caller, APIRequestContext>([
    ["anonymous", anonymous],
    ...ROLES.map((role, i) => [role, contexts[i]?.request] as [Caller, APIRequestContext]),
  ]);

  // Real ids where a read can succeed (the demo dataset, assigned to the demo expert); unknown ones elsewhere.
  const admin = callers.get("admin");
  if (!admin) throw new Error("no admin");
  const { datasets } = await getJson<{ datasets: { id: string; name: string }[] }>(admin, "/api/datasets");
  const datasetId = datasets.find((d) => d.name === DEMO_DATASET)?.id ?? "";
  const { sequences } = await getJson<{ sequences: { id: string }[] }>(admin, `/api/datasets/${datasetId}`);
  const sequenceId = sequences[0]?.id ?? "";
  expect(datasetId && sequenceId).toBeTruthy();

  function url(pattern: string): string {
    return pattern
      .replace(/^\/api\/datasets\/\[id\]/, `/api/datasets/${datasetId}`)
      .replace(/^\/api\/sequences\/\[id\]/, `/api/sequences/${sequenceId}`)
      .replace("[sequenceId]", sequenceId)
      .replace("[uploadId]", "00000000-0000-0000-0000-000000000000")
      .replace("[index]", "0")
      .replace("[clientId]", randomUUID())
      .replace("[id]", "e2e-no-such-id");
  }

  async function call(request: APIRequestContext, { method, pattern }: Route): Promise<APIResponse> {
    const binary = /\/(scores|weights|files\/\[index\])$/.test(pattern);
    const options =
      method === "GET" ? {} : binary ? { data: Buffer.alloc(0), headers: { "content-type": "application/octet-stream" } } : { data: {} };
    return request.fetch(url(pattern), { method, ...options });
  }

  // Signing out ends the caller's session: last.
  const ordered = [...routes].sort((a, b) => Number(a.pattern === "/api/auth/signout") - Number(b.pattern === "/api/auth/signout"));
  const wrong: string[] = [];
  let calls = 0;
  for (const route of ordered) {
    const access = ACCESS[`${route.method} ${route.pattern}`] ?? "public";
    for (const [caller, request] of callers) {
      const status = (await call(request, route)).status();
      calls++;
      const want = expected(access, caller);
      const ok = want === "ok" ? status < 500 && status !== 401 && status !== 403 : String(status) === want;
      if (!ok)
        wrong.push(`${route.method} ${route.pattern} as ${caller}: ${status}, expected ${want === "ok" ? "2xx or another 4xx" : want}`);
    }
  }
  const size = `access matrix: ${routes.length} route handlers × ${callers.size} callers = ${calls} calls`;
  console.log(size);
  testInfo.annotations.push({ type: "matrix", description: size });
  expect(wrong).toEqual([]);
  await Promise.all([anonymous.dispose(), ...contexts.map((c) => c.close())]);
});
