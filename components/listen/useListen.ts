// Listen in a view: reads the rendered article (title and blocks) aloud, highlights the sentence being read and
// keeps it in sight unless the reader is scrolling. The controller (core/reader/listen) does the reading.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createListenController,
  type ListenController,
  type ListenPlace,
  type ListenState,
  type SpeechEngine,
} from '../../core/reader/index.ts';
import { rangeIn, readableBlocks } from './article-blocks.ts';

/** The highlight's name in CSS (`::highlight(clear-reader-listen)`). */
export const LISTEN_HIGHLIGHT = 'clear-reader-listen';
/** After the reader scrolls, the view does not move by itself for this long. */
const READER_SCROLL_PAUSE_MS = 4_000;

export interface UseListenOptions {
  /** The element holding the rendered article; null until it is there. */
  article: Element | null;
  lang: string;
  rate: number;
  voiceId: string | null;
  /** Null: this browser cannot speak. */
  engine: SpeechEngine | null;
  /** Where to begin (the place kept from the last time). */
  from?: ListenPlace | null;
  /** Each place the reading reaches; null once read to the end. */
  onPlace?: (place: ListenPlace | null) => void;
}

export interface UseListen {
  controller: ListenController | null;
  state: ListenState | null;
}

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}
type HighlightConstructor = new (...ranges: Range[]) => unknown;

function highlights(): { registry: HighlightRegistry; Highlight: HighlightConstructor } | null {
  const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
  const Highlight = (globalThis as unknown as { Highlight?: HighlightConstructor }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
}

export function useListen({ article, lang, rate, voiceId, engine, from, onPlace }: UseListenOptions): UseListen {
  const [controller, setController] = useState<ListenController | null>(null);
  const [state, setState] = useState<ListenState | null>(null);
  const blocks = useRef<Element[]>([]);
  const lastReaderScroll = useRef(0);
  // The latest callback, without making a new controller when the view passes a new function.
  const placeCallback = useRef(onPlace);
  placeCallback.current = onPlace;

  useEffect(() => {
    if (!article || !engine) return;
    blocks.current = readableBlocks(article);
    const created = createListenController({
      engine,
      paragraphs: blocks.current.map((block) => block.textContent ?? ''),
      lang,
      rate,
      voiceId,
      from,
      onPlace: (place) => placeCallback.current?.(place),
    });
    const unsubscribe = created.subscribe(setState);
    setController(created);
    setState(created.state());
    const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined;
    const refresh = () => created.refreshVoices();
    synth?.addEventListener?.('voiceschanged', refresh);
    return () => {
      synth?.removeEventListener?.('voiceschanged', refresh);
      unsubscribe();
      created.dispose();
      highlights()?.registry.delete(LISTEN_HIGHLIGHT);
    };
    // The rate and voice apply through the controller below, without starting over.
  }, [article, engine, lang]);

  useEffect(() => controller?.setRate(rate), [controller, rate]);
  useEffect(() => {
    if (voiceId) controller?.setVoice(voiceId);
  }, [controller, voiceId]);

  // The reader's own scrolling wins over following the voice for a few seconds.
  useEffect(() => {
    const note = (event: Event) => {
      if (event.isTrusted) lastReaderScroll.current = Date.now();
    };
    window.addEventListener('wheel', note, { passive: true });
    window.addEventListener('touchmove', note, { passive: true });
    window.addEventListener('keydown', note);
    return () => {
      window.removeEventListener('wheel', note);
      window.removeEventListener('touchmove', note);
      window.removeEventListener('keydown', note);
    };
  }, []);

  const current = state?.status === 'playing' || state?.status === 'paused' ? state.current : null;
  useEffect(() => {
    const api = highlights();
    const block = current ? blocks.current[current.paragraph] : undefined;
    const range = block && current ? rangeIn(block, current.start, current.text.length) : null;
    if (!range) {
      api?.registry.delete(LISTEN_HIGHLIGHT);
      return;
    }
    api?.registry.set(LISTEN_HIGHLIGHT, new api.Highlight(range));
    if (block && Date.now() - lastReaderScroll.current > READER_SCROLL_PAUSE_MS) {
      const box = block.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        block.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      }
    }
  }, [current]);

  return { controller, state };
}
