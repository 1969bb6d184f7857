// What the parsers alone cost on the benchmark workspaces, with files already in memory: the floor
// under any load that reads every file with them, printed beside the measured load so a missed
// target can be told apart from overhead of ours. Also how far this machine's cores scale when
// two threads parse at once (the parallel-load decision in indexWorkerPool.ts rests on it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { globSync } from 'tinyglobby';
import { parseDocument } from 'yaml';
import { findCallSites, languageOf, mayContainCallSites } from '../server/src/core/callsites/index';

function elapsed(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function parseAll(texts: string[]): void {
  for (const text of texts) parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true }).toJS({ maxAliasCount: 200 });
}

/** Parses `texts` split over two worker threads; resolves with the wall time. */
function parseOnTwoThreads(texts: string[]): Promise<number> {
  // Self-contained worker code: it needs only the yaml package, found where this process finds it.
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { parseDocument } = require(${JSON.stringify(require.resolve('yaml'))});
    for (const text of workerData) parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true }).toJS({ maxAliasCount: 200 });
    parentPort.postMessage('done');`;
  const halves = [texts.filter((_, i) => i % 2 === 0), texts.filter((_, i) => i % 2 === 1)];
  const t = process.hrtime.bigint();
  return Promise.all(
    halves.map(
      (half) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(code, { eval: true, workerData: half });
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        }),
    ),
  ).then(() => Number(process.hrtime.bigint() - t) / 1e6);
}

export async function definitionFloors(root: string): Promise<void> {
  const files = globSync(['config/events/**/*.yml', 'ee/config/events/**/*.yml', 'config/metrics/**/*.yml', 'ee/config/metrics/**/*.yml'], { cwd: root, expandDirectories: false });
  const texts = files.map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
  // The first pass also pays the JIT warm-up, as a fresh language server does.
  const first = elapsed(() => parseAll(texts));
  const again = elapsed(() => parseAll(texts));
  const two = await parseOnTwoThreads(texts);
  console.log(`floor: yaml parseDocument + toJS of the ${texts.length} texts, in memory, one thread: ${first.toFixed(0)} ms cold JIT, ${again.toFixed(0)} ms warm`);
  console.log(`machine: the same parse split over two threads: ${two.toFixed(0)} ms (${(again / two).toFixed(2)}x the one-thread warm time)`);
}

export function sourceFloors(root: string): void {
  const sources = globSync(['**/*.{rb,js,vue,haml}'], { cwd: root, ignore: ['node_modules/**'], expandDirectories: false });
  let candidates: { rel: string; text: string }[] = [];
  const read = elapsed(() => {
    const found: typeof candidates = [];
    for (const rel of sources) {
      const bytes = fs.readFileSync(path.join(root, rel));
      if (mayContainCallSites(bytes, rel, { customForms: [] })) found.push({ rel, text: bytes.toString('utf8') });
    }
    candidates = found;
  });
  const byLanguage = new Map<string, { files: number; ms: number }>();
  for (const { rel, text } of candidates) {
    const lang = languageOf(rel) ?? 'other';
    const entry = byLanguage.get(lang) ?? { files: 0, ms: 0 };
    entry.files++;
    entry.ms += elapsed(() => findCallSites(text, rel, { customForms: [] }));
    byLanguage.set(lang, entry);
  }
  const parts = [...byLanguage].map(([lang, e]) => `${lang} ${e.ms.toFixed(0)} ms (${e.files} files)`);
  const total = [...byLanguage.values()].reduce((sum, e) => sum + e.ms, 0);
  console.log(`floor: read + byte prefilter of ${sources.length} source files: ${read.toFixed(0)} ms; call-site scans (parse + walk) of the ${candidates.length} candidates, one thread, warm JIT: ${total.toFixed(0)} ms = ${parts.join(', ')}`);
}
