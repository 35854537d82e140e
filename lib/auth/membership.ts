/**
 * The one authorization helper: who is signed in, in which company, with which role.
 * Every page, server action and route handler starts here, and every query it makes is
 * scoped to the company this returns.
 */
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { auth } from "./index";
import { loadMembership, type Membership } from "./load-membership";

export type { Membership };

/**
 * The signed-in user's membership, or null (route handlers answer 401 on null). Cached
 * for the request: the layout and the page both ask, the session is read once.
 */
export const currentMembership = cache(async function currentMembership(): Promise<Membership | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadMembership(db, userId);
});

/** For pages and server actions: the membership, or a redirect to /login. */
export async function requireMembership(): Promise<Membership> {
  const membership = await currentMembership();
  if (!membership) redirect("/login");
  return membership;
}

export class ForbiddenError extends Error {
  constructor(message = "Only an administrator can do this.") {
    super(message);
  }
}

export function assertAdmin(membership: Membership): void {
  if (membership.role !== "admin") throw new ForbiddenError();
}
