import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher";

describe("createBatcher", () => {
  it("runs the first call alone and gathers the calls made meanwhile into the next batch, answering each its own", async () => {
    const batches: number[][] = [];
    const double = createBatcher(async (items: number[]) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return items.map((i) => i * 2);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((i) => double(i)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every call of a failed batch, and goes on with the next", async () => {
    let calls = 0;
    const run = createBatcher(async (items: string[]) => {
      calls += 1;
      if (items.includes("bad")) throw new Error("refused");
      return items;
    }, 2);
    const results = await Promise.allSettled(["a", "bad", "c"].map((i) => run(i)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect(await run("d")).toBe("d");
    expect(calls).toBe(3);
  });
});
