/**
 * Hashing and a seeded pseudo-random generator, so that everything the Sandbox bank
 * invents (accounts, IBANs, transactions) is a pure function of its inputs.
 */
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** `count` decimal digits taken from a hash of `text`. */
export function digitsFrom(text: string, count: number): string {
  let digits = "";
  for (let round = 0; digits.length < count; round += 1) {
    digits += BigInt(`0x${sha256Hex(`${text}|${round}`)}`).toString().slice(1);
  }
  return digits.slice(0, count);
}

/** FNV-1a: a fast 32-bit string hash, used to seed the generator. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly { weight: number; value: T }[]): T;
}

/**
 * mulberry32 seeded by a hash of `seed`: small, fast and good enough for fake bank data.
 * A class, not closures: the generator makes one per transaction (a hundred thousand for a
 * big first sync), and methods on the prototype cost nothing per instance.
 */
class Mulberry32 implements Random {
  private state: number;

  constructor(seed: string) {
    this.state = fnv1a(seed);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  weighted<T>(items: readonly { weight: number; value: T }[]): T {
    let total = 0;
    for (const item of items) total += item.weight;
    let roll = this.next() * total;
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item.value;
    }
    return items[items.length - 1]!.value;
  }
}

export function seededRandom(seed: string): Random {
  return new Mulberry32(seed);
}
