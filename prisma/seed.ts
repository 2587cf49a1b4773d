/**
 * Demo data for local use: three users (one per role), the PATH-like demo dataset with the expert
 * assigned to it, a finished run of the linear detector on it and one small finished experiment
 * report. Idempotent: what already exists is left alone.
 */
import { generatePathDataset } from "../lib/demo/path-dataset";
import { PATH_UNITS } from "../lib/demo/types";
import { assignSplits } from "../lib/preprocess";
import type { ChannelSummary } from "../lib/preprocess/normalize";
import { fitLinearRun } from "../lib/runs/linear-fit";
import { defaultScoreShift, defaultWindow } from "../lib/runs/defaults";
import { detectorSpec } from "../lib/detectors/registry";
import type { SeriesColumns, Split } from "../lib/series/types";
import type { Role } from "../lib/roles";
import { storeDataset } from "../lib/server/datasets";
import { db } from "../lib/server/db";
import { hashPassword } from "../lib/server/passwords";
import { createRun, saveAllScores, saveWeights, scoreRow, updateRun } from "../lib/server/runs";
import { readAllSequences } from "../lib/server/sequence-data";
import { runConfigSchema, updateRunSchema } from "../lib/validations/run";

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

/** The demo dataset's id, and its sequences' columns in index order when it was created just now. */
async function seedDataset(adminId: string | undefined): Promise<{ id: string; columns: SeriesColumns[] | null }> {
  const existing = await db.dataset.findUnique({ where: { name: DEMO_DATASET_NAME }, select: { id: true, channelUnits: true } });
  if (existing) {
    // A demo dataset seeded before units were stored gets them (the generator's channels never change).
    if (existing.channelUnits === null) await db.dataset.update({ where: { id: existing.id }, data: { channelUnits: [...PATH_UNITS] } });
    return { id: existing.id, columns: null };
  }
  const demo = generatePathDataset({ seed: DEMO_SEED });
  const ratios = { train: 0.6, validation: 0.2, test: 0.2 };
  const splits = assignSplits(demo.sequences.length, ratios, DEMO_SEED);
  const { id } = await storeDataset({
    name: DEMO_DATASET_NAME,
    description: "Simulated electric-vehicle powertrain over drive cycles, 2 Hz; ~15 % of drives carry one injected fault.",
    samplingRate: demo.samplingRate,
    channelNames: demo.channels,
    channelUnits: demo.units,
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
  // Stored as float32 chunks of these very arrays: what the browser would read back.
  return { id, columns: demo.sequences.map((s) => s.columns) };
}

/**
 * A finished run of the linear detector on the demo dataset, with the run form's default settings:
 * fitted and scored here by the same lib/ code the browser's workers run (lib/runs/linear-fit.ts, a
 * closed-form fit: about a second), and stored through the same server functions as the browser's
 * run stores it — the weights, every sequence's scores, the epoch record and the unsupervised threshold.
 * Specs and newcomers that need scores start from it instead of training. No batches, no labels.
 */
async function seedLinearRun(demo: { id: string; columns: SeriesColumns[] | null }, adminId: string | undefined): Promise<void> {
  const datasetId = demo.id;
  if (!adminId || (await db.detectorRun.count({ where: { datasetId, detector: "linear", status: "complete" } })) > 0) return;
  const dataset = await db.dataset.findUniqueOrThrow({
    where: { id: datasetId },
    select: {
      windowSize: true,
      channelCount: true,
      trainStats: true,
      sequences: { select: { id: true, split: true }, orderBy: { index: "asc" } },
    },
  });
  const trainStats = dataset.trainStats as ChannelSummary;
  // The run form's defaults for the linear detector (components/runs/run-launcher.tsx): it uses none
  // of the training fields, but the run stores what the form would send.
  const defaults = detectorSpec("linear").form.defaults;
  const windowSize = defaultWindow(dataset.windowSize);
  const config = runConfigSchema.parse({
    windowSize,
    epochs: defaults.epochs,
    batchSize: defaults.batchSize,
    learningRate: defaults.learningRate,
    patience: defaults.patience,
    seed: 1,
    hidden: defaults.hiddenPerChannel * dataset.channelCount,
    maxTrainWindows: defaults.maxTrainWindows,
    scoreShift: defaultScoreShift(windowSize),
  });
  // Reading the series back through Prisma takes seconds; a dataset created just now is still in memory.
  const columns = demo.columns ?? (await readAllSequences(datasetId)).map((s) => s.columns);
  const sequences = dataset.sequences.map((s, i) => ({ id: s.id, split: s.split as Split, columns: columns[i] ?? [] }));
  const fitted = await fitLinearRun(sequences, trainStats, config);
  const run = await createRun({ datasetId, detector: "linear", config, userId: adminId });
  const reason = "seeded in Node by the demo seed; not used by the linear detector (plain JavaScript)";
  await updateRun(run.id, updateRunSchema.parse({ backend: "cpu", backendReason: reason }));
  const { kind, config: detectorConfig, specs, data } = fitted.weights;
  await saveWeights(run.id, { kind, config: detectorConfig, specs }, new Uint8Array(data));
  await updateRun(run.id, updateRunSchema.parse({ epochs: fitted.training.epochs, bestEpoch: fitted.training.bestEpoch }));
  const rows = fitted.scores.map(({ sequenceId, score, channelScores }) => {
    const channels = new Float32Array(score.length * channelScores.length);
    channelScores.forEach((c, i) => channels.set(c, i * score.length));
    return scoreRow(sequenceId, score, channels);
  });
  await saveAllScores(run.id, rows);
  await updateRun(run.id, updateRunSchema.parse({ status: "complete", threshold: fitted.threshold }));
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
  const demo = await seedDataset(ids.get("admin"));
  const datasetId = demo.id;
  const expertId = ids.get("expert");
  if (expertId) {
    await db.datasetAssignment.upsert({
      where: { datasetId_userId: { datasetId, userId: expertId } },
      create: { datasetId, userId: expertId },
      update: {},
    });
  }
  await seedLinearRun(demo, ids.get("admin"));
  await seedExperimentReport();
}
