/**
 * Demo data for local use: three users (one per role) and the PATH-like demo dataset, with the
 * expert assigned to it. Idempotent: what already exists is left alone.
 */
import { generatePathDataset } from "../lib/demo/path-dataset";
import { PATH_UNITS } from "../lib/demo/types";
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
  const existing = await db.dataset.findUnique({ where: { name: DEMO_DATASET_NAME }, select: { id: true, channelUnits: true } });
  if (existing) {
    // A demo dataset seeded before units were stored gets them (the generator's channels never change).
    if (existing.channelUnits === null) await db.dataset.update({ where: { id: existing.id }, data: { channelUnits: [...PATH_UNITS] } });
    return existing.id;
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
  return id;
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
}
