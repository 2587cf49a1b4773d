import Link from "next/link";
import { detectorSpec } from "@/lib/detectors/registry";
import { formatThreshold } from "@/lib/labelling/labels";
import { trainsInEpochs } from "@/lib/run-settings";
import type { RefineView, RunSide } from "@/lib/runs/refine-view";
import { RefinePanel } from "./refine-panel";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(1)} %`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(3));

function Comparison({ parent, child, labels }: { parent: RunSide; child: RunSide; labels: number }) {
  const rows: [string, (s: RunSide) => string][] = [
    ["Unsupervised threshold", (s) => num(s.unsupervised)],
    ["Threshold from the labels", (s) => (s.fromLabels?.kind === "refined" ? formatThreshold(s.fromLabels.value) : "—")],
    ["Threshold in effect", (s) => `${formatThreshold(s.inEffect.value)} (${s.inEffect.kind})`],
    ["F1 on the labels", (s) => num(s.fromLabels?.f1)],
    ["Precision on the labels", (s) => num(s.fromLabels?.precision)],
    ["Recall on the labels", (s) => num(s.fromLabels?.recall)],
    ["Mean peak score, labelled anomalous", (s) => num(s.anomalousPeak)],
    ["Mean peak score, labelled normal", (s) => num(s.normalPeak)],
  ];
  return (
    <div data-testid="refine.comparison">
      <p className="muted">
        Fine-tuned from <Link href={`/runs/${parent.id}`}>its parent run</Link> with the parent&apos;s {labels} labelled stretches (labels
        belong to the data: this run&apos;s threshold from labels uses them too).
      </p>
      <table>
        <thead>
          <tr>
            <th />
            <th className="num">Parent</th>
            <th className="num">This run (refined)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name} data-testid="refine.row" data-name={name}>
              <td>{name}</td>
              <td className="num" data-testid="refine.parent">
                {value(parent)}
              </td>
              <td className="num" data-testid="refine.child">
                {value(child)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The run page's ALOE section (docs/algorithms.md §8.4–§8.5): the contamination estimate from the
 * labelled queries, "Refine the detector with these labels" for a complete run with labels (when the
 * user may start runs), and for a refined run its comparison with the parent. Data: lib/server/refine.ts.
 */
export function RefineSection({ contamination, comparison, refine }: RefineView) {
  return (
    <section className="panel" data-testid="refine.section">
      <h2>Labels refine the detector (ALOE)</h2>
      {contamination && (
        <p data-testid="refine.contamination" data-estimate={contamination.estimate ?? ""}>
          Contamination estimate α̂:{" "}
          {contamination.estimate === null ? (
            <span className="muted">none — {contamination.reason}</span>
          ) : (
            <>
              <strong>{pct(contamination.estimate)}</strong> (95 % bootstrap interval {pct(contamination.lower)}–{pct(contamination.upper)}
              ), from {contamination.labelled} labelled queries ({contamination.random} drawn at random) of a pool of{" "}
              {contamination.population}
            </>
          )}
          . Labelled fraction (biased by the strategy): {pct(contamination.naive)}.
        </p>
      )}
      {refine && detectorSpec(refine.detector).noRefine ? (
        <p className="muted" data-testid="refine.unavailable">
          {detectorSpec(refine.detector).noRefine}
        </p>
      ) : (
        refine && <RefinePanel {...refine} epochsApply={trainsInEpochs(refine.detector)} />
      )}
      {comparison && <Comparison {...comparison} />}
    </section>
  );
}
