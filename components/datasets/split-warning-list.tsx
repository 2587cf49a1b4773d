import type { SplitWarning } from "@/lib/splits/warnings";

/** Split warnings as a list, each item carrying its code and split for tests and styling. */
export function SplitWarningList({ warnings, testId = "split.warning" }: { warnings: SplitWarning[]; testId?: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="split-warnings">
      {warnings.map((w, i) => (
        <li key={`${w.code}:${w.split ?? ""}:${i}`} data-testid={testId} data-code={w.code} data-split={w.split ?? ""}>
          {w.message}
        </li>
      ))}
    </ul>
  );
}
