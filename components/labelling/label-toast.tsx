"use client";

import { useEffect } from "react";
import { formatThreshold } from "@/lib/labelling/labels";
import { describeLabel } from "@/lib/labelling/session";
import { useLabelling, useLabellingActions, useOutbox } from "./labelling-store-provider";

/** How long the toast stays after a label. */
const TOAST_MS = 8000;

/**
 * After each label: what was said (with the marked region), where the threshold went (when the page
 * still shows that run), whether it is saved, and Undo.
 */
export function LabelToast({ runId, inEffect, samplingRate }: { runId: string; inEffect: number | null; samplingRate: number }) {
  const toast = useLabelling((s) => s.toast);
  const { undo, dismissToast } = useLabellingActions();
  const pending = useOutbox((o) => o.ops.length > 0 || o.sending);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => dismissToast(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, dismissToast]);
  if (!toast) return null;
  return (
    <div className="label-toast" role="status" data-testid="label.toast" data-region-end={toast.regionEnd ?? ""}>
      <span>
        <b>
          {toast.sequenceName}: {describeLabel(toast, samplingRate)}
        </b>
        {toast.runId === runId && (
          <>
            {" "}
            · threshold {formatThreshold(toast.before)} → {formatThreshold(inEffect)}
          </>
        )}{" "}
        · <span className="muted">{pending ? "saving…" : "saved"}</span>
      </span>
      <button type="button" className="secondary" onClick={undo} data-testid="label.toast.undo">
        Undo
      </button>
    </div>
  );
}
