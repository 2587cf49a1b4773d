"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createLabellingStore, type LabellingActions, type LabellingState, type LabellingStore } from "./labelling-store";
import { outboxFor, type Outbox, type OutboxState } from "./outbox";

/**
 * The labelling page's store, made once per page (zustand's Next.js pattern: a factory, a provider
 * that creates the store once, selector hooks that throw outside it), and the user's outbox.
 */
type LabellingContext = { store: LabellingStore; outbox: Outbox };

const Context = createContext<LabellingContext | null>(null);

type Props = { user: { id: string; name: string }; queryIds: readonly string[]; initialIndex: number; children: ReactNode };

export function LabellingStoreProvider({ user, queryIds, initialIndex, children }: Props) {
  const [value] = useState<LabellingContext>(() => {
    const outbox = outboxFor(user.id);
    return { outbox, store: createLabellingStore({ user, queryIds, initialIndex }, outbox) };
  });
  // After hydration (the server rendered an empty session): the labels still waiting from before a reload.
  useEffect(() => value.store.getState().actions.hydrate(value.outbox.store.getState().ops), [value]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function useLabellingContext(): LabellingContext {
  const value = useContext(Context);
  if (!value) throw new Error("useLabelling must be used inside LabellingStoreProvider");
  return value;
}

/** A slice of the page's session; the component renders again only when that slice changes. */
export function useLabelling<T>(selector: (state: LabellingState) => T): T {
  return useStore(useLabellingContext().store, selector);
}

/** The named actions (stable: they never change, so reading them renders nothing again). */
export function useLabellingActions(): LabellingActions {
  return useStore(useLabellingContext().store, actionsOf);
}

const actionsOf = (s: LabellingState): LabellingActions => s.actions;

/** A slice of the outbox's state (what waits to be sent, the thresholds the server answered with). */
export function useOutbox<T>(selector: (state: OutboxState) => T): T {
  return useStore(useLabellingContext().outbox.store, selector);
}
