import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { withMessages } from "@/lib/testing/rendered";
import { RemovedByBankBadge } from "./removed-by-bank-badge";

const render = (removedAt: Date | null, locale: Locale = "en") => renderToStaticMarkup(withMessages(createElement(RemovedByBankBadge, { removedAt }), locale));

describe("the Removed by the bank badge", () => {
  it("shows on a withdrawn line, with a title saying it is kept for review and since when", () => {
    const html = render(new Date("2026-10-21T08:00:00.000Z"));
    expect(html).toContain("Removed by the bank");
    expect(html).toMatch(/title="[^"]*no longer lists this transaction \(noticed on 21 Oct 2026\)[^"]*kept here for review/);
  });

  it("speaks the reader's language, with the date as they write it", () => {
    const html = render(new Date("2026-10-21T08:00:00.000Z"), "id");
    expect(html).toContain("Dihapus oleh bank");
    expect(html).toContain("21/10/2026");
  });

  it("shows nothing on a line the bank still lists", () => {
    expect(render(null)).toBe("");
  });
});
