/**
 * `npm run bench:table`: rewrites the README's Performance table from bench/results.json
 * (written by `npm run bench`), so the figures there are always those of a real run.
 */
import fs from "node:fs";
import { renderTable, replaceTable, type BenchRun } from "./lib/bench-results";

const run = JSON.parse(fs.readFileSync("bench/results.json", "utf8")) as BenchRun;
fs.writeFileSync("README.md", replaceTable(fs.readFileSync("README.md", "utf8"), renderTable(run)));
console.log(`README.md: Performance table written from the run of ${run.at} (${run.results.length} figures).`);
