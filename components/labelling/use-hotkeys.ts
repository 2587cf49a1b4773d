"use client";

import { useEffect, useLayoutEffect, useRef } from "react";

export type HotkeyActions = {
  label: (anomalous: boolean) => void;
  skip: () => void;
  undo: () => void;
  move: (delta: -1 | 1) => void;
  /** Moves the onset by this many steps. */
  nudge: (delta: number) => void;
  /** Moves the marked region's end by this many steps. */
  nudgeEnd: (delta: number) => void;
  help: () => void;
};

/** What the keys do, for the page's hint line and the "?" help. */
export const HOTKEYS = [
  ["A", "anomalous (from the onset)"],
  ["N", "normal"],
  ["S", "skip"],
  ["U / Ctrl+Z", "undo your last label"],
  ["← →", "previous / next stretch"],
  ["Shift+← →", "move the onset by one step"],
  ["Alt+Shift+← →", "move the region's end by one step (from the stretch's end when none is marked)"],
  ["?", "show these keys"],
] as const;

/** A field that takes typed keys (a checkbox or a button does not: the keys still label with one focused). */
function typingIn(target: HTMLElement): boolean {
  if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
  return target.tagName === "INPUT" && !["checkbox", "radio", "button", "submit", "reset"].includes((target as HTMLInputElement).type);
}

/**
 * A anomalous, N normal, S skip, U or Ctrl/⌘+Z undo, ← → previous/next, Shift+← → nudge the onset,
 * Alt+Shift+← → nudge the region's end, ? help; not while typing in a field.
 */
export function useHotkeys(actions: HotkeyActions) {
  const latest = useRef(actions);
  // Before the browser handles the next key: a key pressed right after a label must act on the page
  // as it is now (the next query), not on the one just labelled.
  useLayoutEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && typingIn(target)) return;
      const a = latest.current;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      let action: (() => void) | undefined;
      const arrow = key === "ArrowLeft" ? -1 : key === "ArrowRight" ? 1 : 0;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && key === "z") action = a.undo;
      else if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && arrow !== 0) action = () => a.nudgeEnd(arrow);
      else if (e.altKey || e.ctrlKey || e.metaKey) return;
      else if (e.shiftKey && arrow !== 0) action = () => a.nudge(arrow);
      else if (e.repeat) return;
      else {
        const run: Record<string, () => void> = {
          a: () => a.label(true),
          n: () => a.label(false),
          s: a.skip,
          u: a.undo,
          "?": a.help,
          ArrowLeft: () => a.move(-1),
          ArrowRight: () => a.move(1),
        };
        action = run[key];
      }
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
