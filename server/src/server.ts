// The language server: wires the LSP protocol to the core. No rule or feature logic lives here;
// every answer comes from a function of (index, document, position) in core/.
import { collectGarbage, memorySummary } from './core/heap';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CompletionItemKind,
  InsertTextFormat,
  SymbolKind,
  MarkupKind,
  FileChangeType,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from './core/fileSystem';
import { Workspace } from './core/workspace';
import { normalizeSettings, DEFAULT_SETTINGS, type IndexSettings } from './core/settings';
import { missingRootMessage } from './core/definitionRoots';
import { engineBuildOf } from './core/analysisCache';
import type { Logger, ProjectIndex } from './core/projectIndex';
import type { Diagnostic } from './core/model';
import { initCallSiteParsers } from './core/callsites/index';
import { complete, resolveEventDocumentation } from './core/features/completion';
import { hover } from './core/features/hover';
import { definition, references, codeLenses } from './core/features/navigation';
import { documentSymbols, workspaceSymbols } from './core/features/symbols';
import { inlayHints } from './core/features/inlayHints';
import type { FileLocation, SymbolNode } from './core/features/types';
import { registerAuthoring } from './authoringHandlers';
import { STATUS_NOTIFICATION, type IndexStatus } from './protocol';
import { registerCommands, SERVER_COMMAND_NAMES } from './commandHandlers';
import { registerMonitor } from './monitorHandlers';
import { registerExplorer } from './explorerHandlers';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const fileSystem = new NodeFileSystem();

type Level = 'error' | 'warn' | 'info' | 'debug';
const LEVELS: Level[] = ['error', 'warn', 'info', 'debug'];
let logLevel: Level = 'info';
const enabled = (l: Level) => LEVELS.indexOf(l) <= LEVELS.indexOf(logLevel);
const log: Logger & { debug(msg: string): void } = {
  error: (m) => enabled('error') && connection.console.error(m),
  warn: (m) => enabled('warn') && connection.console.warn(m),
  info: (m) => enabled('info') && connection.console.info(m),
  debug: (m) => enabled('debug') && connection.console.log(m),
};

let folders: string[] = [];
let workspace = new Workspace(fileSystem, DEFAULT_SETTINGS, log);
let hasConfiguration = false;
let hasWorkspaceFolders = false;
let ready: Promise<void> = Promise.resolve();
/** False while a load runs (`ready` pending); then every change is applied as it arrives. */
let loaded = false;
/**
 * Per folder index: settles once every definition is read (well before the last source file of a
 * large workspace). Requests that need only definitions (completion, hover, definition, symbols)
 * and edits of open documents are served from then on; the rest waits for `ready`.
 */
const definitionsIn = new WeakMap<ProjectIndex, Promise<void>>();
/** Settles once indexEverything has made the workspace's folder indexes (after reading settings). */
let foldersMade: Promise<void> = Promise.resolve();
let trusted = true;
/** The `internalEvents.inlayHints` setting (read with the others, but it never re-indexes). */
let inlayHintsEnabled = true;
let inlayHintRefreshSupported = false;
/** The extension's storage folder for the analysis cache (from the client); none: no cache. */
let storagePath: string | undefined;
const engineBuild = engineBuildOf(__filename);

function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

function pathToUri(p: string): string {
  return URI.file(p).toString();
}

function toLocation(index: ProjectIndex, loc: FileLocation) {
  return { uri: pathToUri(path.join(index.root, loc.file)), range: loc.range };
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'internal-events', message: d.message, data: d.data };
}

/** Files we published diagnostics for, so a file whose problems are gone gets an empty list. */
const published = new Map<string, number>();

function publish(index: ProjectIndex, rel: string): void {
  if (index.isReadOnly(rel)) {
    indexChanged(); // another checkout's file: its facts changed, its problems are not ours to show
    return;
  }
  const uri = pathToUri(path.join(index.root, rel));
  let diags: Diagnostic[] = [];
  try {
    diags = index.diagnostics(rel);
  } catch (e) {
    log.error(`diagnostics failed for ${rel}: ${(e as Error).stack ?? e}`);
  }
  indexChanged();
  if (diags.length === 0 && !published.has(uri)) return;
  if (diags.length === 0) published.delete(uri);
  else published.set(uri, diags.length);
  void connection.sendDiagnostics({ uri, diagnostics: diags.map(toLspDiagnostic) });
}

function publishAll(index: ProjectIndex): void {
  for (const rel of index.filesWithDiagnostics()) publish(index, rel);
}

function sendStatus(p: IndexStatus): void {
  void connection.sendNotification(STATUS_NOTIFICATION, p);
  if (p.state !== 'indexing') indexChanged();
}

let inlayRefreshTimer: NodeJS.Timeout | undefined;

/**
 * The index changed (publish follows each change, and the end of a load): the event monitor
 * re-checks what it received, the Internal Events view and other files' inlay hints are asked for
 * again. Each of them throttles itself.
 */
function indexChanged(): void {
  monitor.indexChanged();
  explorer.indexChanged();
  if (!inlayHintRefreshSupported || inlayRefreshTimer) return;
  inlayRefreshTimer = setTimeout(() => {
    inlayRefreshTimer = undefined;
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  }, 500);
}

/**
 * What the status bar counts. A folder reading another's definitions through definitionRoots (a
 * service beside the monolith in one window) must not count them twice, so then they are counted
 * by file on disk; not in a load's progress reports, which come hundreds of times on a large
 * workspace and need only a close count.
 */
function totals(inProgress = false): { events: number; metrics: number; callSites: number; warnings?: string[] } {
  const byFile = !inProgress && workspace.indexes.some((i) => i.definitionRoots.length > 0);
  const events = new Set<string>();
  const metrics = new Set<string>();
  let eventCount = 0;
  let metricCount = 0;
  let callSites = 0;
  const warnings: string[] = [];
  for (const i of workspace.indexes) {
    for (const e of i.events()) if (e.internal) byFile ? events.add(path.resolve(i.root, e.file)) : eventCount++;
    for (const m of i.metrics()) byFile ? metrics.add(path.resolve(i.root, m.file)) : metricCount++;
    callSites += i.callSites().length;
    for (const r of i.definitionRoots) if (!r.exists) warnings.push(missingRootMessage(r));
  }
  return { events: eventCount + events.size, metrics: metricCount + metrics.size, callSites, ...(warnings.length ? { warnings } : {}) };
}

/**
 * Applies an editor or disk change to the index. Once the load is done: at once, so changes take
 * effect in the order they arrived (waiting on a promise would let a file event, which waits less,
 * overtake a document change sent before it: found by the churn test over LSP). While a load
 * runs: once `waitFor` settles (the folder's definitions for a document, the load for a file).
 */
function applyChange(waitFor: () => Promise<void>, apply: () => void): void {
  const run = () => {
    try {
      apply();
    } catch (e) {
      log.error(`applying a change failed: ${(e as Error).stack ?? e}`);
    }
  };
  if (loaded) run();
  else void waitFor().then(run);
}

async function indexEverything(): Promise<void> {
  loaded = false;
  let foldersAreMade!: () => void;
  foldersMade = new Promise((resolve) => (foldersAreMade = resolve));
  const settleDefinitions = new Map<ProjectIndex, () => void>();
  try {
    const settings = await readAllSettings();
    indexedWith = JSON.stringify(settings);
    workspace = new Workspace(fileSystem, settings.window, log);
    for (const [i, f] of folders.entries()) {
      for (const index of workspace.addWorkspaceFolder(f, settings.folders[i])) {
        definitionsIn.set(index, new Promise((resolve) => settleDefinitions.set(index, resolve)));
      }
    }
  } finally {
    foldersAreMade();
  }
  for (const index of workspace.indexes) {
    index.cacheDir = storagePath;
    index.cacheKeyParts = [engineBuild];
  }
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('Internal Events: indexing', 0, undefined, false);
  sendStatus({ state: 'indexing', events: 0, metrics: 0, callSites: 0 });
  const started = Date.now();
  try {
    await initCallSiteParsers();
    for (const index of workspace.indexes) {
      const openIn = () =>
        documents.all().flatMap((doc) => {
          const at = workspace.locate(uriToPath(doc.uri) ?? '');
          return at && at.index === index ? [{ rel: at.rel, text: doc.getText() }] : [];
        });
      // Open documents carry the editor's text, and their problems are shown as soon as every
      // definition is read: on a large cold workspace, long before the last source file.
      for (const { rel, text } of openIn()) index.reopen(rel, text);
      await index.indexAll(
        ({ done, total }) => {
          progress?.report(total ? Math.round((done / total) * 100) : 0, `${done}/${total} files`);
          sendStatus({ state: 'indexing', ...totals(true), done, total });
        },
        () => {
          for (const { rel } of openIn()) publish(index, rel);
          settleDefinitions.get(index)?.();
        },
      );
      settleDefinitions.get(index)?.();
      // Documents opened while indexing ran.
      for (const { rel, text } of openIn()) if (!index.isOpen(rel)) index.reopen(rel, text);
      publishAll(index);
      for (const { rel } of openIn()) publish(index, rel); // also clears what the early publish showed, if gone
      for (const p of index.schemas.problems) log.warn(p.message);
    }
    const t = totals();
    const roots = workspace.indexes.map((i) => i.root).filter((r) => !folders.includes(r));
    if (roots.length) log.info(`projects found below the workspace folders: ${roots.join(', ')}`);
    log.info(`indexed ${workspace.indexes.length} folder(s) in ${Date.now() - started} ms: ${t.events} events, ${t.metrics} metrics, ${t.callSites} call sites`);
    sendStatus({ state: 'ready', ...t });
    // The load's garbage (parse trees, the cache's JSON) would stay mapped for a long while:
    // collected once the cache is written, the server idles at about half the memory.
    // (Twice: buffers' memory outside the JS heap, such as the cache file's, goes on the second.)
    void Promise.all(workspace.indexes.map((i) => i.lastCacheSave)).then(() => {
      collectGarbage();
      setTimeout(() => {
        collectGarbage();
        log.info(`after the load: ${memorySummary()}`);
      }, 1000).unref();
    });
  } catch (e) {
    log.error(`indexing failed: ${(e as Error).stack ?? e}`);
    sendStatus({ state: 'error', ...totals(), message: (e as Error).message });
  } finally {
    for (const settle of settleDefinitions.values()) settle(); // also when indexing failed
    loaded = true;
    progress?.done();
  }
}

/** Resolves when requests about this document can be answered from definitions alone. */
async function definitionsReadyFor(uri: string): Promise<void> {
  await foldersMade;
  const at = workspace.locate(uriToPath(uri) ?? '');
  const early = at && definitionsIn.get(at.index);
  await (early ? Promise.race([early, ready]) : ready);
}

/**
 * The window's settings and each workspace folder's: `resource`-scoped settings (definitionRoots,
 * globs, call forms) may differ per folder of a multi-root workspace (`.vscode/settings.json` in
 * each), and a folder is indexed with its own.
 */
async function readAllSettings(): Promise<{ window: IndexSettings; folders: IndexSettings[] }> {
  const window = await readSettings();
  const perFolder = await Promise.all(folders.map((f) => readSettings(URI.file(f).toString())));
  return { window, folders: perFolder };
}

/** `scopeUri`: a workspace folder's settings; without it, the window's (log level and hints too). */
async function readSettings(scopeUri?: string): Promise<IndexSettings> {
  if (!hasConfiguration) return DEFAULT_SETTINGS;
  try {
    const answer: unknown = scopeUri
      ? await connection.workspace.getConfiguration({ scopeUri, section: 'internalEvents' })
      : await connection.workspace.getConfiguration('internalEvents');
    const raw = answer as Record<string, unknown> | null;
    if (scopeUri) return normalizeSettings(raw ?? {});
    const level = raw?.logLevel;
    if (typeof level === 'string' && (LEVELS as string[]).includes(level)) logLevel = level as Level;
    const hints = raw?.inlayHints !== false;
    if (hints !== inlayHintsEnabled) {
      inlayHintsEnabled = hints;
      indexChanged(); // editors ask for their hints again
    }
    return normalizeSettings(raw ?? {});
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/**
 * Runs a request handler once it can be answered, turning any failure into a log line and no
 * answer. `early`: the request needs only the definitions of its document's folder.
 */
function guarded<P, R>(name: string, fn: (p: P) => R | undefined, early = false): (p: P) => Promise<R | null> {
  return async (params: P) => {
    const uri = (params as { textDocument?: { uri?: string } }).textDocument?.uri;
    await (early && uri ? definitionsReadyFor(uri) : ready);
    try {
      return fn(params) ?? null;
    } catch (e) {
      log.error(`${name} failed: ${(e as Error).stack ?? e}`);
      return null;
    }
  };
}

function docAt(uri: string): { index: ProjectIndex; rel: string; text: string } | undefined {
  const p = uriToPath(uri);
  if (!p) return undefined;
  const at = workspace.locate(p);
  if (!at) return undefined;
  const doc = documents.get(uri);
  const text = doc?.getText() ?? at.index.readText(at.rel);
  if (text === undefined) return undefined;
  return { ...at, text };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfiguration = Boolean(params.capabilities.workspace?.configuration);
  hasWorkspaceFolders = Boolean(params.capabilities.workspace?.workspaceFolders);
  inlayHintRefreshSupported = Boolean(params.capabilities.workspace?.inlayHint?.refreshSupport);
  const opts = (params.initializationOptions ?? {}) as { trusted?: boolean; storagePath?: string };
  trusted = opts.trusted !== false;
  storagePath = typeof opts.storagePath === 'string' ? opts.storagePath : undefined;
  folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => Boolean(p));
  if (folders.length === 0 && params.rootUri) {
    const p = uriToPath(params.rootUri);
    if (p) folders = [p];
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ["'", '"', ':', ' ', '-', '{', ','], resolveProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      renameProvider: { prepareProvider: true },
      inlayHintProvider: true,
      executeCommandProvider: { commands: SERVER_COMMAND_NAMES },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'internal-events-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  ready = indexEverything();
  // Registering throws for a client without workspace folders (some editors other than VS Code).
  if (!hasWorkspaceFolders) return;
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const r of e.removed) folders = folders.filter((f) => f !== uriToPath(r.uri));
    for (const a of e.added) {
      const p = uriToPath(a.uri);
      if (p) folders.push(p);
    }
    ready = ready.then(indexEverything);
  });
});

let indexedWith = '';

connection.onDidChangeConfiguration(() => {
  // VS Code sends this once at start-up too; re-index only when a setting that shapes the index
  // changed (a log level change applies at once, nothing to re-read).
  ready = ready.then(async () => {
    const settings = JSON.stringify(await readAllSettings());
    // The client also sends this when a definition root it saw missing appears (cloned later).
    const rootAppeared = workspace.indexes.some((i) => i.definitionRoots.some((r) => !r.exists && fileSystem.exists(r.absolute)));
    if (settings !== indexedWith || rootAppeared) await indexEverything();
  });
});

documents.onDidChangeContent((change) => {
  applyChange(() => definitionsReadyFor(change.document.uri), () => {
    const at = workspace.locate(uriToPath(change.document.uri) ?? '');
    if (!at) return;
    const kind = at.index.classify(at.rel);
    if (kind === 'other') return;
    for (const rel of at.index.setOverlay(at.rel, change.document.getText())) publish(at.index, rel);
  });
});

documents.onDidClose((e) => {
  applyChange(() => definitionsReadyFor(e.document.uri), () => {
    const at = workspace.locate(uriToPath(e.document.uri) ?? '');
    if (!at || !at.index.isOpen(at.rel)) return;
    for (const rel of at.index.setOverlay(at.rel, undefined)) publish(at.index, rel);
  });
});

connection.onDidChangeWatchedFiles((params) => {
  applyChange(() => ready, () => {
    for (const change of params.changes) {
      // A definition root's file may be read by several folders (and be one folder's own file).
      for (const at of workspace.locateAll(uriToPath(change.uri) ?? '')) {
        // An open file's saved text changing does not change the editor's text; its creation or
        // deletion does decide whether that text counts (a tab never outlives its file on disk).
        if (change.type === FileChangeType.Changed && at.index.hasOverlay(at.rel)) continue;
        if (change.type === FileChangeType.Deleted || change.type === FileChangeType.Created || change.type === FileChangeType.Changed) {
          // The path may be a folder (rm -rf, git mv): updatePath expands it against the index.
          for (const rel of at.index.updatePath(at.rel)) publish(at.index, rel);
        }
      }
    }
    sendStatus({ state: 'ready', ...totals() });
  });
});

const COMPLETION_KIND = { event: CompletionItemKind.Event, key: CompletionItemKind.Property, value: CompletionItemKind.EnumMember, property: CompletionItemKind.Field, keyword: CompletionItemKind.Keyword, snippet: CompletionItemKind.Snippet };

connection.onCompletion(
  guarded('completion', (p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    return complete(d.index, d.rel, d.text, p.position).map((c) => ({
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      sortText: c.sortText,
      filterText: c.filterText,
      textEdit: c.range ? { range: c.range, newText: c.insertText ?? c.label } : undefined,
      insertText: c.range ? undefined : (c.insertText ?? c.label),
      insertTextFormat: c.kind === 'snippet' ? InsertTextFormat.Snippet : undefined,
      data: c.resolveEvent ? { uri: p.textDocument.uri, event: c.resolveEvent } : undefined,
    }));
  }, true),
);

connection.onCompletionResolve(async (item) => {
  const data = item.data as { uri?: string; event?: string } | undefined;
  await (data?.uri ? definitionsReadyFor(data.uri) : ready);
  try {
    const d = data?.uri ? docAt(data.uri) : undefined;
    const markdown = d && data?.event ? resolveEventDocumentation(d.index, data.event) : undefined;
    if (markdown) item.documentation = { kind: MarkupKind.Markdown, value: markdown };
  } catch (e) {
    log.error(`completion resolve failed: ${(e as Error).stack ?? e}`);
  }
  return item;
});

connection.onHover(
  guarded('hover', (p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    const h = hover(d.index, d.rel, d.text, p.position);
    const runtime = h?.event ? monitor.hoverSection(h.event) : undefined;
    return h ? { contents: { kind: MarkupKind.Markdown, value: runtime ? `${h.markdown}\n\n---\n\n${runtime}` : h.markdown }, range: h.range } : undefined;
  }, true),
);

connection.onDefinition(
  guarded('definition', (p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    return definition(d.index, d.rel, d.text, p.position).map((l) => toLocation(d.index, l));
  }, true),
);

connection.onReferences(
  guarded('references', (p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    return references(d.index, d.rel, d.text, p.position, p.context.includeDeclaration).map((l) => toLocation(d.index, l));
  }),
);

function toSymbol(s: SymbolNode): import('vscode-languageserver/node').DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'event' ? SymbolKind.Event : s.kind === 'metric' ? SymbolKind.Constant : SymbolKind.Property,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children?.map(toSymbol),
  };
}

connection.onDocumentSymbol(
  guarded('documentSymbol', (p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    return documentSymbols(d.index, d.rel, d.text).map(toSymbol);
  }, true),
);

connection.onWorkspaceSymbol(
  guarded('workspaceSymbol', (p) =>
    workspace.indexes.flatMap((index) =>
      workspaceSymbols(index, p.query).map((s) => ({
        name: s.name,
        kind: s.kind === 'event' ? SymbolKind.Event : SymbolKind.Constant,
        containerName: s.detail?.slice(0, 80),
        location: toLocation(index, s.location),
      })),
    ),
  ),
);

connection.onCodeLens(
  guarded('codeLens', (p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    return codeLenses(d.index, d.rel).map((l) => ({
      range: l.range,
      command: {
        title: l.title,
        command: 'internalEvents.showReferences',
        arguments: [p.textDocument.uri, l.position, l.locations.map((x) => toLocation(d.index, x))],
      },
    }));
  }),
);

connection.languages.inlayHint.on(
  guarded('inlayHint', (p) => {
    if (!inlayHintsEnabled) return [];
    const d = docAt(p.textDocument.uri);
    if (!d) return undefined;
    return inlayHints(d.index, d.rel, d.text, p.range).map((h) => ({
      position: h.position,
      label: h.label,
      tooltip: h.tooltip ? { kind: MarkupKind.Markdown, value: h.tooltip } : undefined,
      paddingLeft: true,
      data: h.severity ? { severity: h.severity } : undefined,
    }));
  }),
);

const context = { connection, documents, workspace: () => workspace, ready: () => ready, log, trusted: () => trusted, docAt, pathToUri };
registerAuthoring(context);
registerCommands(context);
const monitor = registerMonitor(context);
const explorer = registerExplorer(context);
connection.onShutdown(() => monitor.stop());

documents.listen(connection);
connection.listen();

process.on('uncaughtException', (e) => log.error(`uncaught: ${(e as Error).stack ?? e}`));
process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));
