"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server renders and while the page hydrates, true once React handles the page's
 * events: a page that renders its rows on the server marks itself ready with it (`data-hydrated`).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
