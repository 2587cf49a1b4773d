/**
 * Demo data for local use: three users (one per role) and the PATH-like demo dataset, with the
 * expert assigned to it, and one small finished experiment report. Idempotent: what already exists
 * is left alone.
 */
import { generatePathDataset } from "../lib/demo/path-dataset";
import { assignSplits } from "../lib/preprocess";
import type { Role } from "../lib/roles";
import { storeDataset } from "../lib/server/datasets";
import { db } from "../lib/server/db";
import { hashPassword } from "../lib/server/passwords";

/** For local use only; printed in the README. */
export const DEMO_USERS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@dqs.local", name: "Ada Admin", role: "admin", password: "admin-demo-pw" },
  { email: "expert@dqs.local", name: "Erik Expert", role: "expert", password: "expert-demo-pw" },
  { email: "analyst@dqs.local", name: "Ana Analyst", role: "analyst", password: "analyst-demo-pw" },
];

export const DEMO_DATASET_NAME = "PATH demo (EV powertrain)";
export const DEMO_SEED = 1;

async function seedUsers(): Promise<Map<Role, string>> {
  const ids = new Map<Role, string>();
  for (const u of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
    const user =
      existing ??
      (await db.user.create({
        data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) },
        select: { id: true },
      }));
    ids.set(u.role, user.id);
  }
  return ids;
}

async function seedDataset(adminId: string | undefined): Promise<string> {
  const existing = await db.dataset.findUnique({ where: { name: DEMO_DATASET_NAME }, select: { id: true } });
  if (existing) return existing.id;
  const demo = generatePathDataset({ seed: DEMO_SEED });
  const ratios = { train: 0.6, validation: 0.2, test: 0.2 };
  const splits = assignSplits(demo.sequences.length, ratios, DEMO_SEED);
  const { id } = await storeDataset({
    name: DEMO_DATASET_NAME,
    description: "Simulated electric-vehicle powertrain over drive cycles, 2 Hz; ~15 % of drives carry one injected fault.",
    samplingRate: demo.samplingRate,
    channelNames: demo.channels,
    sequences: demo.sequences.map((s, i) => ({
      name: s.name,
      columns: s.columns,
      labels: s.labels,
      anomalyKind: s.anomaly?.kind ?? null,
      split: splits[i] ?? "train",
    })),
    importConfig: { source: "generator", generator: "path-dataset", seed: DEMO_SEED, splitRatios: ratios, splitSeed: DEMO_SEED },
    createdById: adminId ?? null,
  });
  return id;
}

/** The seeded experiment's report id (DATA_DIR/experiments/<id>.json). */
export const DEMO_EXPERIMENT_ID = "demo-linear-quick";

/**
 * One small finished experiment, so that the Experiments page is never empty on a fresh start: made
 * here by the real harness (scripts/eval/run.ts, the code of `npm run eval`) with the linear detector
 * on 40 generated demo drives — about 5 seconds. Skipped when a finished report with this id exists.
 */
async function seedExperimentReport(): Promise<void> {
  const [{ readExperiment }, { parseEvalArgs }, { runOne }] = await Promise.all([
    import("../lib/server/experiments"),
    import("../scripts/eval/options"),
    import("../scripts/eval/run"),
  ]);
  const existing = await readExperiment(DEMO_EXPERIMENT_ID).catch(() => null);
  if (existing?.report.status === "done") return;
  const args = ["--quick", "--dataset", "demo", "--sequences", "40", "--detector", "linear", "--strategies", "dqs,random,top"];
  const more = ["--budgets", "2,5", "--mislabel", "0", "--folds", "2", "--seeds", "1", "--stages", "1", "--no-cache"];
  const parsed = parseEvalArgs([...args, ...more, "--id", DEMO_EXPERIMENT_ID, "--name", "Demo: linear detector, 40 drives"]);
  if (parsed.help) return;
  const { code } = await runOne(parsed.options);
  if (code !== 0) throw new Error(`the demo experiment failed (exit code ${code})`);
}

export async function seed(): Promise<void> {
  const ids = await seedUsers();
  const datasetId = await seedDataset(ids.get("admin"));
  const expertId = ids.get("expert");
  if (expertId) {
    await db.datasetAssignment.upsert({
      where: { datasetId_userId: { datasetId, userId: expertId } },
      create: { datasetId, userId: expertId },
      update: {},
    });
  }
  await seedExperimentReport();
}
