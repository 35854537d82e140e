"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

/** The gear menu of an account's transactions page: the tools for when the bank and the books disagree. */
export function AccountToolsMenu({ bankAccountId }: { bankAccountId: string }) {
  const t = useTranslations("accountTools");
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("click", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", escape);
    };
  }, []);
  const base = `/accounts/${bankAccountId}`;
  const items: [string, string][] = [
    [t("findDuplicates"), `${base}/duplicates`],
    [t("findMissing"), `${base}/missing`],
    [t("importFile"), `${base}/import`],
  ];
  return (
    <div ref={ref} className="relative">
      <button type="button" aria-haspopup="menu" aria-expanded={open} aria-label={t("label")} onClick={() => setOpen((v) => !v)}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
        <span aria-hidden="true">⚙</span>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          {items.map(([label, href]) => (
            <Link key={href} href={href} role="menuitem" onClick={() => setOpen(false)} className="block rounded px-3 py-2 text-sm hover:bg-slate-50">
              {label}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
