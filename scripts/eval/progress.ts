/**
 * The progress bar on stderr: on a terminal one line redrawn in place (bar, percent, units, elapsed,
 * a rough ETA from the pace so far, and what runs now); in a log file (not a TTY) a line whenever
 * the percentage passes a multiple of 5 or the phase changes, at most one every 5 seconds.
 */
import type { ExperimentProgress } from "../../lib/eval/experiment";

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m${rest}s`;
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  const tty = stream.isTTY === true;
  let lastLine = 0;
  let lastStep = -1;
  let lastPhase = "";
  let drawn = false;

  const describe = ({ done, total, phase }: ExperimentProgress): string => {
    const fraction = total > 0 ? done / total : 0;
    const elapsed = (Date.now() - started) / 1000;
    const eta = fraction > 0.02 ? ` · eta ${clock((elapsed * (1 - fraction)) / fraction)}` : "";
    return `${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} · ${clock(elapsed)}${eta} · ${phase}`;
  };

  return {
    update(p: ExperimentProgress): void {
      if (tty) {
        const width = 24;
        const filled = Math.round((p.total > 0 ? p.done / p.total : 0) * width);
        const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${describe(p)}`;
        const columns = stream.columns ?? 120;
        stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
        drawn = true;
        return;
      }
      const step = p.total > 0 ? Math.floor((p.done / p.total) * 20) : 0;
      const phase = p.phase.split(" · ").slice(0, 2).join(" · ");
      if ((step !== lastStep || phase !== lastPhase) && Date.now() - lastLine >= 5000) {
        stream.write(`${describe(p)}\n`);
        lastLine = Date.now();
        lastStep = step;
        lastPhase = phase;
      }
    },
    /** Ends the redrawn line, so that what follows starts on a fresh one. */
    finish(): void {
      if (tty && drawn) stream.write("\n");
      drawn = false;
    },
  };
}
