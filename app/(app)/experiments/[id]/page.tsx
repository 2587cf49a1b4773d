import Link from "next/link";
import { notFound } from "next/navigation";
import { ExperimentView } from "@/components/experiments/experiment-view";
import { AppError } from "@/lib/errors";
import { requirePageUser } from "@/lib/server/auth";
import { readExperiment } from "@/lib/server/experiments";

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/experiments/${id}`, "analyse");
  const result = await readExperiment(id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "invalid") return error;
    throw error;
  });
  if (result instanceof AppError) {
    return (
      <>
        <p className="crumbs">
          <Link href="/experiments">← Experiments</Link>
        </p>
        <h1>{id}</h1>
        <p className="panel error" role="alert" data-testid="exp.unreadable">
          {result.message}
        </p>
      </>
    );
  }
  return <ExperimentView initial={result} now={new Date().toISOString()} />;
}
