/**
 * Upload of a statement file: the request body is streamed to the parser as it arrives
 * (no server-action payload), staged, and answered with the preview counts. It lives
 * outside the session proxy's paths (proxy.ts) because the proxy buffers a request body
 * and cuts it at 10 MB; this handler checks the session itself.
 */
import type { NextRequest } from "next/server";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { isFromThisApp } from "@/lib/http/same-origin";
import { renderStoredMessage, storedMessage, type StoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { MAX_FILE_BYTES, tooLarge } from "@/lib/import/source";
import { stageStatementFile } from "@/lib/import/stage";

// Messages are catalogue keys, answered in the reader's language.
const querySchema = z.object({
  account: z.uuid({ error: "statementFile.noSuchAccount" satisfies StoredMessageKey }),
  importId: z.uuid({ error: "statementFile.noImportId" satisfies StoredMessageKey }),
  name: z.string().trim().min(1).max(255).catch("statement"),
  mapping: z.string().max(4000).optional(),
});

export async function POST(request: NextRequest) {
  const locale = await getLocale();
  const refuse = (error: StoredMessage, status: number) => Response.json({ ok: false, error: renderStoredMessage(error, locale) }, { status });
  const membership = await currentMembership();
  if (!membership) return refuse(storedMessage("statementFile.signIn"), 401);
  // The session cookie is SameSite=Lax already; a foreign page's upload is refused outright too.
  if (!isFromThisApp(request.headers)) return refuse(storedMessage("statementFile.foreignPage"), 403);
  const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) {
    const message = query.error.issues[0]?.message;
    return refuse(storedMessage(message === "statementFile.noSuchAccount" || message === "statementFile.noImportId" ? message : "statementFile.invalidUpload"), 400);
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_FILE_BYTES) return refuse(tooLarge(MAX_FILE_BYTES), 413);
  if (!request.body) return refuse(storedMessage("statementFile.empty"), 400);
  let csvMapping: unknown = null;
  try {
    csvMapping = query.data.mapping ? JSON.parse(query.data.mapping) : null;
  } catch {
    return refuse(storedMessage("statementFile.mapping.unreadable"), 400);
  }

  const result = await stageStatementFile(db, membership, {
    bankAccountId: query.data.account,
    importId: query.data.importId,
    fileName: query.data.name,
    csvMapping,
    body: chunks(request.body),
  });
  if (!result.ok) return refuse(result.error, 422);
  return Response.json(result);
}

async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}
