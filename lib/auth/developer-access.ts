/** The one gate of the Online Synchronization pages and actions: an admin in developer mode. */
import "server-only";
import { forbidden } from "next/navigation";
import { hasDeveloperAccess } from "@/lib/developer-mode/toggle";
import { currentMembership, requireMembership, type Membership } from "./membership";

/** For pages: the membership, or a 403 page. */
export async function requireDeveloperAccess(): Promise<Membership> {
  const membership = await requireMembership();
  if (!hasDeveloperAccess(membership)) forbidden();
  return membership;
}

/** For server actions: the membership, or null (the action refuses and changes nothing). */
export async function developerAccessForAction(): Promise<Membership | null> {
  const membership = await currentMembership();
  return hasDeveloperAccess(membership) ? membership : null;
}

