import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "./route";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("POST /api/webhooks/bench-noop", () => {
  it("is not found unless the bench switched it on", async () => {
    vi.stubEnv("BENCH_ROUTES", undefined);
    expect(POST().status).toBe(404);
    vi.stubEnv("BENCH_ROUTES", "1");
    expect(POST().status).toBe(404);
  });

  it("answers as intake does when the bench switched it on", async () => {
    vi.stubEnv("BENCH_ROUTES", "on");
    const response = POST();
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ received: true });
  });
});
