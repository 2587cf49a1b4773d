import { describe, expect, it } from "vitest";
import { cellIssues, describeCellIssue, withoutRoleColumns } from "./mapping-checks";
import { previewCsv } from "./preview";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("cellIssues", () => {
  it("finds the bad cells of ticked channels only, with the file's line", () => {
    const header = ["t", "a", "b", "c"];
    const rows = [
      ["0", "1", "2", "x"],
      ["1", "abc", "", "y"],
      ["2", "NaN", "3", "z"],
    ];
    const issues = cellIssues(header, rows, ["a", "b"]);
    expect(issues).toEqual([
      { column: "a", columnIndex: 1, row: 1, line: 3, value: "abc", problem: "non_numeric" },
      { column: "b", columnIndex: 2, row: 1, line: 3, value: "", problem: "missing" },
      { column: "a", columnIndex: 1, row: 2, line: 4, value: "NaN", problem: "non_finite" },
    ]);
    expect(cellIssues(header, rows, ["b"])).toHaveLength(1);
    expect(cellIssues(header, rows, [])).toEqual([]);
  });
});

describe("describeCellIssue", () => {
  const bad = { column: "a", columnIndex: 1, row: 1, line: 3, value: "abc", problem: "non_numeric" as const };
  const empty = { ...bad, value: "", problem: "missing" as const };

  it("names the column, the line and the value, and says what to do", () => {
    const d = describeCellIssue(bad, "reject");
    expect(d.blocking).toBe(true);
    expect(d.text).toContain('Column "a", line 3: "abc" is not a number');
    expect(d.text).toContain('Untick "a"');
  });

  it("an empty cell blocks unless forward fill is chosen", () => {
    expect(describeCellIssue(empty, "reject")).toMatchObject({ blocking: true });
    expect(describeCellIssue(empty, "reject").text).toContain("Choose forward fill");
    expect(describeCellIssue(empty, "ffill")).toMatchObject({ blocking: false });
    expect(describeCellIssue(bad, "ffill").blocking).toBe(true);
  });
});

describe("guessed channels keep a column with a bad cell", () => {
  it("ticks a numeric column with one bad or empty cell, not a text column", () => {
    const p = previewCsv(utf8("timestamp,a,b,c,comment\n0,1,2,3,ok\n1,x,,4,fine\n2,2,3,5,yes\n"), "d.csv", true);
    expect(p.guess.channels).toEqual(["a", "b", "c"]);
    expect(cellIssues(p.header, p.rows, p.guess.channels).map((i) => [i.column, i.line, i.problem])).toEqual([
      ["a", 3, "non_numeric"],
      ["b", 3, "missing"],
    ]);
  });
});

describe("withoutRoleColumns", () => {
  it("leaves the channels alone when no role takes one", () => {
    expect(withoutRoleColumns(["a", "b"], [{ role: "sequence", column: null }])).toEqual({ channels: ["a", "b"], note: null });
  });

  it("drops a column picked for a role and says so", () => {
    expect(withoutRoleColumns(["id", "a", "b"], [{ role: "sequence", column: "id" }])).toEqual({
      channels: ["a", "b"],
      note: '"id" is now the sequence column, so it is no longer a channel.',
    });
    const two = withoutRoleColumns(
      ["id", "a", "y"],
      [
        { role: "sequence", column: "id" },
        { role: "label", column: "y" },
      ],
    );
    expect(two.channels).toEqual(["a"]);
    expect(two.note).toBe('"id" is now the sequence column; "y" is now the label column, so they are no longer channels.');
  });
});
