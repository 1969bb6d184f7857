#!/usr/bin/env node
// `internal-events check [ROOT] [--format text|json|sarif|codequality]`: the same engine as the
// editor, for CI. Exit 0 without error-severity diagnostics, 1 with some, 2 on usage/internal failure.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { NodeFileSystem } from './core/fileSystem';
import { ProjectIndex, type Logger } from './core/projectIndex';
import { DEFAULT_SETTINGS, normalizeSettings } from './core/settings';
import { initCallSiteParsers } from './core/callsites/index';
import { formatReport, type Report, type ReportFormat } from './core/report';

const USAGE = `usage: internal-events check [ROOT] [--format text|json|sarif|codequality]

Checks event and metric definitions and tracking calls under ROOT (default: the current folder).
Settings are read from ROOT/.vscode/settings.json (internalEvents.*) when present.
Exit status: 0 no errors, 1 errors found, 2 usage or internal failure.`;

class UsageError extends Error {}

function fail(msg: string): never {
  throw new UsageError(msg);
}

function readWorkspaceSettings(root: string) {
  const file = path.join(root, '.vscode', 'settings.json');
  if (!fs.existsSync(file)) return DEFAULT_SETTINGS;
  try {
    // VS Code settings allow comments and trailing commas: strip them before JSON.parse.
    const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');
    const all = JSON.parse(text) as Record<string, unknown>;
    const mine: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) if (k.startsWith('internalEvents.')) mine[k.slice('internalEvents.'.length)] = v;
    return normalizeSettings(mine);
  } catch (e) {
    process.stderr.write(`warning: ignoring ${file}: ${(e as Error).message}\n`);
    return DEFAULT_SETTINGS;
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args[0] !== 'check') fail(args[0] ? `unknown command '${args[0]}'` : 'missing command');
  args.shift();
  let format: ReportFormat = 'text';
  let root: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '-f') {
      const v = args[++i];
      if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'codequality') fail(`unknown format '${v ?? ''}'`);
      format = v;
    } else if (a.startsWith('--format=')) {
      const v = a.slice('--format='.length);
      if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'codequality') fail(`unknown format '${v}'`);
      format = v;
    } else if (a.startsWith('-')) fail(`unknown option '${a}'`);
    else if (root === undefined) root = a;
    else fail(`unexpected argument '${a}'`);
  }
  const absRoot = path.resolve(root ?? '.');
  if (!fs.existsSync(absRoot) || !fs.statSync(absRoot).isDirectory()) fail(`not a folder: ${absRoot}`);

  const logLines: string[] = [];
  const log: Logger = { info: () => {}, warn: (m) => logLines.push(`warning: ${m}`), error: (m) => logLines.push(`error: ${m}`) };
  await initCallSiteParsers();
  const index = new ProjectIndex(absRoot, new NodeFileSystem(), readWorkspaceSettings(absRoot), log);
  await index.indexAll();
  for (const l of logLines) process.stderr.write(l + '\n');

  const report: Report = {
    root: absRoot,
    events: index.events().filter((e) => e.action).map((e) => ({ action: e.action!, file: e.file, line: (e.actionRange?.start.line ?? 0) + 1 })),
    metrics: index.metrics().map((m) => ({ keyPath: m.keyPath ?? null, file: m.file, line: (m.keyPathRange?.start.line ?? 0) + 1, events: m.events.map((e) => e.name).filter((n): n is string => !!n) })),
    callSites: index.callSites().map(({ file, site }) => ({
      event: site.event,
      file,
      line: site.range.start.line + 1,
      column: site.range.start.character + 1,
      kind: site.kind,
      dynamic: site.dynamic,
      ...(site.dynamic && site.namePattern ? { namePattern: site.namePattern } : {}),
    })),
    diagnostics: index
      .filesWithDiagnostics()
      .sort()
      .flatMap((file) =>
        index.diagnostics(file).map((d) => ({
          file,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
        })),
      ),
  };
  process.stdout.write(formatReport(report, format));
  return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  // exitCode rather than exit(): exit() would cut off output still queued for a pipe.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof UsageError) process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      else process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
