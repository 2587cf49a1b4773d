/**
 * The experiment's JSON file: validated against the shared schema (parseReport) before every write
 * and written atomically (a temporary file in the same folder, then rename), so the Experiments page
 * never reads half a report. Progress updates are throttled; state changes are written at once.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseReport, type ExperimentReport } from "../../lib/eval/report";

export class ReportFile {
  private lastWrite = 0;

  constructor(
    readonly file: string,
    private readonly minIntervalMs = 1000,
  ) {}

  write(report: ExperimentReport): void {
    const checked = parseReport(report);
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`);
    renameSync(temp, this.file);
    this.lastWrite = Date.now();
  }

  /** Writes unless the last write was less than minIntervalMs ago. */
  writeThrottled(report: ExperimentReport): void {
    if (Date.now() - this.lastWrite >= this.minIntervalMs) this.write(report);
  }
}
