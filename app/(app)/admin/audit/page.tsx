import { requirePageUser } from "@/lib/server/auth";
import { listAuditEvents } from "@/lib/server/deletion";

/** Admins: what was deleted (kept after the data is gone) and which accounts were deactivated or reactivated, by whom, when. */
export default async function AuditPage() {
  await requirePageUser("/admin/audit", "deleteData");
  const events = await listAuditEvents();
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Deletions of datasets and runs, and accounts deactivated or reactivated, newest first. Each deletion says what went with it.
      </p>
      {events.length === 0 ? (
        <p className="muted" data-testid="audit.empty">
          Nothing has been deleted.
        </p>
      ) : (
        <table data-testid="audit.table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-testid="audit.row" data-action={e.action}>
                <td>{new Date(e.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
