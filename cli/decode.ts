// Bytes to text the way a browser decodes a page: BOM, then <meta charset>, then UTF-8 if
// it is valid, else windows-1252.

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return META_CHARSET.exec(head)?.[1]?.toLowerCase() ?? null;
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom };
  const declared = sniffMetaCharset(bytes);
  if (declared) {
    // HTML maps a declared UTF-16 in an ASCII-compatible stream to UTF-8.
    const label = declared.startsWith('utf-16') ? 'utf-8' : declared;
    try {
      const decoder = new TextDecoder(label);
      return { text: decoder.decode(bytes), encoding: decoder.encoding };
    } catch {
      // Unknown label: fall through to detection.
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
