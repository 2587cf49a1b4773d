import type { ExperimentReport } from "@/lib/eval/report";
import { progressPercent } from "@/lib/charts/experiment-rows";

/** The harness's progress: a bar, "done of total" and what runs now. */
export function ExperimentProgress({ progress, compact = false }: { progress: ExperimentReport["progress"]; compact?: boolean }) {
  const percent = progressPercent(progress);
  return (
    <div className={compact ? "exp-progress compact" : "exp-progress"} data-testid="exp.progress">
      <progress max={100} value={percent} aria-label="experiment progress" />
      <span className="exp-progress-text">
        <strong>{Math.floor(percent)} %</strong>
        <span className="muted">
          {" "}
          · {progress.done} of {progress.total}
        </span>
        {progress.phase && (
          <span className="muted" data-testid="exp.phase">
            {" "}
            · {progress.phase}
          </span>
        )}
      </span>
    </div>
  );
}
