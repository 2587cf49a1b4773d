"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { launchRefine, type RefineInput, type RefineState } from "./refine-controller";

type Props = Omit<RefineInput, "alpha" | "epochs" | "learningRate"> & {
  /** The suggested contamination α: the estimate when there is one, else the labelled fraction. */
  suggestedAlpha: number;
  /** Whether the detector trains in epochs (the linear one is refitted in one pass). */
  epochsApply: boolean;
};

const PHASE_TEXT: Record<RefineState["phase"], string> = {
  starting: "Creating the refined run…",
  loading: "Loading the parent's weights and the data…",
  "fine-tuning": "Fine-tuning with the labels…",
  saving: "Saving the weights…",
  scoring: "Scoring every sequence…",
  complete: "Done.",
  error: "Failed.",
  cancelled: "Cancelled.",
};

/** "Refine the detector with these labels": ALOE fine-tuning into a new run linked to this one. */
export function RefinePanel({ suggestedAlpha, epochsApply, ...input }: Props) {
  const router = useRouter();
  const [state, setState] = useState<RefineState | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [epochTotal, setEpochTotal] = useState(0);
  const cancelRef = useRef<(() => void) | null>(null);
  const busy = state !== null && !["complete", "error", "cancelled"].includes(state.phase);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const alpha = Number(form.get("alpha"));
    const epochs = Number(form.get("epochs") ?? 1);
    const learningRate = Number(form.get("learningRate") ?? 0.001);
    if (!(alpha >= 0 && alpha < 1)) return setFormError("The contamination α is a share in [0, 1).");
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100) return setFormError("Epochs: a whole number from 1 to 100.");
    if (!(learningRate > 0 && learningRate <= 1)) return setFormError("The learning rate is in (0, 1].");
    setFormError(null);
    setEpochTotal(epochs);
    const handle = launchRefine({ ...input, alpha, epochs, learningRate }, setState);
    cancelRef.current = handle.cancel;
    await handle.done;
    cancelRef.current = null;
    router.refresh();
  }

  return (
    <div data-testid="refine.panel">
      <form className="inline" onSubmit={onSubmit} data-testid="refine.form">
        <label>
          Contamination α
          <input
            name="alpha"
            type="number"
            step="any"
            min={0}
            max={0.99}
            defaultValue={suggestedAlpha.toFixed(3)}
            data-testid="refine.alpha"
          />
        </label>
        {epochsApply && (
          <>
            <label>
              Epochs
              <input name="epochs" type="number" min={1} max={100} defaultValue={3} data-testid="refine.epochs" />
            </label>
            <label>
              Learning rate
              <input name="learningRate" type="number" step="any" defaultValue={0.001} data-testid="refine.learningRate" />
            </label>
          </>
        )}
        <button type="submit" disabled={busy} data-testid="refine.start">
          Refine the detector with these labels
        </button>
        {busy && (
          <button type="button" onClick={() => cancelRef.current?.()} data-testid="refine.cancel">
            Cancel
          </button>
        )}
      </form>
      {formError && (
        <p className="error" data-testid="refine.formError">
          {formError}
        </p>
      )}
      {state && (
        <p className={state.phase === "error" ? "error" : "muted"} data-testid="refine.progress" data-phase={state.phase}>
          {PHASE_TEXT[state.phase]}
          {state.phase === "fine-tuning" && epochsApply && ` Epoch ${state.epoch} of ${epochTotal}.`}
          {state.phase === "scoring" && ` ${state.scored} of ${input.sequences.length} sequences.`}
          {state.error && ` ${state.error}`}
          {state.childId && (
            <>
              {" "}
              <Link href={`/runs/${state.childId}`} data-testid="refine.childLink">
                Open the refined run
              </Link>
            </>
          )}
        </p>
      )}
    </div>
  );
}
