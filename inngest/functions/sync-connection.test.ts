import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { StepOpCode } from "inngest/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { connectionEvents, syncRuns } from "@/db/schema";
import { TRANSIENT_RETRIES } from "@/lib/background/policy";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { mfaSubmitted } from "../events";
import { createSyncConnectionFunction } from "./sync-connection";
import { shownStateOf } from "@/lib/testing/shown-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const START = new Date("2026-11-25T09:00:00Z");
const resetClock = () => (world.clock.now = new Date(START));

function syncRequestedEvent(target: { companyId: string; connectionId: string }, trigger: "scheduled" | "webhook" | "manual" = "scheduled") {
  return [{ name: "bank/sync.requested", data: { ...target, provider: "sandbox", trigger } }] as [{ name: string; data: Record<string, unknown> }];
}

/**
 * The engine with `step.waitForEvent` answered by `codes` (step id -> code, or null for a
 * timeout). @inngest/test 1.0.0 hands mocked step results to inngest 4.24 as promises, and
 * the SDK's check of a received event then reads `name` off the promise ("Event not found
 * in triggers: undefined"), whatever the mock returns; so the wait is replaced in the
 * function's context instead, with the event Inngest would deliver.
 */
function engineAnsweringCodes(fn: ReturnType<typeof createSyncConnectionFunction>, codes: Record<string, string | null>) {
  return new InngestTestEngine({
    function: fn,
    transformCtx: (raw) => {
      const ctx = mockCtx(raw);
      const waitForEvent = vi.fn(async (id: string) => {
        if (!(id in codes)) throw new Error(`Unexpected wait ${id}`);
        const code = codes[id];
        if (code === null || code === undefined) return null;
        const data = { companyId: raw.event.data.companyId as string, connectionId: raw.event.data.connectionId as string, code };
        return { name: mfaSubmitted.name, data: mfaSubmitted.schema.parse(data), id: `evt-${id}`, ts: Date.now() };
      });
      return { ...ctx, step: { ...ctx.step, waitForEvent } } as unknown as Context.Any;
    },
  });
}

async function runsOf(connectionId: string) {
  return db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(syncRuns.startedAt);
}

async function logOf(connectionId: string) {
  const rows = await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
  return rows.map((r) => r.message).join("\n");
}

/** An MFA bank whose inline first sync was completed, so the next refresh asks for a code again. */
async function connectMfaBank() {
  const bank = await connectBank(world, "Demo Bank MFA");
  const done = await syncConnection(world.deps, { ...bank.actor, connectionId: bank.connectionId, trigger: "manual", mfaCode: "123456" });
  expect(done.status).toBe("succeeded");
  return { companyId: bank.actor.companyId, connectionId: bank.connectionId };
}

describe("sync-connection", () => {
  it("is limited to one run per connection and throttled per provider, with retries", () => {
    const fn = createSyncConnectionFunction(world.deps);
    expect(fn.opts.concurrency).toEqual([
      { key: "event.data.connectionId", limit: 1 },
      expect.objectContaining({ key: "event.data.provider" }),
    ]);
    expect(fn.opts.throttle).toMatchObject({ key: "event.data.provider" });
    expect(fn.opts.retries).toBe(TRANSIENT_RETRIES);
  });

  it("synchronizes a connection from a scheduled request", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = new Date("2026-11-27T09:00:00Z");
    const t = new InngestTestEngine({ function: createSyncConnectionFunction(world.deps), events: syncRequestedEvent({ companyId: actor.companyId, connectionId }) });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "succeeded", errorCode: null });
    const runs = await runsOf(connectionId);
    expect(runs.map((r) => [r.trigger, r.status, r.orchestrator])).toEqual([["first_sync", "succeeded", "inline"], ["scheduled", "succeeded", "inngest"]]);
  });

  it("throws a retriable error on a transient provider failure, and the retry succeeds", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const unreachable = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 2_000 });
    let calls = 0;
    // The aggregator is down for the first attempt only.
    const deps = { ...world.deps, provider: () => (calls++ === 0 ? unreachable : world.provider) };
    const fn = createSyncConnectionFunction(deps);
    const events = syncRequestedEvent({ companyId: actor.companyId, connectionId });

    const first = await new InngestTestEngine({ function: fn, events }).executeStep("sync");
    // StepError (not StepFailed): the SDK reports the attempt as one Inngest retries, with backoff.
    expect(first.step.op).toBe(StepOpCode.StepError);
    expect(first.error).toMatchObject({ name: "TransientSyncError", message: expect.stringMatching(/could not be reached.*OBS-/) });

    // @inngest/test does not model retries; the retry is the same event run again.
    const retry = await new InngestTestEngine({ function: fn, events }).execute();
    expect(retry.result).toMatchObject({ status: "succeeded" });
    const runs = await runsOf(connectionId);
    expect(runs.map((r) => [r.status, r.errorCode])).toEqual([["succeeded", null], ["failed", "provider_transient"], ["succeeded", null]]);
  });

  it("sleeps until a refresh limit that lifts within the hour, then synchronizes again", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank Daily Limit");
    world.clock.now = new Date("2026-11-25T23:30:00Z");
    const t = new InngestTestEngine({
      function: createSyncConnectionFunction(world.deps),
      events: syncRequestedEvent({ companyId: actor.companyId, connectionId }),
      steps: [{ id: "wait-for-refresh-limit", handler: () => { world.clock.now = new Date("2026-11-26T00:00:05Z"); return null; } }],
    });
    const { result, ctx, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-refresh-limit", new Date("2026-11-26T00:00:00Z"));
    expect(result).toMatchObject({ status: "succeeded" });
    const runs = await runsOf(connectionId);
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([["first_sync", "succeeded"], ["scheduled", "rate_limited"], ["retry", "succeeded"]]);
  });

  it("ends rate limited, without sleeping, when the limit lifts later than an hour", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank Daily Limit");
    world.clock.now = new Date("2026-11-25T12:00:00Z");
    const t = new InngestTestEngine({ function: createSyncConnectionFunction(world.deps), events: syncRequestedEvent({ companyId: actor.companyId, connectionId }) });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ status: "rate_limited", retryAfter: "2026-11-26T00:00:00.000Z", sleepUntilRetry: false });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect((await runsOf(connectionId)).map((r) => r.status)).toEqual(["succeeded", "rate_limited"]);
    // Refused by the call budget (one call a day, spent on the first sync) before the bank is asked.
    expect(await logOf(connectionId)).toContain("Daily limit of 1 call reached; next refresh allowed at 2026-11-26 00:00 UTC.");
  });

  it("registers a wait for the security code of this connection, for 15 minutes", async () => {
    resetClock();
    const target = await connectMfaBank();
    const t = new InngestTestEngine({ function: createSyncConnectionFunction(world.deps), events: syncRequestedEvent(target) });
    const { step } = await t.executeStep("wait-for-security-code");
    expect(step).toMatchObject({ op: StepOpCode.WaitForEvent, name: "bank/mfa.submitted" });
    // Matched on the connection (and company) of the run; the deadline is 15 minutes after the bank asked.
    expect(step.opts).toEqual({
      if: "async.data.connectionId == event.data.connectionId && async.data.companyId == event.data.companyId",
      timeout: new Date(START.getTime() + 15 * 60_000).toISOString(),
    });
  });

  it("cannot feed a waited event through the engine's step mocks (the known pitfall)", async () => {
    resetClock();
    const target = await connectMfaBank();
    const event = { name: "bank/mfa.submitted", data: { ...target, code: "123456" }, id: "evt", ts: Date.now() };
    const t = new InngestTestEngine({
      function: createSyncConnectionFunction(world.deps),
      events: syncRequestedEvent(target),
      steps: [{ id: "wait-for-security-code", handler: () => event }],
    });
    // When this starts passing after an upgrade, the step mock is the simpler way to test the wait.
    const { error } = await t.execute();
    expect(error).toMatchObject({ message: expect.stringContaining("Event not found in triggers: undefined") });
  });

  it("waits for the security code and resumes the same run with it", async () => {
    resetClock();
    const target = await connectMfaBank();
    const t = engineAnsweringCodes(createSyncConnectionFunction(world.deps), { "wait-for-security-code": "123456" });
    const { result, ctx, error } = await t.execute({ events: syncRequestedEvent(target) });
    expect(error).toBeUndefined();
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("wait-for-security-code", expect.objectContaining({ event: mfaSubmitted }));
    expect(ctx.step.run).toHaveBeenCalledWith("submit-security-code", expect.any(Function));
    // The run that asked for the code is the one that finished with it.
    const runs = await runsOf(target.connectionId);
    expect(runs.map((r) => [r.trigger, r.status, r.orchestrator])).toEqual([["first_sync", "succeeded", "inline"], ["scheduled", "succeeded", "inngest"]]);
    expect(result).toMatchObject({ status: "succeeded", runId: runs[1]!.id });
    expect(await shownStateOf(target.connectionId)).toBe("active");
  });

  it("asks again after a wrong code, and gives up after three", async () => {
    resetClock();
    const target = await connectMfaBank();
    const fn = createSyncConnectionFunction(world.deps);
    const retried = await engineAnsweringCodes(fn, { "wait-for-security-code": "000000", "wait-for-security-code-2": "123456" })
      .execute({ events: syncRequestedEvent(target) });
    expect(retried.result).toMatchObject({ status: "succeeded" });
    expect(retried.ctx.step.run).toHaveBeenCalledWith("submit-security-code-2", expect.any(Function));

    world.clock.now = new Date("2026-11-25T10:00:00Z");
    const wrong = { "wait-for-security-code": "000000", "wait-for-security-code-2": "111111", "wait-for-security-code-3": "222222" };
    const refused = await engineAnsweringCodes(fn, wrong).execute({ events: syncRequestedEvent(target) });
    expect(refused.result).toMatchObject({ status: "failed", errorCode: "mfa_rejected" });
    const runs = await runsOf(target.connectionId);
    expect(runs.at(-1)).toMatchObject({ status: "failed", errorCode: "mfa_rejected" });
    expect(await shownStateOf(target.connectionId)).toBe("active");
  });

  it("ends cleanly when no code arrives within 15 minutes", async () => {
    resetClock();
    const target = await connectMfaBank();
    const t = engineAnsweringCodes(createSyncConnectionFunction(world.deps), { "wait-for-security-code": null });
    const { result, error } = await t.execute({ events: syncRequestedEvent(target) });
    expect(error).toBeUndefined();
    const runs = await runsOf(target.connectionId);
    expect(runs.map((r) => [r.trigger, r.status, r.errorCode])).toEqual([["first_sync", "succeeded", null], ["scheduled", "failed", "mfa_timeout"]]);
    expect(result).toMatchObject({ status: "failed", errorCode: "mfa_timeout", runId: runs[1]!.id });
    expect(await shownStateOf(target.connectionId)).toBe("active");
    expect(await logOf(target.connectionId)).toContain("The security code was not entered within 15 minutes");
  });

  it("ends an automatic run that the bank refuses, with the advice in the log", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank Manual Only");
    world.clock.now = new Date("2026-11-27T09:00:00Z");
    const t = new InngestTestEngine({ function: createSyncConnectionFunction(world.deps), events: syncRequestedEvent({ companyId: actor.companyId, connectionId }) });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ status: "failed", errorCode: "background_refresh_unsupported" });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(await logOf(connectionId)).toContain("Turn automatic synchronization off");
    expect(await shownStateOf(connectionId)).toBe("active");
  });

  it("announces a connection whose consent expired", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = new Date("2027-03-01T09:00:00Z");
    const t = new InngestTestEngine({
      function: createSyncConnectionFunction(world.deps),
      events: syncRequestedEvent({ companyId: actor.companyId, connectionId }),
      steps: [{ id: "announce-connection-needs-user", handler: () => ({ ids: ["evt"] }) }],
    });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ status: "failed", errorCode: "consent_expired" });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith(
      "announce-connection-needs-user",
      expect.objectContaining({ name: "bank/connection.state-changed", data: { companyId: actor.companyId, connectionId, state: "error", reason: "consent_expired" } }),
    );
    expect(await shownStateOf(connectionId)).toBe("error");
  });
});
