/**
 * What the upload's mapping step says about the preview before anything is sent: cells of a ticked
 * channel that the import would refuse (or fill), and columns that stop being channels because they
 * were picked for another role. Nothing here changes the mapping behind the admin's back: a bad cell
 * leaves its channel ticked and is reported; a column given a role leaves the channels with a note.
 */
import { classifyCell, readNumber, type CellProblem } from "./values";

export type CellIssue = {
  column: string;
  /** Index of the column in the header. */
  columnIndex: number;
  /** Index of the row among the preview's rows. */
  row: number;
  /** The file's line (the header is line 1), as the import's own messages count them. */
  line: number;
  value: string;
  problem: CellProblem;
};

/** Every cell of the ticked channels, in the preview's rows, that does not read as a number. */
export function cellIssues(header: string[], rows: string[][], channels: string[]): CellIssue[] {
  const ticked = new Set(channels);
  const issues: CellIssue[] = [];
  rows.forEach((cells, row) => {
    header.forEach((column, columnIndex) => {
      if (!ticked.has(column)) return;
      const value = cells[columnIndex] ?? "";
      if (Number.isFinite(readNumber(value))) return;
      issues.push({ column, columnIndex, row, line: row + 2, value, problem: classifyCell(value) });
    });
  });
  return issues;
}

export type MissingPolicy = "reject" | "ffill";

/**
 * What to tell the admin about one cell. `blocking`: the import would refuse the file as the form
 * stands (an empty cell is fine once forward fill is chosen).
 */
export function describeCellIssue(issue: CellIssue, missing: MissingPolicy): { text: string; blocking: boolean } {
  const where = `Column "${issue.column}", line ${issue.line}`;
  if (issue.problem === "missing") {
    return missing === "ffill"
      ? { text: `${where} is empty: forward fill will carry the value above it over the gap.`, blocking: false }
      : {
          text: `${where} is empty: the import will refuse the file. Choose forward fill for missing values, untick "${issue.column}", or fix the file.`,
          blocking: true,
        };
  }
  const what =
    issue.problem === "non_finite"
      ? "is not a finite number (NaN and infinity are not allowed)"
      : issue.problem === "out_of_range"
        ? "is too large for a float32 value"
        : "is not a number";
  return {
    text: `${where}: "${issue.value}" ${what}, so the import will refuse the file. Untick "${issue.column}" to leave this channel out, or fix the file.`,
    blocking: true,
  };
}

/** A role a column can take besides channel, and the column picked for it (null for none). */
export type RoleColumn = { role: string; column: string | null };

/**
 * The channels without the columns picked for another role, and a note naming each column that left
 * the channels that way (null when none did).
 */
export function withoutRoleColumns(channels: string[], roles: RoleColumn[]): { channels: string[]; note: string | null } {
  const roleOf = new Map<string, string>();
  for (const { role, column } of roles) if (column !== null && !roleOf.has(column)) roleOf.set(column, role);
  const removed = channels.filter((c) => roleOf.has(c));
  if (removed.length === 0) return { channels, note: null };
  const parts = removed.map((c) => `"${c}" is now the ${roleOf.get(c)} column`);
  return {
    channels: channels.filter((c) => !roleOf.has(c)),
    note: `${parts.join("; ")}, so ${removed.length === 1 ? "it is" : "they are"} no longer ${removed.length === 1 ? "a channel" : "channels"}.`,
  };
}
