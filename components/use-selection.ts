"use client";

import { useState } from "react";

/**
 * The ticked rows of a list with checkboxes (transactions, duplicate groups, missing
 * lines): toggle one, replace or clear them all, or drop some that left the list.
 */
export function useSelection<Id>() {
  const [selected, setSelected] = useState<Set<Id>>(() => new Set());
  const toggle = (id: Id) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const replace = (ids: Iterable<Id>) => setSelected(new Set(ids));
  const clear = () => setSelected(new Set());
  const drop = (ids: readonly Id[]) => setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
  return { selected, toggle, replace, clear, drop };
}
