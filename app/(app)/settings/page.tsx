import type { Metadata } from "next";
import { requireMembership } from "@/lib/auth/membership";
import { BackgroundSection } from "./background-section";
import { LockDatesSection } from "./lock-dates-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const membership = await requireMembership();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="mt-2 text-sm text-slate-600">{membership.companyName}</p>
      <LockDatesSection membership={membership} />
      <BackgroundSection companyId={membership.companyId} />
    </div>
  );
}
