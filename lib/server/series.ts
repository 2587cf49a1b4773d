import "server-only";
import { z } from "zod";
import { downsampleColumns, labelRanges, type SeriesPayload } from "../charts/series-data";
import { AppError } from "../errors";
import { readChannelUnits } from "../validations/dataset-import";
import type { Role } from "../roles";
import { decodeRange } from "../series/chunks";
import { visibleDatasets } from "./access";
import { db } from "./db";
import { readChunkRows, readLabelBytes } from "./series-store";

/**
 * Series of one sequence for plots: only the chunks that overlap the asked range are read, and each
 * channel is reduced (LTTB) to the points the chart can draw. Experts reach only sequences of datasets
 * assigned to them (the same rule as listDatasets); ground truth is a separate read for roles that
 * may see it.
 */
type Viewer = { id: string; role: Role };

const channelNames = z.array(z.string());

export type ViewerSequence = {
  id: string;
  index: number;
  name: string;
  split: string;
  length: number;
  samplingRate: number;
  startTime: number | null;
  channelNames: string[];
  /** Each channel's unit of measure, null where none is known. */
  channelUnits: (string | null)[];
  dataset: { id: string; name: string };
};

export async function findVisibleSequence(sequenceId: string, user: Viewer): Promise<ViewerSequence> {
  const row = await db.sequence.findFirst({
    where: { id: sequenceId, dataset: visibleDatasets(user) },
    select: {
      id: true,
      index: true,
      name: true,
      split: true,
      length: true,
      samplingRate: true,
      startTime: true,
      channelNames: true,
      dataset: { select: { id: true, name: true, channelUnits: true } },
    },
  });
  if (!row) throw new AppError("not_found", "No such sequence, or its dataset is not assigned to you.");
  const names = channelNames.parse(row.channelNames);
  const { channelUnits, ...dataset } = row.dataset;
  return { ...row, dataset, channelNames: names, channelUnits: readChannelUnits(channelUnits, names.length) };
}

export type SeriesRequest = { from?: number; to?: number; points: number; channels?: number[] };

export async function readSeries(sequenceId: string, user: Viewer, request: SeriesRequest): Promise<SeriesPayload> {
  const sequence = await findVisibleSequence(sequenceId, user);
  const count = sequence.channelNames.length;
  const from = Math.min(request.from ?? 0, sequence.length);
  const to = Math.min(request.to ?? sequence.length, sequence.length);
  if (to < from) throw new AppError("bad_request", `The range ends (${to}) before it starts (${from}).`);
  const channels = request.channels ?? Array.from({ length: count }, (_, c) => c);
  const unknown = channels.find((c) => c >= count);
  if (unknown !== undefined) throw new AppError("bad_request", `The sequence has ${count} channels; there is no channel ${unknown}.`);
  const chunks = await readChunkRows(sequenceId, from, to);
  const names = channels.map((index) => ({ index, name: sequence.channelNames[index] ?? `channel ${index}` }));
  // One channel at a time, yielding in between, so that a long read does not hold up other requests
  // (or the page it is streamed into) for its whole length.
  const out: SeriesPayload["channels"] = [];
  let downsampled = false;
  for (const [k, channel] of channels.entries()) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const column = decodeRange(chunks, count, [channel], from, to);
    const reduced = downsampleColumns(column, [names[k] ?? { index: channel, name: `channel ${channel}` }], from, request.points);
    out.push(...reduced.channels.map((c) => ({ ...c, unit: sequence.channelUnits[c.index] ?? null })));
    downsampled = reduced.downsampled;
  }
  return {
    sequenceId,
    length: sequence.length,
    samplingRate: sequence.samplingRate,
    from,
    to,
    points: request.points,
    downsampled,
    channels: out,
  };
}

export type GroundTruthView = { anomalous: boolean; onset: number | null; kind: string | null; ranges: [number, number][] };

/** Ground truth of a sequence (the caller checks the viewGroundTruth permission); null when none. */
export async function readGroundTruth(sequenceId: string, user: Viewer): Promise<GroundTruthView | null> {
  await findVisibleSequence(sequenceId, user);
  const row = await db.groundTruth.findUnique({ where: { sequenceId }, select: { anomalous: true, onset: true, kind: true } });
  const labels = row ? await readLabelBytes(sequenceId) : null;
  if (!row || !labels) return null;
  return { anomalous: row.anomalous, onset: row.onset, kind: row.kind, ranges: labelRanges(labels) };
}
