/** What a connection shows (lib/connections/status), read the way the pages read it. */
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { shownState, type ShownState } from "@/lib/connections/status";

export async function shownStateOf(connectionId: string): Promise<ShownState> {
  const [row] = await db.select({ state: shownState }).from(bankConnections).where(eq(bankConnections.id, connectionId));
  return row!.state;
}
