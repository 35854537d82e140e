import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { connectionEvents } from "@/db/schema";
import { InstitutionUnavailable } from "@/lib/providers/errors";
import { englishText, renderStoredMessage } from "@/lib/i18n/stored-message";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { startReconsentWithSupport } from "./reconsent-for-support";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const callbackUrl = "http://app.test/connect/callback";
const logOf = async (connectionId: string) => db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));

describe("startReconsentWithSupport", () => {
  it("opens the bank's consent page for Update Credentials, noted in the log", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const result = await startReconsentWithSupport(world.deps, actor, { connectionId, callbackUrl, reason: "update_credentials" });
    expect(result.ok && new URL(result.redirectUrl).origin).toBe(new URL(world.server.baseUrl).origin);
    expect((await logOf(connectionId)).some((e) => e.message.startsWith("Update Credentials started"))).toBe(true);
  });

  it("when Reconnect cannot start: says so, logs it with a reference, and gives the reference and client id for support", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const failing = { ...world.provider, createLinkSession: async () => { throw new InstitutionUnavailable(); } };
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await startReconsentWithSupport({ ...world.deps, provider: () => failing }, actor, { connectionId, callbackUrl, reason: "reconnect" });
    quiet.mockRestore();
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ key: "connections.reconsentFailed" }), errorReference: expect.stringMatching(/^OBS-/), clientId: expect.stringMatching(/^cl_/) });
    if (result.ok) return;
    expect(englishText(result.error)).toBe("Reconnecting failed: The bank is not available at the moment. Try again later.");
    // The administrator reading in Indonesian gets the whole refusal in Indonesian.
    expect(renderStoredMessage(result.error, "id")).toBe("Menghubungkan ulang gagal: Bank sedang tidak tersedia. Coba lagi nanti.");
    const logged = (await logOf(connectionId)).find((e) => e.level === "error");
    expect(logged).toMatchObject({ message: englishText(result.error), messageKey: "connections.reconsentFailed", errorReference: result.errorReference, actorUserId: actor.userId });
  });

  it("refuses another company's connection without writing to its log", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const other = await connectBank(world, "Demo Bank");
    const before = (await logOf(connectionId)).length;
    expect(await startReconsentWithSupport(world.deps, other.actor, { connectionId, callbackUrl, reason: "reconnect" })).toEqual({ ok: false, error: { key: "connectionMissing" } });
    expect((await logOf(connectionId)).length).toBe(before);
  });
});
