import type { ExperimentReport } from "@/lib/eval/report";

export function StatusBadge({ status }: { status: ExperimentReport["status"] | "unreadable" }) {
  return (
    <span className={`badge exp-status ${status}`} data-testid="exp.status">
      {status}
    </span>
  );
}
