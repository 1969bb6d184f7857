// The Model Context Protocol server (`internal-events mcp ROOT`): the index's answers and the
// authoring actions, for coding agents (Copilot's agent mode, Claude Code, Cursor) over stdio.
// Protocol wiring only: every answer comes from the core (agentTools/, report.ts, authoring/),
// the same functions the editor and `check` use. Each call reads the workspace afresh through the
// analysis cache (only changed files are read again), so an agent's own edits are always seen.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { ProjectIndex } from './core/projectIndex';
import { checkReport, type ReportDiagnostic } from './core/report';
import { describeEvent, findEvents } from './core/agentTools/events';
import { buildNewEvent, KNOWN_TIERS } from './core/authoring/newEvent';
import { guessOwnership } from './core/authoring/guessOwnership';
import { buildNewMetrics, TIME_FRAMES } from './core/authoring/newMetric';
import { loadIndex } from './cli/common';

const INSTRUCTIONS = [
  'Internal events (GitLab product analytics) of this workspace: event definitions (config/events, ee/config/events),',
  'metric definitions (config/metrics) and the tracking calls in code.',
  'Before adding a tracking call, look for an existing event with find_events; describe_event gives its',
  'identifiers, properties, metrics and a snippet to paste. For a new event: create_event (with tracked_in, the file',
  'that will track it, when you do not know its product group), then create_metrics,',
  'then fill in any TODO the answer lists. After editing definitions or tracking calls, run check on those files.',
].join(' ');

/** At most this many diagnostics in one answer (an agent's context is not a CI log). */
const MAX_DIAGNOSTICS = 200;

export interface McpOptions {
  /** Another checkout's definitions too (a satellite service), as `check --definitions`. */
  definitions?: string;
  /** Where the analysis cache lives (default: the user's cache folder, never the workspace). */
  cacheDir?: string;
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'internal-events', 'mcp');
}

type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };

const answer = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
const refusal = (message: string): ToolResult => ({ content: [{ type: 'text', text: message }], isError: true });

/** A path an agent gave (relative or absolute) as the index names it: relative to root, `/`-separated. */
function workspacePath(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

function diagnosticsOf(index: ProjectIndex, root: string, files?: string[]): { errors: number; warnings: number; diagnostics: ReportDiagnostic[]; truncated?: number } {
  const wanted = files?.map((f) => workspacePath(root, f));
  const all = checkReport(index, root).diagnostics.filter((d) => !wanted || wanted.includes(d.file));
  return {
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    diagnostics: all.slice(0, MAX_DIAGNOSTICS),
    ...(all.length > MAX_DIAGNOSTICS ? { truncated: all.length - MAX_DIAGNOSTICS } : {}),
  };
}

/**
 * Why definitions cannot be written here: a service whose events are defined in another checkout
 * (definitionRoots, --definitions) would get them in the wrong repository. The editor's fix
 * writes there only after asking; an agent is told where instead.
 */
function otherCheckoutProblem(index: ProjectIndex): string | undefined {
  const roots = index.definitionRoots.filter((r) => r.exists);
  const own = index.events().some((e) => !e.file.startsWith('../')) || index.metrics().some((m) => !m.file.startsWith('../'));
  if (roots.length === 0 || own) return undefined;
  return `This workspace's events are defined in ${roots.map((r) => r.prefix).join(', ')}: create the definition there (run this server on that checkout), not here.`;
}

/** Writes new files under root; never overwrites one (the flag fails if it exists). */
function writeNew(root: string, files: { path: string; text: string }[]): void {
  for (const f of files) {
    const abs = path.resolve(root, f.path);
    if (!abs.startsWith(root + path.sep)) throw new Error(`refusing to write outside the workspace: ${f.path}`);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.text, { flag: 'wx' });
  }
}

export function createMcpServer(root: string, options: McpOptions = {}): McpServer {
  const server = new McpServer({ name: 'internal-events', version: '0.1.0' }, { instructions: INSTRUCTIONS });
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const exists = (rel: string) => fs.existsSync(path.resolve(root, rel));
  // Every call reads the workspace again: its warnings (a broken schema...) are logged once.
  const logged = new Set<string>();
  const writeLog = (line: string) => {
    if (logged.has(line)) return;
    logged.add(line);
    process.stderr.write(line + '\n');
  };
  // One call at a time: each reads the workspace, and a create must see the one before it. The
  // cache is written before the next read starts, so that read is a warm one.
  const read = async (): Promise<ProjectIndex> => {
    const { index } = await loadIndex(root, { definitions: options.definitions, cacheDir, writeLog });
    await index.lastCacheSave;
    return index;
  };
  // The first read starts at once (a cold GitLab checkout takes seconds), while the agent plans.
  let queue: Promise<unknown> = read().catch(() => undefined);
  const withIndex = (work: (index: ProjectIndex) => ToolResult | Promise<ToolResult>): Promise<ToolResult> => {
    const run = queue.then(async () => {
      try {
        return await work(await read());
      } catch (e) {
        return refusal(`internal error: ${(e as Error).message}`);
      }
    });
    queue = run;
    return run;
  };

  server.registerTool(
    'find_events',
    {
      title: 'Find internal events',
      description: 'Internal events whose name or description contains every word of the query (empty: all), best match first, with their metric and call-site counts.',
      inputSchema: { query: z.string().describe('Words to look for, e.g. "merge request approve"'), limit: z.number().int().min(1).max(200).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ query, limit }) => withIndex((index) => answer(findEvents(index, query, limit))),
  );

  server.registerTool(
    'describe_event',
    {
      title: 'Describe an internal event',
      description: 'One event: its definition (identifiers, additional properties, product group), the metrics counting it, where it is tracked and asserted in specs, and snippets to track it. For an unknown name, the closest names.',
      inputSchema: { action: z.string().describe("The event's action, e.g. approve_merge_request") },
      annotations: { readOnlyHint: true },
    },
    ({ action }) => withIndex((index) => answer(describeEvent(index, action))),
  );

  server.registerTool(
    'check',
    {
      title: 'Check definitions and tracking calls',
      description: `The problems the editor and CI report (schema errors, unknown events, undeclared properties, missing identifiers, ...), for the given files or the whole workspace. Paths relative to the workspace. At most ${MAX_DIAGNOSTICS} are listed.`,
      inputSchema: { files: z.array(z.string()).optional().describe('Files to report on; omit for all') },
      annotations: { readOnlyHint: true },
    },
    ({ files }) => withIndex((index) => answer(diagnosticsOf(index, root, files))),
  );

  server.registerTool(
    'create_event',
    {
      title: 'Create an event definition',
      description: "Writes a new event definition in GitLab's format and folder (ee/ when not on the free tier), with the milestone from VERSION. Never overwrites. Returns the file and the problems left to fix (TODOs).",
      inputSchema: {
        action: z.string().describe('snake_case name, e.g. click_approve_button'),
        description: z.string().describe('When the event is triggered'),
        identifiers: z.array(z.enum(['project', 'namespace', 'user', 'feature_enabled_by_namespace_ids'])).optional(),
        additional_properties: z.array(z.object({ name: z.string(), description: z.string().optional() })).optional().describe('label, property, value, or custom keys'),
        product_group: z.string().optional(),
        product_categories: z.array(z.string()).optional(),
        tiers: z.array(z.enum(KNOWN_TIERS as [string, ...string[]])).optional().describe('Default: free, premium, ultimate'),
        introduced_by_url: z.string().optional().describe('The merge request adding the event'),
        tracked_in: z.string().optional().describe('The file that will track it: without product_group, the group and categories are guessed from the events tracked near it'),
      },
    },
    (input) =>
      withIndex((index) => {
        const elsewhere = otherCheckoutProblem(index);
        if (elsewhere) return refusal(elsewhere);
        const guess = !input.product_group && input.tracked_in ? ownershipNear(index, root, input.tracked_in, input.action) : undefined;
        const built = buildNewEvent(
          index,
          {
            action: input.action,
            description: input.description,
            identifiers: input.identifiers ?? [],
            properties: input.additional_properties ?? [],
            productGroup: input.product_group ?? guess?.productGroup,
            productCategories: input.product_categories ?? guess?.productCategories ?? [],
            tiers: input.tiers ?? KNOWN_TIERS,
            introducedByUrl: input.introduced_by_url,
          },
          exists,
        );
        if ('error' in built) return refusal(built.error);
        writeNew(root, [built]);
        return withProblems(read, root, [built], guess?.productGroup ? { productGroupGuessed: guess } : {});
      }),
  );

  server.registerTool(
    'create_metrics',
    {
      title: 'Create metric definitions',
      description: 'Writes metric definitions counting events (one per time frame; unique by an identifier or property the events declare). Key paths and descriptions follow GitLab\'s CLI. Never overwrites.',
      inputSchema: {
        events: z.array(z.string()).min(1).describe('Event actions counted together'),
        time_frames: z.array(z.enum(TIME_FRAMES as [string, ...string[]])).min(1),
        unique: z.string().optional().describe('user.id, project.id, namespace.id, label, property or value; omit for a total count'),
        description: z.string().optional().describe("The metric's description after the CLI's prefix (e.g. 'Monthly count of unique users')"),
      },
    },
    (input) =>
      withIndex((index) => {
        const elsewhere = otherCheckoutProblem(index);
        if (elsewhere) return refusal(elsewhere);
        const built = buildNewMetrics(index, { events: input.events, choices: [{ timeFrames: input.time_frames, unique: input.unique }], description: input.description }, exists);
        if ('error' in built) return refusal(built.error);
        writeNew(root, built);
        return withProblems(read, root, built);
      }),
  );

  return server;
}

/** The group owning the code around a file (as the create-definition quick fix guesses it), with why. */
function ownershipNear(index: ProjectIndex, root: string, file: string, action: string): ReturnType<typeof guessOwnership> {
  const rel = workspacePath(root, file);
  let text = '';
  try {
    text = fs.readFileSync(path.join(root, rel), 'utf8');
  } catch {
    // a file not written yet: its folder still tells
  }
  return guessOwnership(index, rel, text, action);
}

/** The files written, with the problems a fresh read finds in them (the TODOs to fill in). */
async function withProblems(read: () => Promise<ProjectIndex>, root: string, written: { path: string; text: string }[], extra: Record<string, unknown> = {}): Promise<ToolResult> {
  const index = await read();
  return answer({ written, ...extra, ...diagnosticsOf(index, root, written.map((w) => w.path)) });
}

/** Serves MCP on stdin/stdout until the client goes away. */
export async function serveMcp(root: string, options: McpOptions = {}): Promise<void> {
  const server = createMcpServer(root, options);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(new StdioServerTransport());
  await closed;
}
