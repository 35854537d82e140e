/**
 * The benchmark's figures as bench/results.json holds them, whether each met its target,
 * and how the README's Performance table shows them (`npm run bench:table`).
 */
export type BenchResult = { name: string; value: number; unit: string; ratio?: number; target?: string; met?: boolean };
export type BenchRun = { at: string; n: number; cores: number; durationSeconds: number; results: BenchResult[] };

/**
 * Reads a target such as "≥ 0.5×" (a ratio to COPY), "< 100 ms" or "≥ 1000 req/s" (the
 * figure itself) and says whether the figure meets it; undefined when there is none.
 */
export function targetMet(result: Omit<BenchResult, "met">): boolean | undefined {
  const match = /^(≥|>|≤|<)\s*([\d.,]+)\s*(×)?/.exec(result.target ?? "");
  if (!match) return undefined;
  const bound = Number(match[2]!.replace(/,/g, ""));
  const measured = match[3] ? result.ratio : result.value;
  if (measured === undefined) return undefined;
  switch (match[1]) {
    case "≥": return measured >= bound;
    case ">": return measured > bound;
    case "≤": return measured <= bound;
    default: return measured < bound;
  }
}

function formatValue(value: number, unit: string): string {
  const digits = unit === "s" || (unit === "ms" && value < 10) ? 1 : 0;
  return `${value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

export const TABLE_START = "<!-- bench:table:start (npm run bench:table writes this part from bench/results.json) -->";
export const TABLE_END = "<!-- bench:table:end -->";

/** The table, with the run's date and machine above it. */
export function renderTable(run: BenchRun): string {
  const day = new Date(run.at).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const lines = [
    `Figures of the run of ${day} (N = ${run.n.toLocaleString("en-US")}, ${run.cores} cores, the whole run took ${Math.round(run.durationSeconds / 60)} min):`,
    "",
    "| measure | result | target |",
    "| --- | --- | --- |",
  ];
  for (const r of run.results) {
    const ratio = r.ratio === undefined ? "" : ` (${r.ratio.toFixed(2)}× COPY)`;
    const mark = r.met === undefined ? "" : r.met ? " ✓" : " ✗";
    lines.push(`| ${r.name} | ${formatValue(r.value, r.unit)}${ratio} | ${r.target ? `${r.target}${mark}` : ""} |`);
  }
  return lines.join("\n");
}

/** The README with the text between the markers replaced by the table. */
export function replaceTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} markers.`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
