"use client";

import { useEffect, useRef, useState } from "react";
import { signOut } from "next-auth/react";

type Props = { name: string; email: string; companyName: string; role: "admin" | "user" };

export function UserMenu({ name, email, companyName, role }: Props) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, []);
  return (
    <div ref={ref} className="relative">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)}
        className="rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50">
        {name}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <div className="border-b border-slate-100 px-2 pb-2 text-xs text-slate-500">
            <div className="truncate">{email}</div>
            <div>{companyName} · {role === "admin" ? "Administrator" : "User"}</div>
          </div>
          {/* Auth.js's own sign-out endpoint (with its CSRF token), then a full page load of /login. */}
          <button type="button" role="menuitem" disabled={signingOut}
            onClick={() => { setSigningOut(true); void signOut({ redirectTo: "/login" }); }}
            className="mt-1 w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-50 disabled:opacity-60">
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      )}
    </div>
  );
}
