// Every word the interface shows comes from public/_locales (through `t`), and every number through Intl: this
// parses each component and entrypoint with the TypeScript compiler and fails on user-facing text written in
// the code. A short, reviewed list names the few symbols that are not words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const DIRS = ['components', 'entrypoints'];

/** Attributes a reader sees or hears. */
const VISIBLE_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-valuetext', 'placeholder', 'alt']);
/** Object properties that end up on screen (a toolbar action's label and tooltip, for instance). */
const VISIBLE_PROPERTIES = new Set(['label', 'hint', 'title', 'placeholder']);

/** Reviewed: symbols, not words, each with why it may stay in the code. */
const ALLOWED: { file: string; text: string; why: string }[] = [
  { file: 'components/SettingsPanel.tsx', text: '−', why: 'the stepper glyph; its aria-label is a message' },
  { file: 'components/SettingsPanel.tsx', text: '+', why: 'the stepper glyph; its aria-label is a message' },
];

interface Finding {
  file: string;
  line: number;
  text: string;
  rule: string;
}

function sourceFiles(): string[] {
  return DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => join(dir, file)),
  );
}

/** The static text of a string or template literal (substitutions left out), or null for anything else. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return null;
}

/** Literals an expression may evaluate to: `a ? 'x' : 'y'`, `a ?? 'x'`, `a || 'x'`. */
function literalsOf(node: ts.Expression): string[] {
  const text = literalText(node);
  if (text !== null) return [text];
  if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)
  ) {
    return literalsOf(node.right);
  }
  return [];
}

const shows = (text: string) => text.trim() !== '';

export function findHardCodedStrings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, rule: string) => {
    const trimmed = text.trim();
    if (ALLOWED.some((a) => a.file === file && a.text === trimmed)) return;
    findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed, rule });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && shows(node.text)) report(node, node.text, 'JSX text');
    // {'words'} as a child.
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      for (const text of literalsOf(node.expression)) if (shows(text)) report(node, text, 'string child');
    }
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const texts = ts.isJsxExpression(init) ? (init.expression ? literalsOf(init.expression) : []) : literalsOf(init);
      for (const text of texts) if (shows(text)) report(node, text, `${node.name.getText(sf)} attribute`);
    }
    if (ts.isPropertyAssignment(node) && VISIBLE_PROPERTIES.has(node.name.getText(sf))) {
      for (const text of literalsOf(node.initializer))
        if (/\p{L}|\p{N}/u.test(text)) report(node, text, `${node.name.getText(sf)} property`);
    }
    // textContent = 'words' (a message written around Preact).
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      /\.(textContent|innerText|title)$/.test(node.left.getText(sf))
    ) {
      for (const text of literalsOf(node.right)) if (shows(text)) report(node, text, 'text assignment');
    }
    // Numbers reach messages through Intl (core/util/locale-format.ts), never String(n) or toFixed.
    if (ts.isCallExpression(node) && node.expression.getText(sf) === 't' && node.arguments[1]) {
      const args = node.arguments[1];
      const raw = (e: ts.Node): boolean =>
        (ts.isCallExpression(e) && /^String$|\.toFixed$|\.toString$/.test(e.expression.getText(sf))) ||
        ts.isNumericLiteral(e);
      if (ts.isArrayLiteralExpression(args) && args.elements.some(raw))
        report(node, node.getText(sf), 'number not through Intl');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

describe('user-facing strings', () => {
  const files = sourceFiles();

  it('finds the components and entrypoints to check', () => {
    expect(files).toEqual(expect.arrayContaining(['components/SettingsPanel.tsx', 'entrypoints/popup/main.tsx']));
  });

  it('has no hard-coded user-facing text in components or entrypoints', () => {
    const findings = files.flatMap((file) => findHardCodedStrings(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${JSON.stringify(f.text)}`)).toEqual([]);
  });

  it('lists only exceptions that still exist', () => {
    for (const allowed of ALLOWED) {
      const source = readFileSync(join(ROOT, allowed.file), 'utf8');
      expect(source, `${allowed.file} ${allowed.text}`).toContain(allowed.text);
    }
  });

  // The checks themselves: each catches what it is for (a rule that matched nothing would pass forever).
  it.each([
    ['JSX text', 'export const A = () => <p>Saved</p>;'],
    ['title attribute', 'export const A = () => <b title="Alt+Shift+S" />;'],
    ['aria-label attribute', "export const A = (p: { ok: boolean }) => <b aria-label={p.ok ? 'Yes' : 'No'} />;"],
    ['aria-label attribute', 'export const A = (p: { x: string }) => <b aria-label={`${p.x}: smaller`} />;'],
    ['placeholder attribute', "export const A = () => <input placeholder={'Search'} />;"],
    ['alt attribute', 'export const A = () => <img alt="Logo" />;'],
    ['string child', "export const A = () => <p>{'Saved'}</p>;"],
    ['hint property', "export const actions = [{ id: 'save', hint: 'Alt+Shift+S' }];"],
    ['label property', 'export const action = { label: `Print` };'],
    ['text assignment', "document.body.textContent = 'Something went wrong';"],
    ['number not through Intl', "declare const t: (k: string, s?: string[]) => string; t('progress', [String(40)]);"],
    ['number not through Intl', "declare const t: (k: string, s?: string[]) => string; t('x', [(1.6).toFixed(1)]);"],
  ])('catches %s', (rule, source) => {
    expect(findHardCodedStrings('probe.tsx', source).map((f) => f.rule)).toContain(rule);
  });

  it.each([
    "export const A = (t: (k: string) => string) => <p title={t('hint')}>{t('saved')}</p>;",
    'export const A = (p: { title: string }) => <h1 class="title">{p.title}</h1>;',
    "export const A = () => <p>{' '}</p>;",
    "export const action = { id: 'save', label: t('save') }; declare function t(k: string): string;",
  ])('lets messages and data through: %s', (source) => {
    expect(findHardCodedStrings('probe.tsx', source)).toEqual([]);
  });
});
