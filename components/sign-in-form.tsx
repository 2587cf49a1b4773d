"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ROLE_HOME, type Role } from "@/lib/roles";
import { postJson } from "./api-client";

export function SignInForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await postJson<{ user: { role: Role } }>("/api/auth/signin", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    router.replace(next ?? ROLE_HOME[result.data.user.role]);
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required data-testid="signin.email" />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required data-testid="signin.password" />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="signin.error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="signin.submit">
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
