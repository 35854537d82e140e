/**
 * One message catalogue per language, kept as one JSON file per namespace under
 * messages/<language>/ so that work on different screens touches different files.
 * English is the reference every other language must match.
 */
import * as englishNamespaces from "./messages/en";
import * as indonesianNamespaces from "./messages/id";
import type { Locale } from "./locales";

const en = { ...englishNamespaces };
export type Messages = typeof en;

const catalogues: Record<Locale, Messages> = { en, id: { ...indonesianNamespaces } };

export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}
