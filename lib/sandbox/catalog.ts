/** The counterparties and wording the Sandbox bank's transactions are made of. */
import { ibanFor } from "./accounts";
import { digitsFrom } from "./random";

export interface Partner {
  name: string;
  country: string;
}

export const MERCHANTS: readonly string[] = [
  "Amazon Marketplace",
  "Deutsche Bahn",
  "Shell Station 2214",
  "Lufthansa",
  "Uber BV",
  "Staples",
  "IKEA",
  "Google Cloud",
  "Microsoft 365",
  "Hotel Ibis Paris Gare de Lyon",
  "Starbucks",
  "TotalEnergies",
  "Zoom Video Communications",
  "Adobe Systems",
  "Restaurant Le Petit Zinc",
];

export const SUPPLIERS: readonly Partner[] = [
  { name: "Bürobedarf Schmidt GmbH", country: "DE" },
  { name: "Müller Logistik AG", country: "DE" },
  { name: "Hoffmann IT-Services GmbH", country: "DE" },
  { name: "Atelier Dubois SARL", country: "FR" },
  { name: "Papeterie Martin SAS", country: "FR" },
  { name: "Van Dijk Verpakkingen BV", country: "NL" },
  { name: "Bakker Transport BV", country: "NL" },
  { name: "Northwind Traders Ltd", country: "GB" },
];

export const CUSTOMERS: readonly Partner[] = [
  { name: "Acme Industries GmbH", country: "DE" },
  { name: "Stark Handelsgesellschaft mbH", country: "DE" },
  { name: "Contoso GmbH", country: "DE" },
  { name: "Globex SARL", country: "FR" },
  { name: "Fabrikam SAS", country: "FR" },
  { name: "Initech BV", country: "NL" },
  { name: "Hooli Europe BV", country: "NL" },
  { name: "Umbrella Retail Ltd", country: "GB" },
  { name: "Tailspin Toys Ltd", country: "GB" },
];

export const EMPLOYEES: readonly Partner[] = [
  { name: "Anna Schneider", country: "DE" },
  { name: "Jonas Weber", country: "DE" },
  { name: "Lucas Martin", country: "FR" },
  { name: "Marie Dubois", country: "FR" },
  { name: "Sophie de Vries", country: "NL" },
  { name: "Emma Jansen", country: "NL" },
  { name: "James Taylor", country: "GB" },
];

export const UTILITIES: readonly Partner[] = [
  { name: "Deutsche Telekom AG", country: "DE" },
  { name: "Vattenfall Europe Sales GmbH", country: "DE" },
  { name: "Allianz Versicherungs-AG", country: "DE" },
  { name: "Orange SA", country: "FR" },
  { name: "EDF SA", country: "FR" },
  { name: "KPN BV", country: "NL" },
];

export const BANK_FEES: readonly string[] = ["Account maintenance fee", "Transfer fee", "Card fee", "Foreign currency fee"];

export const MONTHS: readonly string[] = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** Fixed bank codes so that partner IBANs look like real banks of their country. */
const PARTNER_BANK_CODES: Record<string, string> = {
  DE: "37040044",
  FR: "3000400003",
  NL: "ABNA",
  GB: "NWBK601613",
};

const partnerIbans = new Map<string, string>();

export function partnerIban(partner: Partner): string {
  let iban = partnerIbans.get(partner.name);
  if (!iban) {
    iban = ibanFor(partner.country, PARTNER_BANK_CODES[partner.country] ?? "", digitsFrom(`partner|${partner.name}`, 24));
    partnerIbans.set(partner.name, iban);
  }
  return iban;
}

/** How a transfer is called on statements in each currency. */
export function transferRail(currency: string): string {
  if (currency === "EUR") return "SEPA transfer";
  if (currency === "GBP") return "Faster Payment";
  return "Wire transfer";
}
