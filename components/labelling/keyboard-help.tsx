"use client";

import { useEffect, useRef } from "react";
import { HOTKEYS } from "./use-hotkeys";

/** The keys of the labelling page, opened with "?" or the Keys button; Escape or Close shuts it. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="label-help-backdrop" onClick={onClose}>
      <div
        className="panel label-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="label-help-title"
        data-testid="label.help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="label-help-title">Keyboard</h2>
        <table>
          <tbody>
            {HOTKEYS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Clicking a plot also sets the onset; dragging across the score marks the anomalous region (its start is the onset). Keys do
          nothing while you type a note.
        </p>
        <button type="button" ref={close} onClick={onClose} data-testid="label.help.close">
          Close
        </button>
      </div>
    </div>
  );
}
