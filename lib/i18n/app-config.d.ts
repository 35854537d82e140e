/** Typed next-intl: a key that is not in the English catalogue is a type error. */
import type { Locale } from "./locales";
import type { Messages } from "./catalogue";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
