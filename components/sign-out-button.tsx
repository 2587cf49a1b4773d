"use client";

import { useRouter } from "next/navigation";
import { postJson } from "./api-client";

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="secondary"
      data-testid="nav.signout"
      onClick={async () => {
        await postJson("/api/auth/signout", {});
        router.replace("/signin");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
