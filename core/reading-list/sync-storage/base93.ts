// Bytes as text that JSON.stringify leaves alone: the 93 printable ASCII characters other than `"` and `\`
// (each of which JSON would escape into two bytes). basE91's scheme (13 or 14 bits per pair of characters),
// widened to 93 symbols: about 1.23 characters per byte, against base64's 1.33.

const ALPHABET = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
  .filter((c) => c !== '"' && c !== '\\')
  .join('');
const BASE = ALPHABET.length; // 93
/** 13-bit values above this take 13 bits; at or below, 14 bits fit in the pair (93² − 2^13 − 1 = 456). */
const THRESHOLD = BASE * BASE - 8192 - 1;

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function base93Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let count = 0;
  for (const byte of bytes) {
    bits |= byte << count;
    count += 8;
    if (count > 13) {
      let v = bits & 8191;
      if (v > THRESHOLD) {
        bits >>>= 13;
        count -= 13;
      } else {
        v = bits & 16383;
        bits >>>= 14;
        count -= 14;
      }
      out += ALPHABET[v % BASE]! + ALPHABET[Math.floor(v / BASE)]!;
    }
  }
  if (count > 0) {
    out += ALPHABET[bits % BASE]!;
    if (count > 7 || bits >= BASE) out += ALPHABET[Math.floor(bits / BASE)]!;
  }
  return out;
}

/** Throws on a character outside the alphabet. */
export function base93Decode(text: string): Uint8Array {
  const out = new Uint8Array(Math.ceil((text.length * 14) / 16) + 1);
  let length = 0;
  let bits = 0;
  let count = 0;
  let v = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const d = code < 128 ? DECODE[code]! : -1;
    if (d < 0) throw new Error(`not base93: ${JSON.stringify(text[i])} at ${i}`);
    if (v < 0) {
      v = d;
      continue;
    }
    v += d * BASE;
    bits |= v << count;
    count += (v & 8191) > THRESHOLD ? 13 : 14;
    do {
      out[length++] = bits & 255;
      bits >>>= 8;
      count -= 8;
    } while (count > 7);
    v = -1;
  }
  if (v >= 0) out[length++] = (bits | (v << count)) & 255;
  return out.slice(0, length);
}
