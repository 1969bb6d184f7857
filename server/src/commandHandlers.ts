// Protocol wiring for the server-side halves of the palette commands (workspace/executeCommand).
// The client asks the questions and writes the files; every answer and file text comes from
// core/authoring. Each command takes one JSON object naming the workspace by `folderUri` or a
// document `uri`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCodes, ResponseError, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { ProjectIndex } from './core/projectIndex';
import { buildNewEvent, eventChoices, type NewEventRequest } from './core/authoring/newEvent';
import { buildNewMetrics, metricOptions, missingUniqueReasons, type MetricChoiceRequest } from './core/authoring/newMetric';
import { eventInContext } from './core/authoring/eventInContext';
import { trackingSnippets } from './core/authoring/trackingSnippets';
import { referencesOf } from './core/features/navigation';
import type { AuthoringContext } from './authoringHandlers';
import { SERVER_COMMANDS } from './protocol';

export { SERVER_COMMANDS };

export const SERVER_COMMAND_NAMES: string[] = Object.values(SERVER_COMMANDS);

type Args = Record<string, unknown>;

function text(args: Args, key: string): string {
  const v = args[key];
  return typeof v === 'string' ? v : '';
}

function texts(args: Args, key: string): string[] {
  const v = args[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function records(args: Args, key: string): Args[] {
  const v = args[key];
  return Array.isArray(v) ? v.filter((x): x is Args => !!x && typeof x === 'object' && !Array.isArray(x)) : [];
}

function uriPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? path.resolve(parsed.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The index the arguments point at: a document `uri`, else the editor's active document
 * (`activeUri`), else the workspace folder (`folderUri`), which may hold the project a level or
 * two down. With a single index, that one by default.
 */
function indexFor(ctx: AuthoringContext, args: Args): ProjectIndex {
  const indexes = ctx.workspace().indexes;
  const given = [text(args, 'uri'), text(args, 'activeUri'), text(args, 'folderUri')].filter((u) => u);
  for (const uri of given) {
    const p = uriPath(uri);
    if (!p) continue;
    const found = indexes.find((i) => path.resolve(i.root) === p) ?? ctx.workspace().locate(p)?.index;
    if (found) return found;
    const below = indexes.filter((i) => path.resolve(i.root).startsWith(p + path.sep));
    if (below.length === 1) return below[0];
  }
  if (given.length === 0 && indexes.length === 1) return indexes[0];
  if (given.length) throw new ResponseError(ErrorCodes.InvalidParams, `${given[given.length - 1]} is not in an indexed project; open a file of the project first`);
  throw new ResponseError(ErrorCodes.InvalidParams, 'Name the workspace folder with `folderUri` or a document `uri`');
}

function newEventRequest(args: Args): NewEventRequest {
  return {
    description: text(args, 'description'),
    action: text(args, 'action'),
    identifiers: texts(args, 'identifiers'),
    properties: records(args, 'properties').map((p) => ({ name: text(p, 'name'), description: text(p, 'description') })),
    productGroup: text(args, 'productGroup') || undefined,
    productCategories: texts(args, 'productCategories'),
    tiers: texts(args, 'tiers'),
    introducedByUrl: text(args, 'introducedByUrl') || undefined,
  };
}

function metricChoices(args: Args): MetricChoiceRequest[] {
  return records(args, 'choices').map((c) => ({ timeFrames: texts(c, 'timeFrames'), unique: text(c, 'unique') || undefined, description: text(c, 'description') || undefined }));
}

/** The event the active document (and its cursor, `position`) is about, for the pickers to preselect. */
function currentEvent(ctx: AuthoringContext, args: Args): { current?: string } {
  const uri = text(args, 'activeUri');
  const doc = uri ? ctx.docAt(uri) : undefined;
  if (!doc) return {};
  const p = args.position as { line?: unknown; character?: unknown } | undefined;
  const position = p && typeof p.line === 'number' && typeof p.character === 'number' ? { line: p.line, character: p.character } : undefined;
  const current = eventInContext(doc.index, doc.rel, doc.text, position);
  return current ? { current } : {};
}

function run(ctx: AuthoringContext, command: string, args: Args): unknown {
  const index = indexFor(ctx, args);
  const uriOf = (rel: string) => ctx.pathToUri(path.join(index.root, rel));
  // Never overwrite: a target counts as taken when it is on disk or open unsaved.
  const exists = (rel: string) => fs.existsSync(path.join(index.root, rel)) || ctx.documents.get(uriOf(rel)) !== undefined;
  const withLocation = (file: { path: string; text: string }) => ({ ...file, absPath: path.join(index.root, file.path), uri: uriOf(file.path) });
  switch (command) {
    case SERVER_COMMANDS.listEventChoices:
      return { ...eventChoices(index), ...currentEvent(ctx, args) };
    case SERVER_COMMANDS.buildNewEvent: {
      const built = buildNewEvent(index, newEventRequest(args), exists);
      return 'error' in built ? built : withLocation(built);
    }
    case SERVER_COMMANDS.listMetricOptions: {
      const options = metricOptions(index, texts(args, 'events'));
      return 'error' in options ? options : { options, notes: missingUniqueReasons(index, texts(args, 'events')) };
    }
    case SERVER_COMMANDS.buildNewMetrics: {
      const built = buildNewMetrics(index, { events: texts(args, 'events'), choices: metricChoices(args), description: text(args, 'description') || undefined }, exists);
      return 'error' in built ? built : { files: built.map(withLocation) };
    }
    case SERVER_COMMANDS.trackingSnippets: {
      const snippets = trackingSnippets(index, text(args, 'event'));
      return snippets ?? { error: `'${text(args, 'event')}' is not a defined internal event.` };
    }
    case SERVER_COMMANDS.eventUsages:
      return { locations: referencesOf(index, { kind: 'event', name: text(args, 'event') }, true).map((l) => ({ uri: uriOf(l.file), range: l.range, role: l.role, ...(l.pattern ? { pattern: l.pattern } : {}) })) };
    default:
      throw new ResponseError(ErrorCodes.MethodNotFound, `Unknown command ${command}`);
  }
}

export function registerCommands(ctx: AuthoringContext): void {
  ctx.connection.onExecuteCommand(async (params: ExecuteCommandParams) => {
    await ctx.ready();
    const first = params.arguments?.[0];
    const args: Args = first && typeof first === 'object' && !Array.isArray(first) ? (first as Args) : {};
    try {
      return run(ctx, params.command, args);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      ctx.log.error(`command ${params.command} failed: ${(e as Error).stack ?? e}`);
      throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed: ${(e as Error).message}`);
    }
  });
}
