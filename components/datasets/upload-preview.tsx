import type { CellIssue } from "@/lib/import/mapping-checks";
import type { CsvPreview } from "@/lib/import/preview";
import { formatBytes } from "@/lib/format";

/** The chosen files and the first rows of the first one; the cells of `issues` are highlighted. */
export function UploadPreview({ preview, files, issues }: { preview: CsvPreview; files: File[]; issues: CellIssue[] }) {
  const total = files.reduce((n, f) => n + f.size, 0);
  const bad = new Map(issues.map((i) => [`${i.row}:${i.columnIndex}`, i]));
  return (
    <section className="panel">
      <p data-testid="upload.files">
        <strong>{files.length === 1 ? files[0]?.name : `${files.length} files`}</strong> · {formatBytes(total)}
        {files.length > 1 && <span className="muted"> — first rows of {preview.file}</span>}
      </p>
      <div className="preview">
        <table data-testid="upload.preview">
          <thead>
            <tr>
              {preview.header.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                {preview.header.map((h, c) => {
                  const issue = bad.get(`${r}:${c}`);
                  return issue ? (
                    <td
                      key={h}
                      className="bad-cell"
                      data-testid="upload.bad-cell"
                      data-column={h}
                      title={`Column "${h}", line ${issue.line}: ${issue.problem === "missing" ? "empty" : "not a number"}`}
                    >
                      {row[c] ?? ""}
                    </td>
                  ) : (
                    <td key={h}>{row[c] ?? ""}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
