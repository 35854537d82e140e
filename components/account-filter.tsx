"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { matchesFilter } from "@/lib/dashboard/groups";

const FilterContext = createContext("");

/**
 * The dashboard's filter box, shown when there are many accounts: it narrows the server-rendered
 * groups and cards as the user types, without another request.
 */
export function AccountFilter({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const t = useTranslations("dashboard");
  const [query, setQuery] = useState("");
  return (
    <FilterContext.Provider value={enabled ? query : ""}>
      {enabled && (
        <div className="mt-6 max-w-md">
          <label htmlFor="account-filter" className="block text-sm font-medium">{t("filterLabel")}</label>
          <input id="account-filter" type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t("filterPlaceholder")}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
      )}
      {children}
    </FilterContext.Provider>
  );
}

/** A group or a card the filter hides when none of its texts match what was typed. */
export function Filtered({ texts, as: Tag = "div", className, children }: { texts: string[]; as?: "div" | "li"; className?: string; children: ReactNode }) {
  const query = useContext(FilterContext);
  const shown = !query.trim() || texts.some((text) => matchesFilter(text, query));
  return <Tag hidden={!shown} className={className}>{children}</Tag>;
}

/** "No account matches" once the filter hides everything. */
export function NoFilterMatch({ texts }: { texts: string[] }) {
  const t = useTranslations("dashboard");
  const query = useContext(FilterContext);
  if (!query.trim() || texts.some((text) => matchesFilter(text, query))) return null;
  return <p role="status" className="mt-6 text-sm text-slate-600">{t("noFilterMatch")}</p>;
}
