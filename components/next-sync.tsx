/**
 * When a connection synchronizes on its own next (lib/background/next-sync): a line under
 * a bank card ("Next sync: …") and the cell of the Online Synchronization list. Where this
 * server runs no background work, both say so plainly.
 */
import { useLocale, useTranslations } from "next-intl";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { nextSyncOf, type ConnectionScheduleFacts, type NextSync } from "@/lib/background/next-sync";
import { currentSchedule, type Schedule } from "@/lib/background/schedule";
import { connectionScheduleFacts } from "@/lib/connections/schedule-facts";
import { formatDateTime, formatUtcMinute } from "@/lib/dates";

/** The card's line, for one connection of the signed-in user's company. */
export async function NextSyncLine({ connectionId }: { connectionId: string }) {
  const membership = await requireMembership();
  const facts = (await connectionScheduleFacts(db, membership.companyId, [connectionId])).get(connectionId);
  if (!facts) return null;
  return <NextSyncText next={nextSyncOf(currentSchedule(), facts)} />;
}

function NextSyncText({ next }: { next: NextSync }) {
  const t = useTranslations("syncSchedule");
  const locale = useLocale();
  return (
    <p className={`mt-1 text-xs ${next.kind === "off" ? "text-amber-700" : "text-slate-500"}`}>
      {next.kind === "at" ? t("line.at", { at: formatDateTime(next.at, locale) }) : t(`line.${next.kind}`)}
    </p>
  );
}

/** The list's cell (the troubleshooting pages write times in UTC); empty for a connection whose facts were not read. */
export function NextSyncCell({ schedule, facts }: { schedule: Schedule; facts: ConnectionScheduleFacts | undefined }) {
  const t = useTranslations("syncSchedule");
  if (!facts) return null;
  const next = nextSyncOf(schedule, facts);
  return <>{next.kind === "at" ? formatUtcMinute(next.at) : t(`cell.${next.kind}`)}</>;
}
