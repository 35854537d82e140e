/** A real Inngest client whose HTTP calls are recorded instead of reaching Inngest (schemas still checked). */
import { Inngest } from "inngest";

export function recordingInngestClient() {
  const sent: { name: string; data: unknown; id?: string }[] = [];
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
    sent.push(...(JSON.parse(String(init?.body)) as typeof sent));
    return Response.json({ ids: sent.map(() => "id"), status: 200 });
  };
  return { sent, client: new Inngest({ id: "openbanksync-test", eventKey: "test-event-key", isDev: false, fetch: fetch as typeof globalThis.fetch }) };
}
