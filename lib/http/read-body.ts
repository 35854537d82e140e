/**
 * Reads a request body as text, up to a number of bytes. It stops reading as soon as the
 * limit is passed, so a large or endless body costs neither memory nor time.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false };
  if (!request.body) return { ok: true, text: "" };
  // A declared length within the limit bounds the body already (the HTTP parser reads no
  // more than it), so it is read in one go: the chunk-by-chunk loop below is for bodies
  // sent without a length, and costs a large share of a small webhook's handling.
  if (Number.isFinite(declared) && request.headers.has("content-length")) {
    const text = await request.text();
    return Buffer.byteLength(text) <= maxBytes ? { ok: true, text } : { ok: false };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
