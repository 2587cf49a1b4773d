import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/roles";
import { DeletePanel } from "@/components/admin/delete-panel";
import { ExpertAssignments } from "@/components/datasets/expert-assignments";
import { SequenceSplits } from "@/components/datasets/sequence-splits";
import { describeDeletion } from "@/lib/deletion-summary";
import { datasetDeletionSummary } from "@/lib/server/deletion";
import { listDatasetExperts } from "@/lib/server/assignments";
import { requirePageUser } from "@/lib/server/auth";
import { getDatasetDetail } from "@/lib/server/datasets";
import { getSplitContext, lockMessage } from "@/lib/server/splits";
import { splitSchema } from "@/lib/validations/split";
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
  const [experts, context] = await Promise.all([can(user.role, "manageUsers") ? listDatasetExperts(id) : null, getSplitContext(id)]);
  const rows = sequences.map((s) => ({ ...s, split: splitSchema.parse(s.split), unit: context.units?.[s.index] ?? null }));
  const deletion = can(user.role, "deleteData") ? await datasetDeletionSummary(id) : null;
  return (
    <>
      <h1 data-testid="dataset.name">{dataset.name}</h1>
      <p className="muted">{dataset.description}</p>
      {can(user.role, "analyse") && (
        <p>
          <Link href={`/datasets/${dataset.id}/runs`} data-testid="dataset.runs">
            Detector runs →
          </Link>
        </p>
      )}
      <section className="panel grid-2">
        <div>
          <div className="muted">Sequences</div>
          <div className="stat">{formatCount(dataset.sequenceCount)}</div>
        </div>
        <div>
          <div className="muted">Steps</div>
          <div className="stat">{formatCount(dataset.totalSteps)}</div>
        </div>
        <div>
          <div className="muted">Channels</div>
          <div>{dataset.channelNames.join(", ")}</div>
        </div>
        <div>
          <div className="muted">Window size (ACF)</div>
          <div className="stat" data-testid="dataset.window">
            {dataset.windowSize ?? "—"}
          </div>
        </div>
      </section>
      {experts && <ExpertAssignments datasetId={dataset.id} experts={experts} />}
      <SequenceSplits
        datasetId={dataset.id}
        rows={rows}
        showTruth={showTruth}
        canEdit={can(user.role, "editSplits")}
        locked={context.runs > 0 ? lockMessage(context.runs) : null}
        notes={context.notes}
      />
      {deletion && (
        <DeletePanel
          kind="dataset"
          url={`/api/datasets/${dataset.id}`}
          summary={describeDeletion(deletion)}
          confirmName={deletion.name}
          after="/datasets"
        />
      )}
    </>
  );
}
