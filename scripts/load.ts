/**
 * Load test on loopback against the production build (`next build` first, for the database's provider):
 * starts the app on a fresh database, seeds through the real API (a small dataset, a run with stored
 * scores, a batch of queries, the experts and their assignment), then
 * - labels: `--experts` experts, each signed in with its own cookie, submit `--labels` labels at once,
 *   10 % of them sent twice with the same client id and 5 % aborted mid-flight and sent again;
 * - series reads: `--reads` concurrent reads of the demo dataset's series (the viewer's API, 1,000
 *   points per channel, 8 channels);
 * and checks: exactly the unique labels stored, the stored threshold equal to what the same lib/ code
 * gives for them, one threshold step per label, no 5xx. Prints requests/s and p50/p95/p99 and writes
 * them to .data/load/<database>.json; `--table` prints the side-by-side table of those files.
 *
 *   npx tsx --conditions=react-server scripts/load.ts [--db sqlite|postgresql://…] [--experts 50]
 *     [--labels 2000] [--reads 200] [--port 3500] [--instances N (app instances on one database, ports from --port)]
 * `npm run load` (scripts/load.sh) builds and runs it on SQLite and on a local PostgreSQL.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { columnSplitUpload } from "../e2e/column-split-upload";
import { expectedThreshold, thresholds, type ApiReader } from "../e2e/expected-threshold";
import { storeScoredRun, type RunWriter } from "../e2e/scored-run";
import { effectiveLabel, type LabelledQuery } from "../lib/labelling/labels";
import { formatLoadTable, loadPlan, summarise, type LatencySummary, type Submission } from "../lib/load-plan";
import type { ThresholdView } from "../lib/threshold/view";

const ADMIN = { email: "admin@dqs.local", password: "admin-demo-pw" };
const DEMO_DATASET = "PATH demo (EV powertrain)";
const QUERIES = 40;
const ANOMALOUS = 10;
const LENGTH = 60;
const ONSET = 30;
const RESULTS = path.join(".data", "load");
const SHARED_SECRET = randomUUID() + randomUUID();

type Options = { db: string; experts: number; labels: number; reads: number; port: number; instances: number; table: boolean };

function options(argv: string[]): Options {
  const value = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
  };
  const count = (flag: string, fallback: number) => {
    const n = Number(value(flag, String(fallback)));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number ≥ 1`);
    return n;
  };
  return {
    db: value("--db", "sqlite"),
    experts: count("--experts", 50),
    labels: count("--labels", 2000),
    reads: count("--reads", 200),
    port: count("--port", 3500),
    instances: count("--instances", 1),
    table: argv.includes("--table"),
  };
}

const databaseName = (o: Options) => `${o.db === "sqlite" ? "sqlite" : "postgresql"}${o.instances > 1 ? `, ${o.instances} instances` : ""}`;

/** A signed-in HTTP client with its own cookies; counts every status it gets. */
class Client {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly statuses: Map<number, number>,
  ) {}

  /** The same user (the same cookies) on another instance of the app. */
  at(base: string): Client {
    const other = new Client(base, this.statuses);
    other.cookies = this.cookies;
    return other;
  }

  async send(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const binary = body instanceof Uint8Array;
    const response = await fetch(this.base + url, {
      method,
      signal,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body === undefined ? {} : { "content-type": binary ? "application/octet-stream" : "application/json" }),
      },
      body: body === undefined ? undefined : binary ? new Blob([body.slice()]) : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    return response;
  }

  async json<T>(method: string, url: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const response = await this.send(method, url, body);
    const text = await response.text();
    if (!expect.includes(response.status)) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  async bytes(url: string): Promise<ArrayBuffer> {
    const response = await this.send("GET", url);
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    return response.arrayBuffer();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.json("POST", "/api/auth/signin", { email, password });
  }
}

/** An app instance on `port`; the first one resets the database (every instance shares it). */
function startServer(o: Options, port: number, reset: boolean): ChildProcess {
  const dataDir = path.join(".data", `load-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    DATABASE_URL: o.db === "sqlite" ? `file:./.data/load-${o.port}.db` : o.db,
    DATA_DIR: `./${dataDir}`,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    // Instances that share users must share the secret sessions are sealed with (README: deploying several).
    SESSION_SECRET: process.env.SESSION_SECRET ?? SHARED_SECRET,
  };
  if (reset) {
    const done = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db.ts", "reset"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (done.status !== 0) throw new Error("could not reset the database (is the Prisma client generated for it?)");
  }
  // The server's log (aborted requests are logged there) goes to a file beside its data.
  const log = openSync(`${dataDir}.log`, "w");
  return spawn("npx", ["next", "start", "-p", String(port), "--keepAliveTimeout", "65000"], {
    env,
    stdio: ["ignore", log, log],
    detached: true,
  });
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer at ${base}/api/health within 2 minutes (run \`next build\` first)`);
}

/** Scores: queries 0–9 rise to 5 + k/10 from step ONSET (anomalous-looking); the rest have one bump below 3. */
function scoreOf(k: number): Float32Array {
  const s = new Float32Array(LENGTH).fill(1 + 0.01 * k);
  if (k < ANOMALOUS) s.fill(5 + k / 10, ONSET);
  else s[10 + (k % 20)] = 2 + k / 50;
  return s;
}

type Seeded = {
  runId: string;
  versionBefore: number;
  queryIds: string[];
  experts: { email: string; password: string }[];
  demoSequences: string[];
};

/** Seeds through the API; with several instances the upload is staged on the last one and imported on the first. */
async function seed(admins: readonly Client[], o: Options): Promise<Seeded> {
  const admin = admins[0]!;
  const stager = admins[admins.length - 1]!;
  await admin.signIn(ADMIN.email, ADMIN.password);
  const names = Array.from({ length: QUERIES }, (_, k) => `q${String(k).padStart(2, "0")}`);
  const { csv, mapping } = columnSplitUpload(`Load ${Date.now()}`, names, LENGTH, 5);
  const { uploadId } = await admin.json<{ uploadId: string }>("POST", "/api/datasets/uploads", {
    mapping,
    files: [{ name: "load.csv", size: Buffer.byteLength(csv) }],
  });
  const put = await stager.send("PUT", `/api/datasets/uploads/${uploadId}/files/0`, new TextEncoder().encode(csv));
  if (put.status !== 200) throw new Error(`upload: ${put.status} ${await put.text()}`);
  const { datasetId } = await admin.json<{ datasetId: string }>("POST", `/api/datasets/uploads/${uploadId}/import`, {});
  const { sequences } = await admin.json<{ sequences: { id: string; name: string; length: number }[] }>(
    "GET",
    `/api/datasets/${datasetId}`,
  );
  const byName = new Map(sequences.map((s) => [s.name, s]));

  const writer: RunWriter = { send: (method, url, data) => admin.json(method, url, data, [200, 201, 204]) };
  const ordered = names.map((name, k) => ({ ...byName.get(name)!, k }));
  const run = { id: await storeScoredRun(writer, datasetId, ordered, (s) => scoreOf(s.k), 1.5) };
  const picks = names.map((name, rank) => ({ key: `${byName.get(name)!.id}:0-${LENGTH}`, rank, reason: "load" }));
  await admin.json("POST", `/api/runs/${run.id}/batches`, {
    strategy: "random",
    budget: picks.length,
    seed: 1,
    segmentLength: null,
    threshold: null,
    picks,
  });
  const { batches } = await admin.json<{ batches: { queries: { id: string; sequenceName: string }[] }[] }>(
    "GET",
    `/api/runs/${run.id}/batches`,
  );
  const idOf = new Map((batches[0]?.queries ?? []).map((q) => [q.sequenceName, q.id]));
  const queryIds = names.map((n) => idOf.get(n) ?? "");
  if (queryIds.some((id) => !id)) throw new Error("the batch does not hold every query");

  const experts = Array.from({ length: o.experts }, (_, i) => ({
    email: `load-${i}-${Date.now()}@dqs.local`,
    password: `load-Expert-pw-${i}`,
  }));
  const ids: string[] = [];
  for (const [i, e] of experts.entries()) {
    const { user } = await admin.json<{ user: { id: string } }>("POST", "/api/admin/users", {
      ...e,
      name: `Load expert ${i}`,
      role: "expert",
    });
    ids.push(user.id);
  }
  await admin.json("PUT", `/api/datasets/${datasetId}/assignments`, { userIds: ids });

  const { datasets } = await admin.json<{ datasets: { id: string; name: string }[] }>("GET", "/api/datasets");
  const demo = datasets.find((d) => d.name === DEMO_DATASET);
  const demoSequences = demo
    ? (await admin.json<{ sequences: { id: string }[] }>("GET", `/api/datasets/${demo.id}`)).sequences.map((s) => s.id)
    : [];
  const { thresholds } = await admin.json<{ thresholds: ThresholdView[] }>("GET", `/api/runs/${run.id}/thresholds`);
  return { runId: run.id, versionBefore: thresholds[0]?.version ?? 0, queryIds, experts, demoSequences };
}

/** One label as a flaky client sends it: maybe aborted once first, maybe doubled; the latencies of the answered requests. */
async function submit(client: Client, queryId: string, s: Submission, latencies: number[], failures: string[]): Promise<void> {
  const body = { clientId: randomUUID(), queryId, anomalous: s.anomalous, onset: s.anomalous ? ONSET : null, note: "" };
  if (s.dropped) {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), Math.random() * 15);
    await client
      .send("POST", "/api/labels", body, abort.signal)
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  }
  const once = async () => {
    const started = performance.now();
    const response = await client.send("POST", "/api/labels", body);
    const text = await response.text();
    latencies.push(performance.now() - started);
    if (response.status !== 201 && response.status !== 200) failures.push(`label ${response.status}: ${text.slice(0, 200)}`);
  };
  await Promise.all(s.doubled ? [once(), once()] : [once()]);
}

async function runLabels(
  o: Options,
  bases: readonly string[],
  seeded: Seeded,
  statuses: Map<number, number>,
): Promise<{ summary: LatencySummary; failures: string[]; unique: number }> {
  const plan = loadPlan({
    experts: o.experts,
    labels: o.labels,
    queries: QUERIES,
    anomalousQueries: ANOMALOUS,
    doubledShare: 0.1,
    droppedShare: 0.05,
    seed: 7,
  });
  // With several instances the experts take turns: expert e signs in and labels on instance e mod n.
  const clients = seeded.experts.map((_, e) => new Client(bases[e % bases.length]!, statuses));
  await Promise.all(clients.map((c, i) => c.signIn(seeded.experts[i]!.email, seeded.experts[i]!.password)));
  const latencies: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, e) => {
      for (const s of plan.perExpert[e]!) await submit(client, seeded.queryIds[s.query]!, s, latencies, failures);
    }),
  );
  return { summary: summarise(latencies, (performance.now() - started) / 1000), failures, unique: plan.unique };
}

async function runReads(o: Options, admins: readonly Client[], sequences: readonly string[]): Promise<LatencySummary> {
  if (sequences.length === 0) throw new Error(`no "${DEMO_DATASET}" dataset to read`);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.reads }, async (_, i) => {
      const t = performance.now();
      await admins[i % admins.length]!.json(
        "GET",
        `/api/sequences/${sequences[i % sequences.length]}/series?points=1000`,
        undefined,
        [200],
      );
      latencies.push(performance.now() - t);
    }),
  );
  return summarise(latencies, (performance.now() - started) / 1000);
}

/** The load client as the e2e checks' reader. */
function readerOf(client: Client): ApiReader {
  return { json: (url) => client.json("GET", url, undefined, [200]), bytes: (url) => client.bytes(url) };
}

/** Exactly the unique labels, one threshold step each, and the stored threshold the labels give. */
async function check(admin: Client, seeded: Seeded, unique: number): Promise<string[]> {
  const problems: string[] = [];
  const { queries } = await admin.json<{ queries: LabelledQuery[] }>("GET", `/api/runs/${seeded.runId}/labels`);
  const labels = queries.flatMap((q) => q.labels.map((l) => ({ ...l, queryId: q.queryId })));
  if (labels.length !== unique) problems.push(`${labels.length} labels stored, ${unique} expected`);
  if (new Set(labels.map((l) => l.clientId)).size !== labels.length) problems.push("a client id is stored twice");
  if (new Set(labels.map((l) => `${l.queryId}/${l.userId}`)).size !== labels.length) problems.push("an expert has two labels on one query");

  const reader = readerOf(admin);
  const steps = (await thresholds(reader, seeded.runId)).filter((t) => t.kind === "refined" || t.kind === "withdrawn");
  // Every label is one step: the newest step's version is the one before the labels plus their
  // number, and the steps (every page of the history) have consecutive versions.
  const newest = steps[0]?.version ?? Number.NaN;
  if (newest - seeded.versionBefore !== unique) problems.push(`${newest - seeded.versionBefore} threshold steps for ${unique} labels`);
  if (steps.some((t, i) => t.version !== newest - i)) problems.push("the threshold steps listed are not one per version");
  if (steps.length !== unique) problems.push(`${steps.length} threshold steps listed for ${unique} labels`);
  // The same check as the e2e tests': the lib/ code over the labels and scores the API returns.
  const expected = (await expectedThreshold(reader, seeded.runId)).state;
  const stored = steps[0];
  const ids = queries.flatMap((q) => effectiveLabel(q)?.id ?? []).sort();
  if (
    !stored ||
    Math.abs((stored.value ?? Number.NaN) - (expected.value ?? Number.NaN)) > 1e-9 * Math.max(1, Math.abs(expected.value ?? 0))
  ) {
    problems.push(`stored threshold ${stored?.value} ≠ ${expected.value} from the stored labels`);
  }
  if (stored && JSON.stringify([...(stored.labelIds ?? [])].sort()) !== JSON.stringify(ids))
    problems.push("the stored threshold was not computed from the stored labels");
  return problems;
}

/** Every instance lists the same threshold history (one database, no per-instance state). */
async function sameEverywhere(admins: readonly Client[], runId: string): Promise<string[]> {
  const lists = await Promise.all(admins.map((a) => thresholds(readerOf(a), runId)));
  const first = JSON.stringify(lists[0]);
  return lists.some((l) => JSON.stringify(l) !== first) ? ["the instances list different threshold histories"] : [];
}

function printTable(): void {
  const files = readdirSync(RESULTS).filter((f) => f.endsWith(".json"));
  const rows = files.flatMap((f) => JSON.parse(readFileSync(path.join(RESULTS, f), "utf8")) as Parameters<typeof formatLoadTable>[0]);
  console.log(formatLoadTable(rows));
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (o.table) return printTable();
  const bases = Array.from({ length: o.instances }, (_, i) => `http://127.0.0.1:${o.port + i}`);
  const database = databaseName(o);
  const servers: ChildProcess[] = [];
  const statuses = new Map<number, number>();
  try {
    for (const [i, base] of bases.entries()) {
      servers.push(startServer(o, o.port + i, i === 0));
      await waitForHealth(base);
    }
    // The admin signs in on the first instance; the same session serves it on the others.
    const admin = new Client(bases[0]!, statuses);
    const admins = bases.map((b) => admin.at(b));
    const seeded = await seed(admins, o);
    console.log(`${database}: ${o.experts} experts, ${o.labels} labels (10 % doubled, 5 % dropped once), ${o.reads} series reads`);
    const labels = await runLabels(o, bases, seeded, statuses);
    const reads = await runReads(o, admins, seeded.demoSequences);
    const problems = [
      ...labels.failures.slice(0, 5),
      ...(await check(admin, seeded, labels.unique)),
      ...(await sameEverywhere(admins, seeded.runId)),
    ];
    const errors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    if (errors > 0) problems.push(`${errors} responses with a 5xx status`);
    const rows = [
      { database, workload: "labels", ...labels.summary },
      { database, workload: "series reads", ...reads },
    ];
    console.log(formatLoadTable(rows));
    console.log(
      `statuses: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, c]) => `${s}×${c}`)
        .join(", ")}`,
    );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, `${database.replace(/[^a-z0-9]+/g, "-")}.json`), JSON.stringify(rows));
    if (problems.length > 0) {
      console.error(`load test FAILED:\n- ${problems.join("\n- ")}`);
      process.exitCode = 1;
    } else {
      console.log(
        `checked: ${labels.unique} unique labels stored, one threshold step each, the stored threshold is the labels' one, no 5xx`,
      );
    }
  } finally {
    for (const server of servers) if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
