import { notFound } from "next/navigation";
import { LabellingWorkspace } from "@/components/labelling/labelling-workspace";
import { requirePageUser } from "@/lib/server/auth";
import { labellingRuns } from "@/lib/server/labels";
import { listQueue } from "@/lib/server/queue";

/** The labelling page: one queried stretch of the expert's queue at a time, ← → through the rest. */
export default async function LabelPage({ params }: { params: Promise<{ queryId: string }> }) {
  const { queryId } = await params;
  const user = await requirePageUser(`/queue/${queryId}`, "label");
  const queue = await listQueue(user.id);
  const index = queue.findIndex((q) => q.queryId === queryId);
  if (index < 0) notFound();
  const runs = await labellingRuns(queue.map((q) => q.runId));
  return <LabellingWorkspace user={{ id: user.id, name: user.name }} items={queue} runs={runs} initialIndex={index} />;
}
