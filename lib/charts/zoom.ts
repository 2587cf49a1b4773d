/**
 * The viewer's zoom window in steps [from, to): read from ECharts' datazoom events (percent of the
 * fixed time axis, or values in seconds) and moved by the zoom buttons. Pure.
 */
export type StepWindow = { from: number; to: number };

/** Fewest steps a window may show. */
export const MIN_WINDOW = 16;

type ZoomFields = { start?: unknown; end?: unknown; startValue?: unknown; endValue?: unknown };

function fieldsOf(params: unknown): ZoomFields | null {
  if (typeof params !== "object" || params === null) return null;
  const batch = (params as { batch?: unknown }).batch;
  const first: unknown = Array.isArray(batch) ? batch[0] : params;
  return typeof first === "object" && first !== null ? (first as ZoomFields) : null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The window a datazoom event asks for, or null when the event says nothing usable. */
export function windowFromZoom(params: unknown, length: number, samplingRate: number): StepWindow | null {
  const f = fieldsOf(params);
  if (!f || length < 1) return null;
  const last = length - 1;
  const sv = num(f.startValue);
  const ev = num(f.endValue);
  const sp = num(f.start);
  const ep = num(f.end);
  let startStep: number;
  let endStep: number;
  if (sv !== null && ev !== null) {
    startStep = sv * samplingRate;
    endStep = ev * samplingRate;
  } else if (sp !== null && ep !== null) {
    startStep = (sp / 100) * last;
    endStep = (ep / 100) * last;
  } else return null;
  const from = Math.max(0, Math.min(last, Math.floor(startStep)));
  const to = Math.max(from + 1, Math.min(length, Math.ceil(endStep) + 1));
  return { from, to };
}

/** The window scaled by `factor` (< 1 zooms in) around its centre, kept inside [0, length). */
export function zoomWindow(window: StepWindow, factor: number, length: number): StepWindow {
  const span = Math.round(Math.min(length, Math.max(Math.min(MIN_WINDOW, length), (window.to - window.from) * factor)));
  const centre = (window.from + window.to) / 2;
  const from = Math.max(0, Math.min(length - span, Math.round(centre - span / 2)));
  return { from, to: from + span };
}

export function isFullWindow(window: StepWindow, length: number): boolean {
  return window.from <= 0 && window.to >= length;
}
