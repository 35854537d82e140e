import { afterEach, describe, expect, it, vi } from "vitest";
import { repeatEvery } from "./repeat";

afterEach(() => vi.useRealTimers());

describe("repeatEvery", () => {
  it("never starts a run while the last one still runs, and goes on after a failed one", async () => {
    vi.useFakeTimers();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let finishSlow: () => void = () => {};
    const runs: string[] = [];
    const outcomes = [
      () => new Promise<void>((resolve) => { runs.push("slow"); finishSlow = resolve; }),
      () => { runs.push("fails"); return Promise.reject(new Error("database away")); },
      () => { runs.push("fine"); return Promise.resolve(); },
    ];
    let next = 0;
    const task = repeatEvery(1_000, "[test] the pass", () => outcomes[Math.min(next++, 2)]!());
    await vi.advanceTimersByTimeAsync(3_500);
    expect(runs).toEqual(["slow"]);
    finishSlow();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toEqual(["slow", "fails", "fine"]);
    expect(logged).toHaveBeenCalledWith("[test] the pass failed", expect.any(Error));
    task.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(3);
    logged.mockRestore();
  });
});
