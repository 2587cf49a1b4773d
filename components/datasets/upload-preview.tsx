import type { CsvPreview } from "@/lib/import/preview";
import { formatBytes } from "@/lib/format";

/** The chosen files and the first rows of the first one. */
export function UploadPreview({ preview, files }: { preview: CsvPreview; files: File[] }) {
  const total = files.reduce((n, f) => n + f.size, 0);
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
                {preview.header.map((h, c) => (
                  <td key={h}>{row[c] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
