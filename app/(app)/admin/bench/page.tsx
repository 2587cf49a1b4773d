import { BenchRunner } from "@/components/bench/bench-runner";
import { DqsCheck } from "@/components/bench/dqs-check";
import { LstmCheck } from "@/components/bench/lstm-check";
import { requirePageUser } from "@/lib/server/auth";

export default async function BenchPage() {
  await requirePageUser("/admin/bench", "manageUsers");
  return (
    <>
      <h1>Backend benchmark</h1>
      <p className="muted">
        Trains and scores the same small TeVAE and LSTM autoencoder on every TensorFlow.js backend this browser can start (in a web worker,
        as runs do), and shows which one the backend picker chooses and why.
      </p>
      <BenchRunner />
      <DqsCheck />
      <LstmCheck />
    </>
  );
}
