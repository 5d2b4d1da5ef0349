import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { html as spec, parse, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { decodeHtml } from './decode.ts';

export async function readInput(path: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return maybeGunzip(Buffer.concat(chunks));
  }
  return maybeGunzip(await readFile(path));
}

function maybeGunzip(bytes: Buffer): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

// jsdom reports CSS it cannot parse on its console; pages are full of it.
const quiet = new VirtualConsole();

/** Parses a page into the DOM a browser builds from it, for the engine to read: no scripts, no subresources. */
export function parseHtml(bytes: Uint8Array, url: string): Document {
  const { text } = decodeHtml(bytes);
  return new JSDOM(asBrowsersParse(text), { url, virtualConsole: quiet }).window.document;
}

type ParentNode = DefaultTreeAdapterMap['parentNode'];

/**
 * The markup again, such that jsdom builds from it the tree a browser builds. jsdom parses with the scripting
 * flag off (only runScripts: 'dangerously', which would run the page, turns it on), so a <noscript> is markup to
 * it and one text node to a browser: a tracking pixel's <noscript><img> in the head ends jsdom's head there, and
 * the <meta> and <link> after it (author, canonical address) land in the body; in the body, the fallback markup
 * becomes elements the engine reads. parse5 (jsdom's own parser: a dev dependency that npm dedupes with jsdom's
 * copy, nothing more installed) reads the page with the flag on, as browsers do; serialized with the flag off,
 * each <noscript>'s text is escaped and comes back as text. A <noscript> in the
 * head is left empty: any text there would end jsdom's head (nothing reads it: Readability drops every
 * <noscript>, and the images it rescues from one sit in the body). tests/e2e/parity.e2e.ts checks the result
 * against Chromium and Firefox.
 */
export function asBrowsersParse(html: string): string {
  const document = parse(html, { scriptingEnabled: true });
  const visit = (node: ParentNode, inHead: boolean) => {
    for (const child of node.childNodes) {
      if (!('childNodes' in child)) continue;
      if (child.nodeName === 'noscript' && inHead) child.childNodes = [];
      else visit(child, inHead || child.nodeName === 'head');
    }
    if (node.nodeName === 'template') visit((node as DefaultTreeAdapterMap['template']).content, inHead);
  };
  visit(document, false);
  // The serializer writes every doctype as <!DOCTYPE html>; a page in quirks mode (where a <table> does not close
  // an open <p>) keeps its mode with none at all.
  if (document.mode === spec.DOCUMENT_MODE.QUIRKS)
    document.childNodes = document.childNodes.filter((n) => n.nodeName !== '#documentType');
  return serialize(document, { scriptingEnabled: false });
}
