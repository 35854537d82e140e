import { describe, expect, it } from "vitest";
import { readBodyWithin } from "./read-body";

function streamed(parts: string[], onPull?: () => void): Request {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (index < parts.length) controller.enqueue(new TextEncoder().encode(parts[index++]));
      else controller.close();
    },
  });
  return new Request("http://app.test/", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBodyWithin", () => {
  it("counts bytes, not characters", async () => {
    expect(await readBodyWithin(new Request("http://app.test/", { method: "POST", body: "éé" }), 4)).toEqual({ ok: true, text: "éé" });
    expect(await readBodyWithin(streamed(["é".repeat(3)]), 5)).toEqual({ ok: false });
  });

  it("stops reading once the limit is passed", async () => {
    let pulls = 0;
    const endless = streamed(Array.from({ length: 1000 }, () => "x".repeat(1024)), () => (pulls += 1));
    expect(await readBodyWithin(endless, 4096)).toEqual({ ok: false });
    expect(pulls).toBeLessThan(10);
  });

  it("refuses a body that declares itself too large without reading it", async () => {
    const request = new Request("http://app.test/", { method: "POST", body: "{}", headers: { "content-length": "999999" } });
    expect(await readBodyWithin(request, 1000)).toEqual({ ok: false });
  });

  it("reads a body of a declared length in one go, and still refuses one longer than the limit", async () => {
    const declared = (body: string, length: number) => new Request("http://app.test/", { method: "POST", body, headers: { "content-length": String(length) } });
    expect(await readBodyWithin(declared('{"id":"wh_1"}', 13), 100)).toEqual({ ok: true, text: '{"id":"wh_1"}' });
    expect(await readBodyWithin(declared("x".repeat(200), 50), 100)).toEqual({ ok: false });
  });
});
