import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/roles";
import { DeletePanel } from "@/components/admin/delete-panel";
import { ExpertAssignments } from "@/components/datasets/expert-assignments";
import { describeDeletion } from "@/lib/deletion-summary";
import { datasetDeletionSummary } from "@/lib/server/deletion";
import { listDatasetExperts } from "@/lib/server/assignments";
import { requirePageUser } from "@/lib/server/auth";
import { getDatasetDetail } from "@/lib/server/datasets";
import { formatCount } from "@/lib/format";

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/datasets/${id}`, "viewDatasets");
  const showTruth = can(user.role, "viewGroundTruth");
  const detail = await getDatasetDetail(id, user, showTruth).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { dataset, sequences } = detail;
  const experts = can(user.role, "manageUsers") ? await listDatasetExperts(id) : null;
  const deletion = can(user.role, "deleteData") ? await datasetDeletionSummary(id) : null;
  return (
    <>
      <h1 data-testid="dataset.name">{dataset.name}</h1>
      <p className="muted">{dataset.description}</p>
      {can(user.role, "analyse") && (
        <p><Link href={`/datasets/${dataset.id}/runs`} data-testid="dataset.runs">Detector runs →</Link></p>
      )}
      <section className="panel grid-2">
        <div><div className="muted">Sequences</div><div className="stat">{formatCount(dataset.sequenceCount)}</div></div>
        <div><div className="muted">Steps</div><div className="stat">{formatCount(dataset.totalSteps)}</div></div>
        <div><div className="muted">Channels</div><div>{dataset.channelNames.join(", ")}</div></div>
        <div><div className="muted">Window size (ACF)</div><div className="stat">{dataset.windowSize ?? "—"}</div></div>
      </section>
      {experts && <ExpertAssignments datasetId={dataset.id} experts={experts} />}
      {deletion && (
        <div className="panel-gap">
          <DeletePanel kind="dataset" url={`/api/datasets/${dataset.id}`} summary={describeDeletion(deletion)} confirmName={deletion.name} after="/datasets" />
        </div>
      )}
      <section className="panel">
        <table data-testid="sequences.table">
          <thead>
            <tr>
              <th>#</th><th>Name</th><th>Split</th><th className="num">Length</th><th className="num">max |z|</th>
              {showTruth && <th>Ground truth</th>}
            </tr>
          </thead>
          <tbody>
            {sequences.map((s) => (
              <tr key={s.id} data-testid="sequences.row">
                <td>{s.index + 1}</td>
                <td><Link href={`/datasets/${dataset.id}/sequences/${s.id}`} data-testid="sequences.link">{s.name}</Link></td>
                <td>{s.split}</td>
                <td className="num">{formatCount(s.length)}</td>
                <td className="num">{s.maxAbsZ?.toFixed(2) ?? "—"}</td>
                {showTruth && (
                  <td>{s.groundTruth?.anomalous ? `${s.groundTruth.kind ?? "anomaly"} from step ${s.groundTruth.onset}` : "normal"}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
