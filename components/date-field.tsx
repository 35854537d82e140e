"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { addDays, toIsoDate } from "@/lib/dates";
import { formatDateInput, parseDateInput } from "@/lib/date-input";

/**
 * Every date the user types: a text field in the reader's language (31/12/2025 in
 * Indonesian, 31 Dec 2025 in English), never the browser's native date input, which
 * follows the browser's language instead of the one chosen here. The form submits the
 * ISO date from a hidden input; the server checks it again. Arrow Up / Down move a day.
 */
export function DateField({
  id, name, label, defaultValue = "", required = false, describedBy, serverError, hintHidden = false, className = "",
}: {
  id: string;
  name: string;
  label: string;
  /** ISO date, or empty. */
  defaultValue?: string;
  required?: boolean;
  /** Ids of hints the page shows under the field. */
  describedBy?: string;
  /** The server's answer about this field. */
  serverError?: string;
  /** In a row of filters the placeholder shows the form; the hint is left to screen readers. */
  hintHidden?: boolean;
  className?: string;
}) {
  const t = useTranslations("dateField");
  const locale = useLocale();
  const hintId = useId();
  const [text, setText] = useState(formatDateInput(defaultValue, locale));
  const [touched, setTouched] = useState(false);
  const iso = parseDateInput(text, locale);
  const invalid = text.trim() !== "" && iso === null;
  const missing = required && text.trim() === "";
  const invalidMessage = t("invalid", { example: formatDateInput("2025-12-31", locale) });
  const error = touched && invalid ? invalidMessage : serverError;

  function step(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    const from = iso ?? toIsoDate(new Date());
    setText(formatDateInput(iso ? addDays(from, event.key === "ArrowUp" ? 1 : -1) : from, locale));
  }

  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input
        id={id} type="text" inputMode={locale.startsWith("id") ? "numeric" : "text"} autoComplete="off" spellCheck={false}
        value={text} required={required} placeholder={t("placeholder")}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          setTouched(true);
          // A date typed another accepted way (2025-12-31, 1/2/2026) is shown back in the reader's form.
          if (iso) setText(formatDateInput(iso, locale));
        }}
        onKeyDown={step}
        // Native validation blocks submitting a form with an unreadable date.
        ref={(input) => input?.setCustomValidity(invalid ? invalidMessage : "")}
        aria-invalid={error || (touched && missing) ? true : undefined}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ")}
        className="mt-1 w-40 rounded-md border border-slate-300 px-2 py-1.5 tabular-nums focus:border-brand-600 focus:outline-none aria-invalid:border-red-500"
      />
      {/* The invalid text itself, when unreadable: the server refuses it with its own message. */}
      <input type="hidden" name={name} value={iso ?? text.trim()} />
      <p id={hintId} className={hintHidden ? "sr-only" : "mt-1 text-xs text-slate-500"}>{t("hint")}</p>
      {error && <p role="alert" className="mt-1 text-sm text-red-600">{error}</p>}
    </div>
  );
}
