// Vite plugin for the extension build: Readability's debug logging only runs with its `debug` option, which the
// engine never sets, yet its two dozen log calls and their messages ride in every extraction script. The build
// turns each call into `0 && this.log(…)` and each `if (this._debug)` into `if (false)`, which the minifier then
// drops whole. The CLI and the tests run the library as published.
import type { Plugin } from 'vite';

const READABILITY_FILE = /[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/;
const LOG_CALL = /\bthis\.log\(/g;
const DEBUG_TEST = /\bif \(this\._debug\)/g;

export function stripReadabilityDebug(code: string): string {
  const calls = code.match(LOG_CALL)?.length ?? 0;
  const tests = code.match(DEBUG_TEST)?.length ?? 0;
  // A new Readability that logs another way would keep its logging silently: say so, and look at it again.
  if (calls === 0 || tests === 0) throw new Error('strip-readability-debug: no this.log(…) call or debug test found');
  return code.replace(LOG_CALL, '0 && this.log(').replace(DEBUG_TEST, 'if (false)');
}

export const stripReadabilityDebugPlugin = (): Plugin => ({
  name: 'strip-readability-debug',
  apply: 'build',
  transform(code, id) {
    return READABILITY_FILE.test(id) ? { code: stripReadabilityDebug(code), map: null } : null;
  },
});
