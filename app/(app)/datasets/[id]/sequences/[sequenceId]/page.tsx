import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { SequenceHeatmap } from "@/components/datasets/sequence-heatmap";
import { SequenceViewer } from "@/components/datasets/sequence-viewer";
import { AppError } from "@/lib/errors";
import { formatCount } from "@/lib/format";
import { can } from "@/lib/roles";
import { requirePageUser } from "@/lib/server/auth";
import { findVisibleSequence, readGroundTruth, readSeries } from "@/lib/server/series";

/** Points per channel of the first, whole-range plot: about the plot width of the widest layout. */
const OVERVIEW_POINTS = 1400;

type Props = { params: Promise<{ id: string; sequenceId: string }> };

export default async function SequencePage({ params }: Props) {
  const { id, sequenceId } = await params;
  const user = await requirePageUser(`/datasets/${id}/sequences/${sequenceId}`, "viewDatasets");
  const sequence = await findVisibleSequence(sequenceId, user).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (sequence.dataset.id !== id) notFound();
  // Not awaited: the page goes out first and the series follows in the same response, computed while
  // the browser loads the page's code (started on the next turn, so that the page is not held up).
  const overview = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() =>
    readSeries(sequenceId, user, { points: OVERVIEW_POINTS }),
  );
  const groundTruth = can(user.role, "viewGroundTruth") ? await readGroundTruth(sequenceId, user) : null;
  return (
    <>
      <p className="muted crumbs">
        <Link href="/datasets">Datasets</Link> › <Link href={`/datasets/${id}`}>{sequence.dataset.name}</Link> › sequence{" "}
        {sequence.index + 1}
      </p>
      <h1 data-testid="viewer.name">{sequence.name}</h1>
      <p className="muted" data-testid="viewer.meta">
        {sequence.split} split · {formatCount(sequence.length)} steps at {sequence.samplingRate} Hz · {sequence.channelNames.length}{" "}
        channels
      </p>
      <Suspense fallback={<p className="panel muted">Loading the series…</p>}>
        <SequenceViewer
          sequence={{
            id: sequence.id,
            name: sequence.name,
            length: sequence.length,
            samplingRate: sequence.samplingRate,
            channelNames: sequence.channelNames,
          }}
          groundTruth={groundTruth}
          overview={overview}
        />
      </Suspense>
      <SequenceHeatmap
        datasetId={id}
        sequenceId={sequence.id}
        length={sequence.length}
        channelNames={sequence.channelNames}
        samplingRate={sequence.samplingRate}
      />
    </>
  );
}
