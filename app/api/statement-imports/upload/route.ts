/**
 * Upload of a statement file: the request body is streamed to the parser as it arrives
 * (no server-action payload), staged, and answered with the preview counts. It lives
 * outside the session proxy's paths (proxy.ts) because the proxy buffers a request body
 * and cuts it at 10 MB; this handler checks the session itself.
 */
import type { NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { isFromThisApp } from "@/lib/http/same-origin";
import { MAX_FILE_BYTES } from "@/lib/import/source";
import { stageStatementFile } from "@/lib/import/stage";

const querySchema = z.object({
  account: z.uuid({ error: "No such bank account." }),
  importId: z.uuid({ error: "The upload has no valid import id." }),
  name: z.string().trim().min(1).max(255).catch("statement"),
  mapping: z.string().max(4000).optional(),
});

export async function POST(request: NextRequest) {
  const membership = await currentMembership();
  if (!membership) return Response.json({ ok: false, error: "Sign in to import a file." }, { status: 401 });
  // The session cookie is SameSite=Lax already; a foreign page's upload is refused outright too.
  if (!isFromThisApp(request.headers)) {
    return Response.json({ ok: false, error: "Uploads are accepted from this app's own pages only." }, { status: 403 });
  }
  const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return Response.json({ ok: false, error: query.error.issues[0]?.message ?? "Invalid upload." }, { status: 400 });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_FILE_BYTES) {
    return Response.json({ ok: false, error: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller periods.` }, { status: 413 });
  }
  if (!request.body) return Response.json({ ok: false, error: "The file is empty." }, { status: 400 });
  let csvMapping: unknown = null;
  try {
    csvMapping = query.data.mapping ? JSON.parse(query.data.mapping) : null;
  } catch {
    return Response.json({ ok: false, error: "The CSV mapping is not readable." }, { status: 400 });
  }

  const result = await stageStatementFile(db, membership, {
    bankAccountId: query.data.account,
    importId: query.data.importId,
    fileName: query.data.name,
    csvMapping,
    body: chunks(request.body),
  });
  return Response.json(result, { status: result.ok ? 200 : 422 });
}

async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}
