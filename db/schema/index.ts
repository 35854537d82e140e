/** The whole data model; drizzle-kit reads this file. */
export * from "./enums";
export * from "./auth";
export * from "./companies";
export * from "./institutions";
export * from "./connections";
export * from "./bank-accounts";
export * from "./transactions";
export * from "./duplicate-groups";
export * from "./sync-runs";
export * from "./events";
export * from "./sandbox";
export * from "./books-trust";
export * from "./api-keys";
export * from "./outgoing-webhooks";
