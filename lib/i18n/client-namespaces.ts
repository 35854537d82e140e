/**
 * The catalogue namespaces that components read with `useTranslations`, which may run in
 * the browser: only these go to the client with each page. The whole catalogue (every
 * screen's text and the stored messages, which the server renders) made up most of each
 * page's bytes. client-namespaces.test.ts fails when a component reads a namespace missing here.
 */
import type { Messages } from "./catalogue";

export const CLIENT_NAMESPACES = [
  "accountDetails",
  "accountTools",
  "apiKeys",
  "balanceCheck",
  "callBudget",
  "connect",
  "connectionActions",
  "connectionAttempts",
  "connectionStates",
  "copyForSupport",
  "csvMapping",
  "dashboard",
  "dateField",
  "deleteTransactions",
  "duplicateSources",
  "duplicates",
  "fetchTransactions",
  "importFile",
  "importPreview",
  "liveRun",
  "lockDates",
  "login",
  "manualAccount",
  "missing",
  "pending",
  "plaid",
  "reconsent",
  "runsTable",
  "selectAccounts",
  "simplefin",
  "storedMessages",
  "syncSchedule",
  "transactions",
  "userMenu",
  "webhooks",
] as const satisfies readonly (keyof Messages)[];

/** Of the stored messages, the browser needs only the refusals its own form checks give (components/use-refusal-text.ts). */
const CLIENT_STORED_AREAS = ["refusals"] as const satisfies readonly (keyof Messages["storedMessages"])[];

type ClientMessages = Omit<Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>, "storedMessages"> & {
  storedMessages: Pick<Messages["storedMessages"], (typeof CLIENT_STORED_AREAS)[number]>;
};

export function clientMessages(messages: Messages): ClientMessages {
  const picked = Object.fromEntries(CLIENT_NAMESPACES.map((name) => [name, messages[name]]));
  const stored = Object.fromEntries(CLIENT_STORED_AREAS.map((area) => [area, messages.storedMessages[area]]));
  return { ...picked, storedMessages: stored } as ClientMessages;
}
