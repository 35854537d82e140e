"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import Papa from "papaparse";
import { useEffect, useState, useTransition } from "react";
import { renderStoredMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { Locale } from "@/lib/i18n/locales";
import type { CsvMapping } from "@/lib/import/csv-mapping";
import { refuseControlCharacters } from "@/lib/import/control-characters";
import { csvShapeProblem } from "@/lib/import/csv-shape";
import { detectFormat } from "@/lib/import/detect";
import { guessCsvMapping } from "@/lib/import/guess-mapping";
import type { ImportPreview } from "@/lib/import/preview";
import { StatementFileError } from "@/lib/import/types";
import { commitImportAction, discardImportAction } from "./actions";
import { CsvMappingForm } from "./csv-mapping-form";
import { PreviewCounts } from "./preview-counts";

// Only the start of the file is read in the browser: enough to recognise it and show rows.
const HEAD_BYTES = 64 * 1024;

type Step =
  | { name: "choose"; error?: string }
  | { name: "map"; file: File; rows: string[][]; reasons: StoredMessage[] | null }
  | { name: "uploading"; file: File; importId: string }
  | { name: "preview"; importId: string; preview: ImportPreview }
  | { name: "done"; message: string };

type Props = { bankAccountId: string; currency: string; rememberedMapping: CsvMapping | null };

export function ImportWizard({ bankAccountId, currency, rememberedMapping }: Props) {
  const t = useTranslations("importFile");
  const locale = useLocale();
  const [step, setStep] = useState<Step>({ name: "choose" });
  const [mapping, setMapping] = useState<CsvMapping | null>(rememberedMapping);
  const [pending, startTransition] = useTransition();
  const base = `/accounts/${bankAccountId}`;

  async function chooseFile(file: File | undefined) {
    if (!file) return;
    const head = await file.slice(0, HEAD_BYTES).text();
    // The last line of the head may be cut; the checks and the preview leave it out.
    const whole = head.slice(0, head.lastIndexOf("\n") + 1) || head;
    // Binary and empty files are refused here already (the server checks again).
    const problem = whole.trim() === "" ? t("emptyFile") : controlCharacterProblem(whole, locale, t("unreadable"));
    if (problem) return setStep({ name: "choose", error: problem });
    if (detectFormat(head) !== "csv") return upload(file, null);
    const rows = Papa.parse<string[]>(whole, { skipEmptyLines: "greedy" }).data;
    const shape = csvShapeProblem(rows);
    if (shape) return setStep({ name: "choose", error: renderStoredMessage(shape, locale) });
    const guess = mapping ? null : guessCsvMapping(rows);
    if (guess) setMapping(guess.mapping);
    setStep({ name: "map", file, rows, reasons: guess?.reasons ?? null });
  }

  async function upload(file: File, csvMapping: CsvMapping | null) {
    const importId = crypto.randomUUID();
    setStep({ name: "uploading", file, importId });
    const query = new URLSearchParams({ account: bankAccountId, importId, name: file.name });
    if (csvMapping) query.set("mapping", JSON.stringify(csvMapping));
    try {
      const response = await fetch(`/api/statement-imports/upload?${query}`, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const result = (await response.json()) as { ok: true; preview: ImportPreview } | { ok: false; error: string };
      setStep(result.ok ? { name: "preview", importId, preview: result.preview } : { name: "choose", error: result.error });
    } catch {
      setStep({ name: "choose", error: t("uploadFailed") });
    }
  }

  function finish(action: typeof commitImportAction, importId: string) {
    startTransition(async () => {
      const result = await action({ bankAccountId, importId });
      setStep(result.ok ? { name: "done", message: result.message } : { name: "choose", error: result.error });
    });
  }

  switch (step.name) {
    case "choose":
      return (
        <section className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
          <label htmlFor="statement-file" className="block text-sm font-medium">{t("statementFile")}</label>
          <input id="statement-file" type="file" accept=".ofx,.qfx,.xml,.csv,.txt" onChange={(event) => void chooseFile(event.target.files?.[0])}
            className="mt-2 block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-600 file:px-4 file:py-2 file:text-white" />
          <p className="mt-2 text-xs text-slate-500">{t("formats")}</p>
          {step.error && <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800">{t("nothingImported", { error: step.error })}</p>}
        </section>
      );
    case "map":
      return (
        <CsvMappingForm rows={step.rows} mapping={mapping!} reasons={step.reasons} currency={currency} onChange={setMapping}
          onSubmit={() => void upload(step.file, mapping)} onCancel={() => setStep({ name: "choose" })} />
      );
    case "uploading":
      return <UploadProgress base={base} importId={step.importId} fileName={step.file.name} />;
    case "preview": {
      const importable = step.preview.new + step.preview.possibleDuplicates;
      return (
        <section className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-medium">{t("preview")}</h2>
          <PreviewCounts preview={step.preview} />
          <div className="mt-6 flex gap-3">
            <button type="button" disabled={pending || importable === 0} onClick={() => finish(commitImportAction, step.importId)}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {pending ? t("importing") : t("import")}
            </button>
            <button type="button" disabled={pending} onClick={() => finish(discardImportAction, step.importId)}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
              {t("cancel")}
            </button>
          </div>
          {importable === 0 && <p className="mt-3 text-sm text-slate-600">{t("nothingNew")}</p>}
        </section>
      );
    }
    case "done":
      return (
        <section className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
          <p role="status" className="text-sm text-green-800">{step.message}</p>
          <div className="mt-4 flex gap-4 text-sm">
            <Link href={base} className="font-medium text-brand-700 hover:underline">{t("seeTransactions")}</Link>
            <button type="button" onClick={() => setStep({ name: "choose" })} className="text-slate-600 hover:text-brand-700">{t("importAnother")}</button>
          </div>
        </section>
      );
  }
}

function controlCharacterProblem(text: string, locale: Locale, unreadable: string): string | null {
  try {
    refuseControlCharacters(text);
    return null;
  } catch (error) {
    return error instanceof StatementFileError ? renderStoredMessage(error.reason, locale) : unreadable;
  }
}

type Progress = { status: string; processedLines: number; totalLines: number };

function UploadProgress({ base, importId, fileName }: { base: string; importId: string; fileName: string }) {
  const t = useTranslations("importFile");
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    const timer = setInterval(async () => {
      const response = await fetch(`${base}/import/progress?importId=${importId}`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) setProgress((await response.json()) as Progress);
    }, 500);
    return () => clearInterval(timer);
  }, [base, importId]);
  const read = progress?.processedLines ?? 0;
  const total = progress?.totalLines ?? 0;
  return (
    <section className="mt-6 rounded-xl border border-slate-200 bg-white p-6" aria-busy="true">
      <h2 className="text-lg font-medium">{t("reading", { fileName })}</h2>
      <progress className="mt-4 h-2 w-full" max={total || undefined} value={total ? read : undefined} aria-label={t("progress")} />
      <p role="status" className="mt-2 text-sm text-slate-600 tabular-nums">
        {total ? t("linesOf", { read, total }) : t("lines", { read })}
      </p>
    </section>
  );
}
