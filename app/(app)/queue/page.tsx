import { describeLabel, describeStretch } from "@/lib/labelling/session";
import Link from "next/link";
import { displayRank } from "@/lib/format";
import { requirePageUser } from "@/lib/server/auth";
import { listDatasets } from "@/lib/server/datasets";
import { listQueue } from "@/lib/server/queue";

export default async function QueuePage() {
  const user = await requirePageUser("/queue", "label");
  const [queue, datasets] = await Promise.all([listQueue(user.id), listDatasets(user)]);
  const done = queue.filter((q) => q.myLabel).length;
  const next = queue.find((q) => !q.myLabel) ?? queue[0];
  return (
    <>
      <div className="page-head">
        <h1>Your queue</h1>
        {next && (
          <Link href={`/queue/${next.queryId}`} className="badge" data-testid="queue.start">
            {done < queue.length ? "Label the next one →" : "Review your labels →"}
          </Link>
        )}
      </div>
      <p className="muted" data-testid="queue.progress">
        {queue.length === 0 ? "Nothing to label yet." : `${done} of ${queue.length} labelled.`} Assigned datasets:{" "}
        {datasets.length === 0
          ? "none"
          : datasets.map((d) => (
              <Link key={d.id} href={`/datasets/${d.id}`}>
                {d.name}
              </Link>
            ))}
      </p>
      {queue.length === 0 ? (
        <p className="panel muted" data-testid="queue.empty">
          When an admin or analyst asks for a batch of queries on a detector run of your datasets, the stretches to label appear here in
          rank order.
        </p>
      ) : (
        <section className="panel">
          <table data-testid="queue.table">
            <thead>
              <tr>
                <th>Rank</th>
                <th>Dataset</th>
                <th>Sequence</th>
                <th>Stretch</th>
                <th>Strategy</th>
                <th>Your label</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.queryId} data-testid="queue.row">
                  <td data-testid="queue.rank">
                    <Link href={`/queue/${q.queryId}`}>{displayRank(q.rank)}</Link>
                  </td>
                  <td data-testid="queue.dataset">{q.datasetName}</td>
                  <td data-testid="queue.sequence">
                    <Link href={`/queue/${q.queryId}`}>{q.sequenceName}</Link>
                  </td>
                  <td data-testid="queue.stretch">{describeStretch(q.start, q.end, q.samplingRate)}</td>
                  <td data-testid="queue.strategy">{q.strategy}</td>
                  <td data-testid="queue.label">{q.myLabel ? describeLabel(q.myLabel, q.samplingRate) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
