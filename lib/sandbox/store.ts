/**
 * Where the Sandbox aggregator keeps its state: link sessions, granted connections and
 * refresh counters. The app uses the PostgreSQL store; fast tests use the memory one.
 */
export { createDbSandboxStore } from "./db-store";
export { createMemorySandboxStore } from "./memory-store";

export interface SandboxLinkSession {
  id: string;
  institutionId: string;
  redirectUri: string;
  state: string;
  accountType: string | null;
  /** The existing connection this session re-links, if any. */
  connectionId: string | null;
  customerRef: string | null;
  /** Where to post this connection's webhooks, as the client asked. */
  webhookUrl: string | null;
  createdAt: Date;
  expiresAt: Date;
  exchangedAt: Date | null;
}

export interface SandboxConnection {
  id: string;
  institutionId: string;
  username: string;
  customerRef: string | null;
  accountType: string;
  accountIds: string[];
  consentExpiresAt: Date;
  revokedAt: Date | null;
  deletedAt: Date | null;
  webhookUrl: string | null;
  /** The last day ("YYYY-MM-DD") whose new transactions were announced by webhook. */
  notifiedThrough: string | null;
  /** A failure every refresh answers with until cleared (test controls; a new consent clears it). */
  simulatedFailure: SimulatedFailure | null;
  /** Lines the bank booked after the fact, oldest booking first (test controls). */
  lateBookings: LateBooking[];
  createdAt: Date;
  updatedAt: Date;
}

/** One line booked late on an account: dated `bookingDate` ("YYYY-MM-DD"), listed since `bookedAt` (ISO time). */
export interface LateBooking {
  accountId: string;
  bookingDate: string;
  bookedAt: string;
}

export const SIMULATED_FAILURES = ["bank_error", "login_required"] as const;
export type SimulatedFailure = (typeof SIMULATED_FAILURES)[number];

export type SandboxConnectionUpdate = Partial<
  Pick<SandboxConnection, "username" | "accountIds" | "consentExpiresAt" | "revokedAt" | "deletedAt" | "webhookUrl" | "notifiedThrough" | "simulatedFailure" | "lateBookings">
> & {
  updatedAt: Date;
};

export interface SandboxStore {
  createLinkSession(session: SandboxLinkSession): Promise<void>;
  getLinkSession(id: string): Promise<SandboxLinkSession | null>;
  /** Marks the session's code as used; false when it already was (a replayed code). */
  markLinkSessionExchanged(id: string, at: Date): Promise<boolean>;
  createConnection(connection: SandboxConnection): Promise<void>;
  getConnection(id: string): Promise<SandboxConnection | null>;
  updateConnection(id: string, update: SandboxConnectionUpdate): Promise<void>;
  /** A live (not revoked, not deleted) connection of this login for this customer. */
  findLiveConnection(login: { institutionId: string; username: string; customerRef: string }): Promise<SandboxConnection | null>;
  /** Counts one more refresh of the connection on `day` ("YYYY-MM-DD") and returns the day's total. */
  recordRefresh(connectionId: string, day: string): Promise<number>;
  countRefreshes(connectionId: string, day: string): Promise<number>;
  /** Live connections with a webhook URL whose transactions of `day` were not announced yet. */
  listConnectionsToAnnounce(day: string, limit: number): Promise<SandboxConnection[]>;
}
