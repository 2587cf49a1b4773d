"use client";

import { useState, type ReactNode } from "react";
import { matchesSearch } from "@/lib/search";

type Props<T> = {
  items: readonly T[];
  /** The fields a search looks in (lib/search.ts: every word typed in one of them). */
  fields: (item: T) => string[];
  /** What the items are, plural and singular: "users", "user". */
  noun: { plural: string; singular: string };
  /** Test ids: `<testId>.search`, `<testId>.count`, `<testId>.none`. */
  testId: string;
  /** The line beside the search box, given the items shown. */
  count: (shown: readonly T[]) => ReactNode;
  /** The list of the items shown. */
  children: (shown: readonly T[]) => ReactNode;
};

/**
 * An admin list with a search box by name or email (the users page, a dataset's experts): the box and
 * a count line above the list, the list of what matches, and a line saying so when nothing does. A
 * search only hides items.
 */
export function SearchableList<T>({ items, fields, noun, testId, count, children }: Props<T>) {
  const [query, setQuery] = useState("");
  const shown = items.filter((item) => matchesSearch(query, ...fields(item)));
  return (
    <>
      <div className="list-search">
        <input
          type="search"
          placeholder="Search by name or email"
          aria-label={`Search ${noun.plural} by name or email`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid={`${testId}.search`}
        />
        <span className="muted" data-testid={`${testId}.count`}>
          {count(shown)}
        </span>
      </div>
      {children(shown)}
      {shown.length === 0 && (
        <p className="muted" data-testid={`${testId}.none`}>
          No {noun.singular} matches “{query}”.
        </p>
      )}
    </>
  );
}
