// What every CLI command shares: argument parsing, reading the workspace's settings, loading the index.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { NodeFileSystem } from '../core/fileSystem';
import { ProjectIndex, type Logger } from '../core/projectIndex';
import { DEFAULT_SETTINGS, normalizeSettings, type IndexSettings } from '../core/settings';
import { initCallSiteParsers } from '../core/callsites/index';
import { engineBuildOf } from '../core/analysisCache';

export interface CliCommand {
  name: string;
  /** One line: the command and its arguments. */
  usage: string;
  /** What it does and how it exits. */
  summary: string;
  /** Resolves to the exit code. Throws UsageError for bad arguments. */
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}

export interface ParsedArgs {
  /** Positional arguments, in order. */
  positionals: string[];
  /** `--name value` / `--name=value` options, by name. */
  options: Record<string, string | undefined>;
  /** `--name` switches given. */
  flags: Set<string>;
  fail(message: string): never;
  /** The ROOT positional (first, default '.') as an absolute path to an existing folder. */
  root(): string;
}

/**
 * Parses `argv` knowing which options take a value and which are switches; anything else
 * starting with `-` is a usage error.
 */
export function parseArgs(argv: string[], spec: { values?: string[]; flags?: string[]; aliases?: Record<string, string> }): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const switches = new Set(spec.flags ?? []);
  const fail = (message: string): never => {
    throw new UsageError(message);
  };
  const positionals: string[] = [];
  const options: Record<string, string | undefined> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    let name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
    name = spec.aliases?.[name] ?? name;
    if (values.has(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) fail(`option --${name} needs a value`);
      options[name] = v;
    } else if (switches.has(name) && eq < 0) flags.add(name);
    else fail(`unknown option '${a}'`);
  }
  return {
    positionals,
    options,
    flags,
    fail,
    root() {
      const abs = path.resolve(positionals[0] ?? '.');
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) fail(`not a folder: ${abs}`);
      return abs;
    },
  };
}

export function readWorkspaceSettings(root: string): IndexSettings {
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

/** The option every command that reads the index takes. */
export const DEFINITIONS_OPTION = 'definitions';

/**
 * Reads the whole workspace once, as the editor would; warnings and errors go to stderr, and with
 * `verbose` the information lines too (files skipped and why, the parser giving up on a file).
 * `definitions` (`--definitions ../gitlab`) adds a definition root.
 */
/**
 * `cacheDir`: keep the analysis cache there (a long-running command re-reads only what changed).
 * `writeLog`: where warnings go (default: stderr).
 */
export async function loadIndex(
  root: string,
  options: { verbose?: boolean; definitions?: string; cacheDir?: string; writeLog?: (line: string) => void } = {},
): Promise<{ index: ProjectIndex; settings: IndexSettings }> {
  const logLines: string[] = [];
  const log: Logger = {
    info: (m) => (options.verbose ? logLines.push(`info: ${m}`) : undefined),
    warn: (m) => logLines.push(`warning: ${m}`),
    error: (m) => logLines.push(`error: ${m}`),
  };
  await initCallSiteParsers();
  const fromFile = readWorkspaceSettings(root);
  // `--definitions ../gitlab` (relative to the current folder, like ROOT) adds a definition root.
  const settings = options.definitions ? { ...fromFile, definitionRoots: [...fromFile.definitionRoots, path.resolve(options.definitions)] } : fromFile;
  const index = new ProjectIndex(root, new NodeFileSystem(), settings, log);
  if (options.cacheDir) {
    index.cacheDir = options.cacheDir;
    index.cacheKeyParts = [engineBuildOf(__filename)];
  }
  await index.indexAll();
  for (const l of logLines) (options.writeLog ?? ((line: string) => process.stderr.write(line + '\n')))(l);
  return { index, settings };
}
