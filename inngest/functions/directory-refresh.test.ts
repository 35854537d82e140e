import { InngestTestEngine } from "@inngest/test";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import type { Provider } from "@/lib/providers/types";
import { startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { DIRECTORY_REFRESH_CRON, createDirectoryRefreshFunction } from "./directory-refresh";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("directory-refresh", () => {
  it("loads each provider's institutions daily; a failing provider does not stop the others", async () => {
    const broken = { ...world.provider, name: "gocardless", listInstitutions: async () => { throw new Error("unreachable"); } } as unknown as Provider;
    const fn = createDirectoryRefreshFunction({ db, providers: () => [broken, world.provider], now: () => world.clock.now });
    expect(fn.opts.triggers).toEqual([{ cron: DIRECTORY_REFRESH_CRON }]);
    const { result } = await new InngestTestEngine({ function: fn }).execute();
    expect(result).toEqual({
      results: [
        { provider: "gocardless", status: "failed", error: "unreachable" },
        { provider: "sandbox", status: "refreshed", count: expect.any(Number), delisted: 0 },
      ],
    });
    const [{ n }] = (await db.select({ n: count() }).from(institutions)) as [{ n: number }];
    expect(n).toBeGreaterThan(5);
    const statuses = await db.select().from(providerDirectoryStatus).orderBy(providerDirectoryStatus.provider);
    expect(statuses.map((s) => [s.provider, s.lastError])).toEqual([["gocardless", "An unexpected error on our side (see the server log)."], ["sandbox", null]]);
  });
});
