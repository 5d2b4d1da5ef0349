// Chords for drivers whose keyboard presses one key at a time (Puppeteer): "Shift+ArrowRight", as Playwright
// writes them, becomes the modifiers held around the key.
interface Keyboard {
  down(key: never): Promise<void>;
  up(key: never): Promise<void>;
  press(key: never): Promise<void>;
}

export async function pressChord(keyboard: Keyboard, chord: string): Promise<void> {
  const [main, ...held] = (chord.length > 1 ? chord.split('+') : [chord]).reverse() as [string, ...string[]];
  for (const key of [...held].reverse()) await keyboard.down(key as never);
  await keyboard.press(main as never);
  for (const key of held) await keyboard.up(key as never);
}
