/**
 * The "storedMessages" namespace: sentences lib/ stores as a key and parameters
 * (lib/i18n/stored-message.ts). One file per area, each under its own key (general ones at
 * the top level), so work on different areas touches different files.
 */
import connections from "./connections.json";
import general from "./general.json";
import providerSentences from "./providerSentences.json";
import refusals from "./refusals.json";
import statementFile from "./statementFile.json";
import webhookDeliveries from "./webhookDeliveries.json";

export const storedMessages = { ...general, connections, providerSentences, refusals, statementFile, webhookDeliveries };
