import Link from "next/link";
import { requirePageUser } from "@/lib/server/auth";
import { listDatasets } from "@/lib/server/datasets";
import { formatBytes, formatCount } from "@/lib/format";
import { can } from "@/lib/roles";

export default async function DatasetsPage() {
  const user = await requirePageUser("/datasets", "viewDatasets");
  const datasets = await listDatasets(user);
  return (
    <>
      <div className="page-head">
        <h1>Datasets</h1>
        {can(user.role, "uploadDatasets") && (
          <Link href="/datasets/upload" data-testid="datasets.upload">
            Upload a dataset
          </Link>
        )}
      </div>
      {datasets.length === 0 ? (
        <p className="panel muted" data-testid="datasets.empty">
          {user.role === "expert" ? "No dataset is assigned to you yet." : "No datasets yet."}
        </p>
      ) : (
        <section className="panel">
          <table data-testid="datasets.table">
            <thead>
              <tr>
                <th>Name</th>
                <th className="num">Sequences</th>
                <th className="num">Channels</th>
                <th className="num">Steps</th>
                <th className="num">Size</th>
                <th>Split (train / val / test)</th>
                <th className="num">Rate</th>
                <th className="num">Window</th>
                {user.role !== "expert" && <th>Ground truth</th>}
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.id} data-testid="datasets.row">
                  <td>
                    <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                  </td>
                  <td className="num">{formatCount(d.sequenceCount)}</td>
                  <td className="num" title={d.channelNames.join(", ")}>
                    {d.channelNames.length}
                  </td>
                  <td className="num">{formatCount(d.totalSteps)}</td>
                  <td className="num">{formatBytes(d.sizeBytes)}</td>
                  <td>
                    {d.splits.train} / {d.splits.validation} / {d.splits.test}
                  </td>
                  <td className="num">{d.samplingRate} Hz</td>
                  <td className="num">{d.windowSize ?? "—"}</td>
                  {user.role !== "expert" && <td>{d.hasGroundTruth ? "yes" : "no"}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
