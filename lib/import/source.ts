/**
 * Reads an uploaded file's bytes as they arrive: enforces the size limit, tells the format
 * from the first bytes, and hands the parsers either the whole text (OFX, CAMT: XML trees,
 * bounded by the limit) or a stream of text chunks (CSV, read row by row).
 */
import { refuseControlCharacters } from "./control-characters";
import { decodeStatement, detectFormat } from "./detect";
import { storedMessage } from "@/lib/i18n/stored-message";
import { StatementFileError, type StatementFormat } from "./types";

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const HEAD_BYTES = 4096;

export type StatementSource = {
  format: StatementFormat;
  /** The first few kilobytes as text, for checks that must come before any parsing. */
  headText: string;
  text: () => Promise<string>;
  textChunks: () => AsyncGenerator<string>;
};

export async function openStatementSource(body: AsyncIterable<Uint8Array>, maxBytes = MAX_FILE_BYTES): Promise<StatementSource> {
  const iterator = limited(body, maxBytes)[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headSize = 0;
  let done = false;
  while (headSize < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headSize += next.value.byteLength;
  }
  const headBytes = Buffer.concat(head);
  if (headBytes.toString("latin1").trim() === "") throw new StatementFileError(storedMessage("statementFile.empty"));
  const utf8 = isUtf8Start(headBytes);
  const headText = new TextDecoder(utf8 ? "utf-8" : "windows-1252").decode(headBytes.subarray(0, HEAD_BYTES)).replace(/^\uFEFF/, "");
  // A binary file is refused here, before anything asks for its columns or stores a byte of it.
  refuseControlCharacters(headText.slice(0, headText.lastIndexOf("\n") + 1) || headText);
  const format = detectFormat(headText);

  async function* rest(): AsyncGenerator<Uint8Array> {
    yield headBytes;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return {
    format,
    headText,
    async text() {
      const chunks: Uint8Array[] = [];
      for await (const chunk of rest()) chunks.push(chunk);
      const text = decodeStatement(Buffer.concat(chunks));
      refuseControlCharacters(text);
      return text;
    },
    async *textChunks() {
      const decoder = new TextDecoder(utf8 ? "utf-8" : "windows-1252");
      let first = true;
      let line = 1;
      for await (const chunk of rest()) {
        const text = decoder.decode(chunk, { stream: true });
        line = refuseControlCharacters(text, line);
        yield first ? text.replace(/^\uFEFF/, "") : text;
        first = false;
      }
      yield decoder.decode();
    },
  };
}

/** The refusal of a file over the limit (the upload route refuses a declared size with it too). */
export function tooLarge(maxBytes: number) {
  return storedMessage("statementFile.tooLarge", { megabytes: Math.round(maxBytes / 1024 / 1024) });
}

async function* limited(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new StatementFileError(tooLarge(maxBytes));
    yield chunk;
  }
}

/** Whether the first bytes read as UTF-8 (a sequence cut at the end of the head is fine). */
function isUtf8Start(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
