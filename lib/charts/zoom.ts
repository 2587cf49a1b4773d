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

/** Pixels a pointer must travel before a press on the plot counts as a drag (less is a click). */
export const DRAG_MIN_PX = 6;

/**
 * The window a drag across the plot selects: between two x values in seconds (either order), whole
 * steps, at least MIN_WINDOW wide (widened around its middle), inside [0, length).
 */
export function windowFromDrag(x0: number, x1: number, samplingRate: number, length: number): StepWindow | null {
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || length < 1 || !(samplingRate > 0)) return null;
  const a = Math.max(0, Math.floor(Math.min(x0, x1) * samplingRate));
  const b = Math.min(length, Math.ceil(Math.max(x0, x1) * samplingRate) + 1);
  const span = Math.min(length, Math.max(MIN_WINDOW, b - a));
  const centre = (a + b) / 2;
  const from = Math.max(0, Math.min(length - span, Math.round(centre - span / 2)));
  return { from, to: from + span };
}

/**
 * The window named by a page's `from` and `to` parameters (steps, `to` exclusive), clamped into the
 * sequence; null when they are absent, not whole numbers, or name the whole sequence.
 */
export function windowFromParams(from: string | null, to: string | null, length: number): StepWindow | null {
  if (from === null || to === null || !/^\d{1,12}$/.test(from) || !/^\d{1,12}$/.test(to)) return null;
  const a = Math.min(Number(from), Math.max(0, length - 1));
  const b = Math.min(Number(to), length);
  if (b <= a) return null;
  const window = zoomWindow({ from: a, to: b }, 1, length);
  return isFullWindow(window, length) ? null : window;
}

/** A page's query string with the window as `from` and `to` (removed for the whole sequence), other parameters kept. */
export function searchWithWindow(search: string, window: StepWindow, length: number): string {
  const params = new URLSearchParams(search);
  if (isFullWindow(window, length)) {
    params.delete("from");
    params.delete("to");
  } else {
    params.set("from", String(window.from));
    params.set("to", String(window.to));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
