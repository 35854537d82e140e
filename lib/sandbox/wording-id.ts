/**
 * How the Sandbox's Indonesian banks word their statement lines: the upper-case
 * abbreviations of an Indonesian mutasi rekening (TRSF E-BANKING DB, BI-FAST CR, BIAYA ADM,
 * BUNGA) with Indonesian counterparties. Made-up names; no real account is implied.
 */
import type { Random } from "./random";

export interface IndonesianLine {
  description: string;
  partnerName: string | null;
  reference: string | null;
  valueDateOffset: number;
}

export type IndonesianKind = "card" | "supplier" | "customer" | "direct_debit" | "fee" | "refund" | "salary" | "interest" | "savings_transfer";

const MERCHANTS = ["Indomaret Sudirman", "Alfamart Kemang", "Tokopedia", "Shopee", "Grab", "Gojek", "SPBU Pertamina 34.121.02", "Traveloka", "Kopi Kenangan"];
const SUPPLIERS = ["PT Sumber Makmur Abadi", "CV Karya Mandiri", "PT Logistik Nusantara", "PT Kertas Jaya Sentosa", "CV Sinar Teknik"];
const CUSTOMERS = ["PT Maju Bersama Sejahtera", "PT Cahaya Niaga", "CV Berkah Utama", "PT Garuda Solusi Digital", "PT Samudra Retail Indonesia"];
const UTILITIES = ["PLN", "Telkom Indonesia", "BPJS Kesehatan", "PDAM Jaya"];
const FEES = ["BIAYA ADM", "BIAYA TRANSFER BI-FAST", "BIAYA KARTU DEBIT"];
/** As many as the sandbox's payroll slots (catalog.ts EMPLOYEES). */
export const INDONESIAN_EMPLOYEES = ["Budi Santoso", "Siti Rahayu", "Andi Wijaya", "Dewi Lestari", "Rudi Hartono", "Putri Anggraini", "Agus Setiawan"];
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGU", "SEP", "OKT", "NOV", "DES"];

const ddmm = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
const month = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

export function indonesianLine(kind: IndonesianKind, credit: boolean, random: Random, bankName: string, day: string, slot: number): IndonesianLine {
  const plain = { reference: null, valueDateOffset: 0 };
  switch (kind) {
    case "card": {
      const merchant = random.pick(MERCHANTS);
      return { ...plain, description: `TRANSAKSI DEBIT TGL: ${ddmm(day)} ${merchant.toUpperCase()}`, partnerName: merchant, valueDateOffset: -random.int(0, 1) };
    }
    case "supplier": {
      const supplier = random.pick(SUPPLIERS);
      const invoice = `INV/${day.slice(0, 4)}/${String(random.int(1, 9999)).padStart(4, "0")}`;
      return { ...plain, description: `TRSF E-BANKING DB ${ddmm(day)} ${supplier.toUpperCase()}`, partnerName: supplier, reference: invoice };
    }
    case "customer": {
      const customer = random.pick(CUSTOMERS);
      return { ...plain, description: `BI-FAST CR ${customer.toUpperCase()}`, partnerName: customer, reference: `BIF${random.int(100000000, 999999999)}` };
    }
    case "direct_debit": {
      const utility = random.pick(UTILITIES);
      return { ...plain, description: `AUTODEBET ${utility.toUpperCase()} ${month(day)}`, partnerName: utility, reference: `ID PEL ${random.int(10000000, 99999999)}` };
    }
    case "fee":
      return { ...plain, description: random.pick(FEES), partnerName: bankName };
    case "refund":
      return { ...plain, description: "PENGEMBALIAN DANA", partnerName: random.pick(MERCHANTS) };
    case "salary":
      return { ...plain, description: `TRSF E-BANKING DB GAJI ${month(day)}`, partnerName: INDONESIAN_EMPLOYEES[slot % INDONESIAN_EMPLOYEES.length]!, reference: `GAJI-${day.slice(0, 7)}-${slot + 1}` };
    case "interest":
      return { ...plain, description: "BUNGA", partnerName: bankName };
    case "savings_transfer":
      return { ...plain, description: credit ? "PEMINDAHBUKUAN DARI GIRO" : "PEMINDAHBUKUAN KE GIRO", partnerName: null };
  }
}
