import Link from "next/link";

export default function NotFound() {
  return (
    <main className="centered">
      <div className="card" data-testid="not-found">
        <h1>Not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/">Go to your home page</Link>
      </div>
    </main>
  );
}
