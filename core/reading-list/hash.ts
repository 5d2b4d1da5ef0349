// Small non-cryptographic hashes: item ids, shard numbers, device tags. FNV-1a over UTF-8 bytes, in 32-bit
// halves (no BigInt in the loop), so the same input gives the same id on every device and browser.

const encoder = new TextEncoder();

/** 64-bit FNV-1a of the string's UTF-8 bytes, as [high, low] unsigned 32-bit words. */
export function fnv1a64(text: string): [number, number] {
  const bytes = encoder.encode(text);
  // Offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of bytes) {
    lo ^= byte;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64: every partial product stays below 2^53, so it is exact.
    const loProduct = (lo >>> 0) * 0x1b3;
    const carry = Math.floor(loProduct / 0x1_0000_0000);
    hi = ((hi >>> 0) * 0x1b3 + ((lo << 8) >>> 0) + carry) >>> 0;
    lo = loProduct >>> 0;
  }
  return [hi >>> 0, lo >>> 0];
}

/** 32-bit FNV-1a of the string's UTF-16 code units (cheap; for bucketing, not for identity). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The 64-bit hash in base 36, 13 characters (zero-padded so ids sort and compare as plain strings). */
export function hash64Base36(text: string): string {
  const [hi, lo] = fnv1a64(text);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString(36).padStart(13, '0');
}
