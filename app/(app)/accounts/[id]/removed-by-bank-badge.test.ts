import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RemovedByBankBadge } from "./removed-by-bank-badge";

const render = (removedAt: Date | null) => renderToStaticMarkup(createElement(RemovedByBankBadge, { removedAt }));

describe("the Removed by the bank badge", () => {
  it("shows on a withdrawn line, with a title saying it is kept for review and since when", () => {
    const html = render(new Date("2026-10-21T08:00:00.000Z"));
    expect(html).toContain("Removed by the bank");
    expect(html).toMatch(/title="[^"]*no longer lists this transaction \(noticed on 2026-10-21\)[^"]*kept here for review/);
  });

  it("shows nothing on a line the bank still lists", () => {
    expect(render(null)).toBe("");
  });
});
