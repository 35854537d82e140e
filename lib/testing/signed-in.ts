/**
 * A stand-in for lib/auth/membership in tests of server actions and route handlers, which
 * read the session there. A test file replaces the module with
 *
 *   vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
 *
 * and says who is signed in with `signInAs(membership)` (null: nobody, so pages and
 * actions meet the same redirect to /login as in the app).
 */
import type { Membership } from "@/lib/auth/load-membership";

let current: Membership | null = null;

export function signInAs(membership: Membership | null): void {
  current = membership;
}

/** Who the stand-in says is signed in (for assertions about the signed-in company). */
export function signedInMembership(): Membership | null {
  return current;
}

export const membershipStandIn = {
  currentMembership: async (): Promise<Membership | null> => current,
  requireMembership: async (): Promise<Membership> => {
    if (!current) throw new Error("NEXT_REDIRECT /login");
    return current;
  },
};
