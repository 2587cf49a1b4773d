import { formatBytes, formatCount } from "@/lib/format";
import type { ImportProgress, ImportResult } from "./upload-client";

export type UploadPhase =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "importing"; progress: ImportProgress | null }
  | { kind: "done"; result: ImportResult };

function describe(phase: UploadPhase): { text: string; value: number | undefined } {
  switch (phase.kind) {
    case "uploading": {
      const f = phase.total > 0 ? phase.sent / phase.total : 1;
      return { text: `Uploading ${formatBytes(phase.sent)} of ${formatBytes(phase.total)} (${Math.floor(f * 100)} %)`, value: f };
    }
    case "importing": {
      const p = phase.progress;
      if (!p || p.phase === "parse") {
        const f = p && p.total > 0 ? p.done / p.total : 0;
        return { text: `Importing: reading and checking the CSV (${Math.floor(f * 100)} %)`, value: f };
      }
      if (p.phase === "store")
        return {
          text: `Importing: storing sequence ${formatCount(p.done)} of ${formatCount(p.total)}`,
          value: p.total > 0 ? p.done / p.total : undefined,
        };
      return { text: "Importing: preprocessing (downsampling, splits, statistics, window size)…", value: undefined };
    }
    case "done": {
      const n = phase.result.warnings.length;
      const warned =
        n > 0 ? ` ${n} ${n === 1 ? "warning" : "warnings"} about the split: the dataset page lists ${n === 1 ? "it" : "them"}.` : "";
      return {
        text: `Imported ${formatCount(phase.result.sequenceCount)} sequences, ${formatCount(phase.result.totalSteps)} steps.${warned} Opening the dataset…`,
        value: 1,
      };
    }
    default:
      return { text: "", value: 0 };
  }
}

/** One bar for the upload, then for the import, with what is happening in words. */
export function UploadProgress({ phase, onCancel }: { phase: UploadPhase; onCancel?: () => void }) {
  if (phase.kind === "idle") return null;
  const { text, value } = describe(phase);
  return (
    <div className="progress" data-testid="upload.status" data-phase={phase.kind}>
      <progress max={1} value={value} data-testid="upload.progress" aria-label="Upload and import progress" />
      <span className="muted" data-testid="upload.phase">
        {text}
      </span>
      {phase.kind === "uploading" && onCancel && (
        <button type="button" className="secondary" data-testid="upload.cancel" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
