/**
 * What the series API sends for a sequence's plot: per channel the kept points of steps [from, to)
 * (LTTB, so that no more points travel than the chart can draw), and how the viewer puts an overview
 * and a zoomed-in detail together. Pure: used by the route handler and the viewer alike.
 */
import { lttbIndices } from "./lttb";

/** One channel's kept points; `unit` is its unit of measure where the dataset has one. */
export type SeriesChannel = { index: number; name: string; unit?: string | null; x: number[]; y: number[] };

export type SeriesPayload = {
  sequenceId: string;
  length: number;
  samplingRate: number;
  from: number;
  to: number;
  /** Points asked for per channel. */
  points: number;
  /** false when the range held no more steps than points, so every step was sent. */
  downsampled: boolean;
  channels: SeriesChannel[];
};

/** float32 values printed with the digits a float32 holds (7 significant), not 17. */
export function roundFloat32(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(7));
}

/**
 * Downsamples columns holding steps [from, from + length) to at most `points` per channel. Returns
 * x as step numbers.
 */
export function downsampleColumns(
  columns: Float32Array[],
  names: { index: number; name: string }[],
  from: number,
  points: number,
): { channels: SeriesChannel[]; downsampled: boolean } {
  const length = columns[0]?.length ?? 0;
  const downsampled = length > points;
  const channels = columns.map((column, k): SeriesChannel => {
    const kept = lttbIndices(column, downsampled ? points : 0);
    const x = new Array<number>(kept.length);
    const y = new Array<number>(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const step = kept[i] ?? 0;
      x[i] = from + step;
      y[i] = roundFloat32(column[step] ?? 0);
    }
    const meta = names[k] ?? { index: k, name: `channel ${k}` };
    return { index: meta.index, name: meta.name, x, y };
  });
  return { channels, downsampled };
}

/** Ranges [start, end) of consecutive 1s in 0/1 labels. */
export function labelRanges(labels: Uint8Array): [number, number][] {
  const ranges: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const on = i < labels.length && labels[i] === 1;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      ranges.push([start, i]);
      start = -1;
    }
  }
  return ranges;
}

/** A channel as plotted: `index` is its position among all channels (it keeps the colour when others are hidden). */
export type PlotChannel = { name: string; index?: number; unit?: string | null; x: number[]; y: number[] };

/**
 * The overview's points outside [detail.from, detail.to) around the detail's points, per channel, so
 * that the chart keeps the whole shape while the zoomed-in window shows every detail.
 */
export function mergeDetail(overview: SeriesPayload, detail: SeriesPayload | null): PlotChannel[] {
  return overview.channels.map((o) => {
    const d = detail?.channels.find((c) => c.index === o.index);
    const meta = { name: o.name, index: o.index, unit: o.unit ?? null };
    if (!detail || !d) return { ...meta, x: o.x, y: o.y };
    const x: number[] = [];
    const y: number[] = [];
    const push = (xs: number[], ys: number[], keep: (step: number) => boolean) => {
      xs.forEach((step, i) => {
        if (!keep(step)) return;
        x.push(step);
        y.push(ys[i] ?? 0);
      });
    };
    push(o.x, o.y, (s) => s < detail.from);
    push(d.x, d.y, () => true);
    push(o.x, o.y, (s) => s >= detail.to);
    return { ...meta, x, y };
  });
}
