import { describe, expect, it } from "vitest";
import { promptFrom } from "./transform";

describe("promptFrom", () => {
  it("keeps the bank's words verbatim, without their tags", () => {
    expect(promptFrom("<div>Masukkan <b>kode SMS</b>\n yang dikirim ke +62 ***12</div>")).toBe("Masukkan kode SMS yang dikirim ke +62 ***12");
  });

  it.each([null, undefined, "", "<div> <br/> </div>"])("gives no prompt when the bank wrote none (%j)", (html) => {
    expect(promptFrom(html)).toBeNull();
  });
});
