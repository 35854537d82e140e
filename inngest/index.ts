/** The functions served at /api/inngest. */
import { consentExpiryWarningFunction } from "./functions/consent-expiry-warning";
import { directoryRefreshFunction } from "./functions/directory-refresh";
import { scheduledSyncFunction } from "./functions/scheduled-sync";
import { syncConnectionFunction } from "./functions/sync-connection";
import { webhookDeliveriesFunction } from "./functions/webhook-deliveries";
import { webhookLeftoversFunction } from "./functions/webhook-leftovers";
import { webhookReceivedFunction } from "./functions/webhook-received";
import { webhookRetentionFunction } from "./functions/webhook-retention";

export const functions = [
  scheduledSyncFunction, syncConnectionFunction, consentExpiryWarningFunction, webhookReceivedFunction, directoryRefreshFunction, webhookRetentionFunction,
  webhookDeliveriesFunction, webhookLeftoversFunction,
];
