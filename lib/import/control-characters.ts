/**
 * Statement files are text: a control character (a NUL byte, an escape) means a binary
 * file under a statement's name, or a corrupted export. Either way it is refused with the
 * line it is on, rather than stored in a description or failing deep in the database.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import { faultAt, lineAt, StatementFileError } from "./types";

// C0 controls except tab, line feed and carriage return; and DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Throws for the first control character in `text`, counting lines from `firstLine`; returns the lines the text ends on. */
export function refuseControlCharacters(text: string, firstLine = 1): number {
  const found = CONTROL.exec(text);
  let line = firstLine;
  const end = found ? found.index : text.length;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) line += 1;
  if (found) {
    const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw new StatementFileError(faultAt(lineAt(line), storedMessage("statementFile.controlCharacter", { code })));
  }
  return line;
}
