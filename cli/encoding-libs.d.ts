// html-encoding-sniffer and whatwg-encoding (the libraries jsdom decodes pages with) ship no types: the parts
// cli/decode.ts uses.
declare module 'html-encoding-sniffer' {
  /** The HTML Standard's sniffing: BOM, transport label, <meta> prescan of the first 1024 bytes, else the default. */
  export default function sniffHtmlEncoding(
    bytes: Uint8Array,
    options?: { transportLayerEncodingLabel?: string; defaultEncoding?: string | null },
  ): string | null;
}

declare module 'whatwg-encoding' {
  export function decode(bytes: Uint8Array, encodingName: string): string;
  export function getBOMEncoding(bytes: Uint8Array): 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | null;
  export function isSupported(encodingName: string): boolean;
}
