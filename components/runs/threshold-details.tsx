import { formatThreshold } from "@/lib/labelling/labels";
import type { BoundView, CurrentThresholds, ThresholdView } from "@/lib/threshold/view";

type Props = { current: CurrentThresholds; sequenceNames: Record<string, string> };

const pct = (share: number) => `${Math.round(share * 100)} %`;

function Bound({ name, bound, sequenceNames }: { name: string; bound: BoundView | null; sequenceNames: Record<string, string> }) {
  if (!bound) return null;
  return (
    <div className="muted">
      {name}: the {bound.side} of {sequenceNames[bound.sequenceId] ?? bound.sequenceId}, steps {bound.start}–{bound.end}
    </div>
  );
}

/** How the stored threshold came about: the labels' refined one (or why there is none) and an admin's manual one. */
function FromLabels({ t, sequenceNames }: { t: ThresholdView | null; sequenceNames: Record<string, string> }) {
  if (!t)
    return (
      <div className="muted" data-testid="runpage.refinedInfo">
        No labels yet.
      </div>
    );
  if (t.kind === "withdrawn") {
    return (
      <div className="muted" data-testid="runpage.refinedInfo">
        {t.reason ?? "The labels no longer refine the threshold."} ({t.labelCount} labelled queries)
      </div>
    );
  }
  return (
    <div data-testid="runpage.refinedInfo">
      <div className="muted">
        F1 {t.f1?.toFixed(2) ?? "—"} on {t.labelCount} labelled queries{t.anomalousCount !== null ? ` (${t.anomalousCount} anomalous)` : ""}
      </div>
      {t.interval && (
        <div className="muted" data-testid="runpage.interval" data-placement={t.placement ?? ""}>
          placed by &ldquo;{t.placement ?? "upper"}&rdquo; in the optimal interval (
          {t.interval.lower === null ? "−∞" : formatThreshold(t.interval.lower)}, {formatThreshold(t.interval.upper)}]
        </div>
      )}
      <Bound name="lower edge" bound={t.bounds?.lower ?? null} sequenceNames={sequenceNames} />
      <Bound name="upper edge" bound={t.bounds?.upper ?? null} sequenceNames={sequenceNames} />
      {t.normalAlarmShare !== null && <div className="muted">alarms on {pct(t.normalAlarmShare)} of the stretches labelled normal</div>}
      {t.warning && (
        <div className="notice" data-testid="runpage.warning">
          {t.warning}
        </div>
      )}
    </div>
  );
}

/** The run page's thresholds: the labels' refined one with how it was placed, and the manual one while set. */
export function ThresholdDetails({ current, sequenceNames }: Props) {
  const refined = current.fromLabels?.kind === "refined" ? current.fromLabels : null;
  const manual = current.manual;
  return (
    <>
      <div>
        <div className="muted">Refined threshold (from the experts&apos; labels, stored by the server)</div>
        <div className="stat" data-testid="runpage.refined">
          {formatThreshold(refined?.value ?? null)}
        </div>
        <FromLabels t={current.fromLabels} sequenceNames={sequenceNames} />
      </div>
      <div>
        <div className="muted">Manual threshold (an admin&apos;s)</div>
        <div className="stat" data-testid="runpage.manual">
          {formatThreshold(manual?.value ?? null)}
        </div>
        {manual ? (
          <div data-testid="runpage.manualInfo">
            <div className="muted">
              set by {manual.createdBy ?? "a former user"} on {new Date(manual.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
            </div>
            <div>
              Reason: <span data-testid="runpage.manualReason">{manual.reason}</span>
            </div>
            <div className="muted">
              In effect until an admin clears it; the labels&apos; refined threshold is still recomputed meanwhile.
            </div>
          </div>
        ) : (
          <div className="muted">None: the refined threshold applies, else the unsupervised one.</div>
        )}
      </div>
    </>
  );
}
