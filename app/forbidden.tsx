import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="centered">
      <div className="card" data-testid="forbidden">
        <h1>403 — not for your role</h1>
        <p className="muted">You are signed in, but your role does not allow this page. Ask an admin if you need access.</p>
        <Link href="/">Go to your home page</Link>
      </div>
    </main>
  );
}
