import { readdirSync } from 'node:fs';
import { parseHtml, readInput } from '../cli/load.ts';
import { isProbablyReaderable } from '@mozilla/readability';
import { extractArticle } from '../core/index.ts';
const dir='/work/shared/corpus/readability-test-pages/';
const files=readdirSync(dir).filter(f=>!f.endsWith('.md')).slice(0,60);
const docs: Document[] = [];
for (const f of files) docs.push(parseHtml(await readInput(dir+f+'/source.html'), 'http://fakehost/test/page.html'));
for (const d of docs) extractArticle(d, 'https://x.example/a', {force: true});
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let rep=0; rep<3; rep++) for (const d of docs) { isProbablyReaderable(d); extractArticle(d, 'https://x.example/a', {force: true}); }
const { profile } = await s.post('Profiler.stop') as any;
// inclusive time per function of interest: walk stacks
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (let i=0;i<profile.samples.length;i++){
  const seen = new Set<string>();
  for (let id: number|undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id); const k = `${n.callFrame.functionName||'(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k)??0)+profile.timeDeltas[i]); }
  }
}
const total = incl.get('extractArticle core/extract.ts') ?? 1;
const keys = ['sanitize','_parseConfig','createContext','RegExp','match ','consider','walk','isProbablyReaderable','parse ','cloneNode','runCleanup','sanitizeInPlace','toPlainText','countWords','findLede','findPublishedTime','metaValues','declaredLang','guessLang','leafTextCounts','readingTime','get textContent','_cleanClasses','measure','holdsProse','standaloneBlock','getElementsByTagName'];
for (const [k,v] of [...incl].sort((a,b)=>b[1]-a[1])) if (keys.some(x=>k.includes(x))) console.log((100*v/total).toFixed(1)+'%', k);
const callers = new Map<string, number>();
for (let i=0;i<profile.samples.length;i++){
  let id: number|undefined = profile.samples[i]; let prevName = '';
  const chain: string[] = [];
  for (; id !== undefined; id = parent.get(id)) { const n = byId.get(id); chain.push(`${n.callFrame.functionName}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`); }
  const idx = chain.findIndex(c => c.startsWith('getElementsByTagName@Element.js') || c.startsWith('getElementsByTagName@Document.js'));
  if (idx >= 0) { const outer = chain.slice(idx+1).find(c => !/nwsapi|index\.cjs|Element\.js|Document\.js|ParentNode|generated|living|anonymous|^@|^\(anon/.test(c)) ?? '?'; const k = outer; callers.set(k, (callers.get(k) ?? 0) + profile.timeDeltas[i]); }
}
console.log([...callers].sort((a,b)=>b[1]-a[1]).slice(0,12).map(([k,v])=>`${(100*v/total).toFixed(1)}% ${k}`).join('\n'));
