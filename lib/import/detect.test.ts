import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";

describe("detectFormat", () => {
  it("tells OFX (SGML and XML), CAMT.053 and CSV apart by content", () => {
    expect(detectFormat("OFXHEADER:100\nDATA:OFXSGML\n")).toBe("ofx");
    expect(detectFormat('<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="200"?>\n<OFX>')).toBe("ofx");
    expect(detectFormat('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">')).toBe("camt053");
    expect(detectFormat("Date;Amount\n01.02.2024;-3,50\n")).toBe("csv");
  });

  it("sends other XML (a camt.052, a payment order) to the CAMT reader, which names what it is not", () => {
    expect(detectFormat('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">')).toBe("camt053");
  });
});
