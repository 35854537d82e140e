/**
 * Where outgoing webhooks may go: http(s) URLs whose host resolves only to public
 * addresses. Loopback, private, link-local and other special ranges are refused (a
 * webhook must not become a way to reach the server's own network), unless the operator
 * sets WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true, e.g. for a ledger on the same LAN.
 * The check runs when the URL is registered and again before every delivery, since DNS
 * answers change.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export type Resolve = (host: string) => Promise<string[]>;

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96],
] as const) blocked.addSubnet(network, prefix, "ipv6");

export function allowPrivateAddresses(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES === "true";
}

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export type UrlVerdict = { ok: true; url: URL } | { ok: false; error: StoredMessage };

export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate?: boolean; resolve?: Resolve } = {},
): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: storedMessage("refusals.urlNotFull") };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, error: storedMessage("refusals.urlProtocol") };
  if (url.username || url.password) return { ok: false, error: storedMessage("refusals.urlCredentials") };
  if (options.allowPrivate ?? allowPrivateAddresses()) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? systemResolve)(host);
  } catch {
    return { ok: false, error: storedMessage("refusals.hostUnresolved", { host }) };
  }
  if (addresses.length === 0) return { ok: false, error: storedMessage("refusals.hostUnresolved", { host }) };
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused) {
    return { ok: false, error: storedMessage("refusals.hostPrivate", { host, address: refused }) };
  }
  return { ok: true, url };
}
