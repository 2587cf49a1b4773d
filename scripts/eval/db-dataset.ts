/**
 * A dataset stored in the database (found by id or by name), read the way the server reads it:
 * sequences in index order, series from their float32 chunks, ground truth from its own table.
 * The stored train / validation / test split is not used: the harness makes its own folds.
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { databaseProvider, env } from "../../lib/env.mjs";
import { decodeRange } from "../../lib/series/chunks";
import { DatasetError, type LoadedDataset, type LoadedSequence } from "./dataset";

const channelNames = z.array(z.string());

export async function loadDatabaseDataset(idOrName: string): Promise<LoadedDataset> {
  // Opening a missing SQLite file would create an empty database: refuse instead.
  const file = env.DATABASE_URL.replace(/^file:/, "");
  if (databaseProvider(env.DATABASE_URL) === "sqlite" && !existsSync(file)) {
    throw new DatasetError(
      "not_found",
      `"${idOrName}" is not demo or a CSV file, and there is no database at ${file} (npm run db:setup, or set DATABASE_URL)`,
    );
  }
  const { db } = await import("../../lib/server/db");
  const { readChunkRows, readLabelBytes } = await import("../../lib/server/series-store");
  try {
    const dataset = await db.dataset.findFirst({
      where: { OR: [{ id: idOrName }, { name: idOrName }] },
      select: { id: true, name: true, samplingRate: true, channelNames: true, hasGroundTruth: true },
    });
    if (!dataset)
      throw new DatasetError("not_found", `no dataset with id or name "${idOrName}" in the database (use --dataset demo or a CSV path)`);
    const channels = channelNames.parse(dataset.channelNames);
    const rows = await db.sequence.findMany({
      where: { datasetId: dataset.id },
      orderBy: { index: "asc" },
      select: { id: true, name: true, length: true },
    });
    const sequences: LoadedSequence[] = [];
    for (const row of rows) {
      const chunks = await readChunkRows(row.id, 0, row.length);
      const columns = decodeRange(
        chunks,
        channels.length,
        channels.map((_, c) => c),
        0,
        row.length,
      );
      const labels = (await readLabelBytes(row.id)) ?? undefined;
      sequences.push({ id: row.id, name: row.name, columns, labels: labels ? new Uint8Array(labels) : undefined });
    }
    return {
      source: "database",
      name: dataset.name,
      samplingRate: dataset.samplingRate,
      channels,
      sequences,
      notes: [`database dataset ${dataset.id}; its stored splits are ignored (the harness makes its own folds)`],
    };
  } finally {
    await db.$disconnect();
  }
}
