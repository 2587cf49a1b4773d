"use client";

import { useEffect, useLayoutEffect, useRef } from "react";

type Actions = { label: (anomalous: boolean) => void; skip: () => void; undo: () => void; move: (delta: -1 | 1) => void };

/** A anomalous, N normal, S skip, U undo, ← → previous/next; not while typing in a field. */
export function useHotkeys(actions: Actions) {
  const latest = useRef(actions);
  // Before the browser handles the next key: a key pressed right after a label must act on the page
  // as it is now (the next query), not on the one just labelled.
  useLayoutEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const a = latest.current;
      const run: Record<string, () => void> = {
        a: () => a.label(true),
        n: () => a.label(false),
        s: a.skip,
        u: a.undo,
        ArrowLeft: () => a.move(-1),
        ArrowRight: () => a.move(1),
      };
      const action = run[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
