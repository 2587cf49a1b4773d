"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ThresholdInterval } from "@/lib/charts/threshold-band";
import { scoreChartOptions, type ThresholdLine } from "@/lib/charts/run-options";
import { searchWithWindow, windowFromDrag, windowFromParams, type StepWindow } from "@/lib/charts/zoom";
import { formatCount, formatStep, formatValue } from "@/lib/format";
import {
  filterRows,
  LABEL_STATE_TEXT,
  NO_FILTER,
  predictedStatus,
  sortRows,
  sparkGeometry,
  type ExplorerFilter,
  type ExplorerRow,
  type LabelState,
  type SortKey,
} from "@/lib/runs/explorer";
import { getBytes } from "../api-client";
import { EChart, type EChartEvents } from "../charts/echart";
import { useHydrated } from "../use-hydrated";
import { useColorScheme } from "../charts/use-color-scheme";
import { useDragZoom } from "../charts/use-drag-zoom";

type Props = {
  runId: string;
  datasetId: string;
  samplingRate: number;
  sequences: ExplorerRow[];
  unsupervised: number | null;
  refined: number | null;
  /** An admin's manual threshold while set: the one in effect. */
  manual: number | null;
  /** The refined threshold's optimal interval, shaded when the stored threshold has one. */
  interval?: ThresholdInterval | null;
  /** The page's `seq`, `from` and `to` parameters: the sequence plotted and its zoom window (steps) on opening. */
  opening?: { seq?: string; from?: string; to?: string };
};

/** Wait after the last zoom step before writing the window into the address bar. */
const URL_DEBOUNCE_MS = 150;

/** The address with the plotted sequence (`seq`) and its zoom window (`from`, `to`), without a new history entry. */
function writeAddress(sequenceId: string, window: StepWindow | null, length: number): void {
  const params = new URLSearchParams(globalThis.location.search);
  params.set("seq", sequenceId);
  // The whole sequence (no window) drops `from` and `to`.
  const search = searchWithWindow(params.toString(), window ?? { from: 0, to: length }, length);
  if (search !== globalThis.location.search)
    globalThis.history.replaceState(globalThis.history.state, "", `${globalThis.location.pathname}${search}`);
}

const SPARK_W = 260;
const SPARK_H = 40;
/** The lines' colours are the page's CSS variables, so that they follow the colour scheme. */
const LINE_STYLE = {
  unsupervised: { stroke: "var(--chart-dimmed)", dash: "4 3" },
  refined: { stroke: "var(--chart-threshold)", dash: "6 2" },
  manual: { stroke: "var(--chart-manual)", dash: "2 2" },
} as const;

/** One sequence's score, max-pooled, with every threshold there is as a horizontal line. Plain SVG: cheap for hundreds of rows. */
function Spark({ points, lines }: { points: number[]; lines: { label: keyof typeof LINE_STYLE; value: number }[] }) {
  const g = sparkGeometry(
    points,
    lines.map((l) => l.value),
    SPARK_W,
    SPARK_H,
  );
  return (
    <svg width={SPARK_W} height={SPARK_H} role="img" aria-label="score" data-testid="scores.spark" style={{ display: "block" }}>
      {lines.map((l) => (
        <line
          key={l.label}
          x1={0}
          x2={SPARK_W}
          y1={g.y(l.value)}
          y2={g.y(l.value)}
          stroke={LINE_STYLE[l.label].stroke}
          strokeDasharray={LINE_STYLE[l.label].dash}
          strokeWidth={1}
        >
          {/* One string: React renders a <title> with several children differently on the server and in the browser. */}
          <title>{`${l.label} ${formatValue(l.value)}`}</title>
        </line>
      ))}
      <path d={g.path} fill="none" stroke="var(--chart-line)" strokeWidth={1.2} />
    </svg>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  testId: string;
}) {
  return (
    <label style={{ display: "inline-flex", gap: "0.35rem", alignItems: "center" }}>
      <span className="muted">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Every scored sequence of the run as a row with a small score plot and the thresholds drawn, sortable and
 * filterable; the name links to the sequence's viewer, a click elsewhere on the row plots its full score here.
 */
export function ScoreExplorer({
  runId,
  datasetId,
  samplingRate,
  sequences,
  unsupervised,
  refined,
  manual,
  interval = null,
  opening = {},
}: Props) {
  const [selected, setSelected] = useState<ExplorerRow | null>(() => sequences.find((r) => r.sequenceId === opening.seq) ?? null);
  // The zoom window the plot opens with: the address's, for the sequence it names; none after a click on a row.
  const [openWindow, setOpenWindow] = useState<StepWindow | null>(() => {
    const row = sequences.find((r) => r.sequenceId === opening.seq);
    return row ? windowFromParams(opening.from ?? null, opening.to ?? null, row.length) : null;
  });
  const urlTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The zoom handler is made once; it reads the plotted sequence from here.
  const selectedRef = useRef<ExplorerRow | null>(selected);
  useEffect(() => {
    selectedRef.current = selected;
  }, [selected]);
  useEffect(() => () => void (urlTimer.current && clearTimeout(urlTimer.current)), []);
  const [score, setScore] = useState<Float32Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const select = (row: ExplorerRow) => {
    setSelected(row);
    setOpenWindow(null);
    setScore(null);
    writeAddress(row.sequenceId, null, row.length);
  };
  const [filter, setFilter] = useState<ExplorerFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortKey>("max");
  const scheme = useColorScheme();
  const hydrated = useHydrated();
  // The score plot's zoom window (x values, "from-to"), for tests and the status line.
  const [zoomed, setZoomed] = useState(() => {
    const x = (step: number) => +(step / (samplingRate || 1)).toFixed(3);
    return openWindow ? `${x(openWindow.from)}-${x(openWindow.to - 1)}` : "";
  });
  const onEvents = useMemo<EChartEvents>(
    () => ({
      datazoom: (_params, chart) => {
        const dz = (chart.getOption().dataZoom as { startValue?: number; endValue?: number }[] | undefined)?.[0];
        if (dz?.startValue === undefined || dz.endValue === undefined) return;
        setZoomed(`${+dz.startValue.toFixed(3)}-${+dz.endValue.toFixed(3)}`);
        const length = selectedRef.current?.length ?? 0;
        const window = windowFromDrag(dz.startValue, dz.endValue, samplingRate || 1, length);
        const id = selectedRef.current?.sequenceId;
        if (urlTimer.current) clearTimeout(urlTimer.current);
        if (id && window) urlTimer.current = setTimeout(() => writeAddress(id, window, length), URL_DEBOUNCE_MS);
      },
    }),
    [samplingRate],
  );
  // A drag across the score plot zooms to the dragged stretch (the wheel zooms, the slider moves).
  const drag = useDragZoom((x0, x1, chart) =>
    chart.dispatchAction({ type: "dataZoom", startValue: Math.min(x0, x1), endValue: Math.max(x0, x1) }),
  );
  const inEffect = manual ?? refined ?? unsupervised;
  const splits = useMemo(() => ["train", "validation", "test"].filter((s) => sequences.some((r) => r.split === s)), [sequences]);
  const shown = useMemo(() => sortRows(filterRows(sequences, filter, inEffect), sort), [sequences, filter, inEffect, sort]);
  const lines = useMemo(() => {
    const out: { label: keyof typeof LINE_STYLE; value: number }[] = [];
    if (unsupervised !== null) out.push({ label: "unsupervised", value: unsupervised });
    if (refined !== null) out.push({ label: "refined", value: refined });
    if (manual !== null) out.push({ label: "manual", value: manual });
    return out;
  }, [unsupervised, refined, manual]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    getBytes(`/api/runs/${runId}/scores/${selected.sequenceId}`, "Loading the scores")
      .then((bytes) => live && (setScore(new Float32Array(bytes)), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [runId, selected]);

  const option = useMemo(() => {
    if (!score) return null;
    const chartLines: ThresholdLine[] = [];
    if (manual !== null) chartLines.push({ label: "manual", value: manual });
    if (refined !== null) chartLines.push({ label: "refined", value: refined, dimmed: manual !== null });
    if (unsupervised !== null) chartLines.push({ label: "unsupervised", value: unsupervised, dimmed: manual !== null || refined !== null });
    return scoreChartOptions(score, chartLines, samplingRate, refined !== null ? interval : null, scheme, openWindow);
  }, [score, samplingRate, refined, unsupervised, manual, interval, scheme, openWindow]);
  const set =
    <K extends keyof ExplorerFilter>(key: K) =>
    (value: ExplorerFilter[K]) =>
      setFilter((f) => ({ ...f, [key]: value }));

  return (
    <section className="panel" data-testid="scores.explorer" data-hydrated={hydrated}>
      <h2>Anomaly scores</h2>
      {selected && option && (
        <>
          <p className="muted">
            {selected.name} ({selected.split}), {formatStep(selected.length)} steps —{" "}
            <Link href={`/datasets/${datasetId}/sequences/${selected.sequenceId}`}>open in the viewer</Link>
          </p>
          <div className="drag-zoom-box">
            <EChart
              option={option}
              resetKey={selected.sequenceId}
              testId="scores.chart"
              onRendered={drag.onRendered}
              onEvents={onEvents}
              data={{
                "data-points": score?.length ?? 0,
                "data-zoom": zoomed,
                "data-band": interval && refined !== null ? `${interval.lower ?? ""},${interval.upper}` : "",
              }}
              style={{ height: 320, width: "100%" }}
            />
            {drag.band && <div className="drag-band" style={{ left: drag.band.left, width: drag.band.width, top: 20, bottom: 78 }} />}
          </div>
        </>
      )}
      {error && <p className="error">{error}</p>}
      <div style={{ display: "flex", gap: "1rem", flexWrap: "wrap", alignItems: "center", margin: "0.5rem 0" }}>
        <Select<SortKey>
          label="Sort by"
          value={sort}
          onChange={setSort}
          testId="scores.sort"
          options={[
            ["max", "max score, highest first"],
            ["name", "name"],
            ["split", "split"],
          ]}
        />
        <Select<ExplorerFilter["predicted"]>
          label="Predicted"
          value={filter.predicted}
          onChange={set("predicted")}
          testId="scores.filterPredicted"
          options={[
            ["all", "all"],
            ["anomalous", "anomalous"],
            ["normal", "normal"],
          ]}
        />
        <Select<string>
          label="Split"
          value={filter.split}
          onChange={set("split")}
          testId="scores.filterSplit"
          options={[["all", "all"], ...splits.map((s) => [s, s] as const)]}
        />
        <Select<LabelState | "all">
          label="Labels"
          value={filter.label}
          onChange={set("label")}
          testId="scores.filterLabel"
          options={[["all", "all"], ...(Object.entries(LABEL_STATE_TEXT) as [LabelState, string][])]}
        />
        <span className="muted" data-testid="scores.count" data-shown={shown.length}>
          {formatCount(shown.length)} of {formatCount(sequences.length)} sequences
        </span>
      </div>
      <p className="muted" style={{ margin: "0 0 0.5rem" }}>
        Predicted at the threshold in effect ({inEffect === null ? "none" : formatValue(inEffect)}): anomalous when any step&apos;s score
        reaches it. Lines in the plots:{" "}
        {lines.map((l, i) => (
          <span key={l.label}>
            {i > 0 && ", "}
            <span style={{ color: LINE_STYLE[l.label].stroke }}>
              {l.label} {formatValue(l.value)}
            </span>
          </span>
        ))}
        .
      </p>
      <div style={{ maxHeight: "70vh", overflow: "auto", border: "1px solid var(--line)", borderRadius: 4 }}>
        <table data-testid="scores.table" className="sticky-head">
          <thead>
            <tr>
              <th>Sequence</th>
              <th>Split</th>
              <th className="num">Steps</th>
              <th className="num">Max score</th>
              <th>Predicted</th>
              <th>Labels</th>
              <th>Score</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => {
              const predicted = predictedStatus(s.max, inEffect);
              return (
                <tr
                  key={s.sequenceId}
                  data-testid="scores.row"
                  data-sequence={s.name}
                  data-max={s.max}
                  onClick={() => select(s)}
                  className={s.sequenceId === selected?.sequenceId ? "selected-row" : undefined}
                  style={{ cursor: "pointer" }}
                >
                  <td>
                    <Link
                      href={`/datasets/${datasetId}/sequences/${s.sequenceId}`}
                      onClick={(e) => e.stopPropagation()}
                      data-testid="scores.link"
                    >
                      {s.name}
                    </Link>
                  </td>
                  <td>{s.split}</td>
                  <td className="num">{formatStep(s.length)}</td>
                  <td className="num" data-testid="scores.max">
                    {formatValue(s.max)}
                  </td>
                  <td data-testid="scores.predicted" style={{ color: predicted === "anomalous" ? "var(--danger)" : undefined }}>
                    {predicted ?? "—"}
                  </td>
                  <td className={s.labelState === "not-queried" ? "muted" : undefined}>{LABEL_STATE_TEXT[s.labelState]}</td>
                  <td>
                    <Spark points={s.spark} lines={lines} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
