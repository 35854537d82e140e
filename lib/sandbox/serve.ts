/**
 * Serves the Sandbox handler on a real local port (node:http), for tests and benchmarks
 * that want adapters to talk HTTP to it exactly as they would to the app's /sandbox.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createSandboxHandler, type SandboxHandlerOptions } from "./handler";
import { createMemorySandboxStore } from "./memory-store";
import type { SandboxStore } from "./store";

export interface SandboxServer {
  /** E.g. "http://127.0.0.1:41234/sandbox": give it to the adapter as its base URL. */
  baseUrl: string;
  store: SandboxStore;
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const hasBody = message.method !== "GET" && message.method !== "HEAD";
  return new Request(new URL(message.url ?? "/", `http://${message.headers.host ?? "127.0.0.1"}`), {
    method: message.method,
    headers,
    body: hasBody ? new Uint8Array(Buffer.concat(chunks)) : undefined,
  });
}

export async function serveSandbox(options: SandboxHandlerOptions & { port?: number } = {}): Promise<SandboxServer> {
  const store = options.store ?? createMemorySandboxStore();
  const handler = createSandboxHandler({ ...options, store });
  const server = createServer((message, reply) => {
    void (async () => {
      try {
        const response = await handler(await toRequest(message));
        reply.writeHead(response.status, Object.fromEntries(response.headers));
        reply.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        console.error("Sandbox server: request failed", error);
        if (!reply.headersSent) reply.writeHead(500);
        reply.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/sandbox`,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
