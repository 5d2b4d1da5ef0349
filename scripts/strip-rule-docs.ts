// Vite plugin for the extension build: a cleanup rule's `reason`, `fixtures` and `languages` are documentation for
// people and for the conventions tests (run in Node, from the sources), never read at run time; the content
// script's size budget is tight, so the built bundle carries them empty.
import type { Plugin } from 'vite';

const RULE_FILE = /[\\/]core[\\/]reader[\\/]cleanup[\\/]rules[\\/][^\\/]+\.ts$/;
const STRING = String.raw`(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\$]|\\.)*\x60)`;
const REASON = new RegExp(String.raw`(\breason:)\s*${STRING}(?:\s*\+\s*${STRING})*`, 'g');
const LIST = String.raw`\s*\[(?:\s*${STRING}\s*,?)*\s*\]`;
const FIXTURES = new RegExp(String.raw`(\bfixtures:)${LIST}`, 'g');
const LANGUAGES = new RegExp(String.raw`(\blanguages:)${LIST}`, 'g');

export function stripRuleDocs(code: string): string {
  return code.replace(REASON, "$1 ''").replace(FIXTURES, '$1 []').replace(LANGUAGES, '$1 []');
}

export const stripRuleDocsPlugin = (): Plugin => ({
  name: 'strip-rule-docs',
  apply: 'build',
  transform(code, id) {
    return RULE_FILE.test(id) ? { code: stripRuleDocs(code), map: null } : null;
  },
});
