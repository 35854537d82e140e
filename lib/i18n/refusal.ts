/**
 * Refusals: what a service or a schema answers when it will not do what was asked, as a
 * stored message the action says in the reader's language. Schemas give a storedMessages
 * key as each zod message; a length limit reaches the sentence as `maximum` / `minimum`.
 */
import type { z } from "zod";
import type { Locale } from "./locales";
import { englishText, hasKey, renderStoredMessage, storedMessage, type StoredMessage } from "./stored-message";

/** Thrown inside a database transaction to roll it back; the service returns its `refusal`. */
export class Refusal extends Error {
  constructor(readonly refusal: StoredMessage) {
    super(englishText(refusal));
  }
}

/** The first problem zod found, as the sentence for the reader ("Invalid request." for one without a key: a forged form). */
export function issueRefusal(error: z.ZodError): StoredMessage {
  const issue = error.issues[0];
  return issue ? refusalOf(issue) : storedMessage("refusals.invalidRequest");
}

/** Each field's problems, for a form that marks the fields (`Field`: the schema's top-level keys). */
export function fieldRefusals<Field extends string = string>(error: z.ZodError): Partial<Record<Field, StoredMessage[]>> {
  const fields: Partial<Record<string, StoredMessage[]>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field !== "string") continue;
    (fields[field] ??= []).push(refusalOf(issue));
  }
  return fields;
}

/** A form's field refusals in the reader's language, as the action hands them to the form. */
export function renderFieldRefusals<Field extends string>(fields: Partial<Record<Field, StoredMessage[]>>, locale: Locale): Partial<Record<Field, string[]>> {
  const rendered: Partial<Record<Field, string[]>> = {};
  for (const field of Object.keys(fields) as Field[]) rendered[field] = fields[field]?.map((message) => renderStoredMessage(message, locale));
  return rendered;
}

function refusalOf(issue: z.core.$ZodIssue): StoredMessage {
  if (!hasKey(issue.message)) return storedMessage("refusals.invalidRequest");
  if (issue.code === "too_big") return storedMessage(issue.message, { maximum: Number(issue.maximum) });
  if (issue.code === "too_small") return storedMessage(issue.message, { minimum: Number(issue.minimum) });
  return storedMessage(issue.message);
}
