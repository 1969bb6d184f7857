// Writes a synthetic GitLab-shaped workspace for benchmarks: internal event definitions, metrics
// counting them, and source files of typical sizes, some of which call the tracking APIs.
// Everything is derived from one seeded PRNG so runs are comparable; text comes from templates
// (no YAML or code library) because 60,000 files must be written in seconds. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface WorkspaceOptions {
  events: number;
  metrics: number;
  sourceFiles: number;
  /** How many of the source files contain 1–5 tracking calls; the others contain none. */
  sourceFilesWithCalls: number;
  seed?: number;
}

export interface GeneratedWorkspace {
  root: string;
  /** The `action` of every generated event definition. */
  eventNames: string[];
  /** Number of files written. */
  files: number;
}

/** mulberry32: tiny, fast and good enough for picking template parts. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Leans towards `min`: real files are mostly short with a long tail of big ones. */
  skewedInt(min: number, max: number): number {
    const r = this.next();
    return min + Math.floor(r * r * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight from [item, weight] pairs. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of choices) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return choices[choices.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Values of product_group and product_categories must exist in the bundled
// schemas/config/metrics/schema/product_groups.json and the feature categories written below.

const OPERATIONS = [
  'click', 'view', 'create', 'update', 'delete', 'open', 'close', 'submit', 'select', 'toggle',
  'expand', 'collapse', 'copy', 'download', 'upload', 'approve', 'merge', 'assign', 'apply',
  'dismiss', 'start', 'finish', 'retry', 'cancel', 'enable', 'disable', 'import', 'export',
  'search', 'filter', 'render', 'visit', 'execute', 'generate', 'accept', 'reject', 'invite', 'schedule',
] as const;

const TARGETS = [
  'issue', 'merge_request', 'pipeline', 'job', 'runner', 'epic', 'wiki_page', 'snippet', 'package',
  'container_image', 'vulnerability', 'release', 'environment', 'deployment', 'feature_flag',
  'milestone', 'label', 'board', 'comment', 'review', 'suggestion', 'branch', 'tag', 'commit', 'file',
  'repository', 'project', 'group', 'member', 'token', 'integration', 'webhook', 'dashboard', 'report',
  'policy', 'license', 'secret', 'workspace', 'agent', 'chat_message', 'code_suggestion', 'todo',
  'notification', 'badge', 'iteration', 'incident', 'alert', 'requirement', 'test_case', 'model',
] as const;

const PLACES = [
  'on_issue_page', 'in_sidebar', 'from_dropdown', 'in_settings', 'on_overview', 'in_list_view',
  'from_modal', 'in_ide', 'via_api', 'via_quick_action', 'in_merge_request_widget', 'on_dashboard',
  'from_navigation', 'in_editor', 'on_pipeline_page', 'in_search_results', 'from_email',
  'on_mobile', 'in_graph', 'from_cli',
] as const;

const PRODUCT_GROUPS = [
  'analytics_instrumentation', 'authentication', 'code_review', 'compliance', 'container_registry',
  'duo_chat', 'environments', 'import', 'knowledge', 'optimize', 'package_registry',
  'pipeline_authoring', 'pipeline_execution', 'project_management', 'runner', 'source_code',
  'security_policies', 'static_analysis', 'ai_coding', 'product_planning',
] as const;

const FEATURE_CATEGORIES = [
  'api', 'audit_events', 'code_review_workflow', 'code_suggestions', 'compliance_management',
  'container_registry', 'continuous_delivery', 'continuous_integration', 'duo_chat',
  'environment_management', 'feature_flags', 'fleet_visibility', 'importers', 'navigation',
  'package_registry', 'pipeline_composition', 'portfolio_management', 'runner', 'security_policy_management',
  'service_ping', 'source_code_management', 'static_application_security_testing', 'team_planning',
  'user_management', 'value_stream_management', 'webhooks', 'wiki',
] as const;

const CUSTOM_PROPERTIES = ['plan_name', 'language', 'editor', 'source', 'duration_ms', 'item_count', 'view_mode', 'entity_type'] as const;
const LABEL_VALUES = ['web', 'api', 'mobile', 'sidebar', 'modal', 'inline', 'bulk', 'shortcut'] as const;

type Identifier = 'project' | 'namespace' | 'user' | 'feature_enabled_by_namespace_ids';
type Tier = 'free' | 'premium' | 'ultimate';
type TimeFrame = '7d' | '28d' | 'all';

// The identifier combinations GitLab's generator offers, weighted by how common they are.
const IDENTIFIER_PRESETS: readonly (readonly [Identifier[], number])[] = [
  [['project', 'namespace', 'user'], 50],
  [['namespace', 'user'], 15],
  [['user'], 15],
  [['project', 'namespace'], 5],
  [['namespace'], 5],
  [['feature_enabled_by_namespace_ids', 'user'], 3],
  [[], 7],
];

// Declared additional properties; custom keys only after label+property or value (schema rule).
const PROPERTY_PRESETS: readonly (readonly [string[], number])[] = [
  [[], 30],
  [['label'], 25],
  [['label', 'property'], 20],
  [['label', 'property', 'custom'], 10],
  [['value'], 5],
  [['value', 'custom'], 5],
  [['label', 'property', 'value'], 5],
];

const TIER_PRESETS: readonly (readonly [Tier[], number])[] = [
  [['free', 'premium', 'ultimate'], 75],
  [['premium', 'ultimate'], 15],
  [['ultimate'], 10],
];

interface EventDefinition {
  action: string;
  identifiers: Identifier[];
  properties: string[];
  tiers: Tier[];
  /** Tiers without `free` live under ee/. */
  enterprise: boolean;
  group: string;
  categories: string[];
}

// ---------------------------------------------------------------------------------------------
// File writing

class WorkspaceWriter {
  private readonly createdDirs = new Set<string>();
  filesWritten = 0;

  constructor(readonly root: string) {}

  write(relativePath: string, text: string): void {
    const path = join(this.root, relativePath);
    const dir = dirname(path);
    if (!this.createdDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.createdDirs.add(dir);
    }
    writeFileSync(path, text);
    this.filesWritten++;
  }
}

function yamlList(key: string, values: readonly string[]): string {
  return `${key}:\n${values.map((v) => `- ${v}`).join('\n')}\n`;
}

function mergeRequestUrl(random: Random): string {
  return `https://gitlab.com/gitlab-org/gitlab/-/merge_requests/${random.int(100000, 199999)}`;
}

function milestone(random: Random): string {
  return `'${random.pick(['16', '17', '18'])}.${random.int(0, 11)}'`;
}

function words(snake: string): string {
  return snake.replace(/_/g, ' ');
}

function camel(snake: string): string {
  return snake.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Event definitions

function generateEvents(random: Random, count: number): EventDefinition[] {
  const used = new Set<string>();
  const events: EventDefinition[] = [];
  for (let i = 0; i < count; i++) {
    let action = `${random.pick(OPERATIONS)}_${random.pick(TARGETS)}_${random.pick(PLACES)}`;
    for (let attempt = 0; used.has(action) && attempt < 5; attempt++) {
      action = `${random.pick(OPERATIONS)}_${random.pick(TARGETS)}_${random.pick(PLACES)}`;
    }
    if (used.has(action)) action = `${action}_${i}`;
    used.add(action);
    const tiers = random.weighted(TIER_PRESETS);
    const properties = random.weighted(PROPERTY_PRESETS).map((p) => (p === 'custom' ? random.pick(CUSTOM_PROPERTIES) : p));
    events.push({
      action,
      identifiers: random.weighted(IDENTIFIER_PRESETS),
      properties,
      tiers,
      enterprise: !tiers.includes('free'),
      group: random.pick(PRODUCT_GROUPS),
      categories: random.chance(0.8) ? [random.pick(FEATURE_CATEGORIES)] : [random.pick(FEATURE_CATEGORIES), random.pick(FEATURE_CATEGORIES)].filter((c, i, all) => all.indexOf(c) === i),
    });
  }
  return events;
}

function eventYaml(random: Random, event: EventDefinition): string {
  let text = `---\ndescription: Triggered when a user does ${words(event.action)}, used to measure adoption of the ${words(event.group)} features\n`;
  text += `internal_events: true\naction: ${event.action}\n`;
  if (event.identifiers.length > 0) text += yamlList('identifiers', event.identifiers);
  if (event.properties.length > 0) {
    text += 'additional_properties:\n';
    for (const property of event.properties) text += `  ${property}:\n    description: The ${words(property)} of the ${words(event.action)} action\n`;
  }
  text += `product_group: ${event.group}\n`;
  text += yamlList('product_categories', event.categories);
  text += `milestone: ${milestone(random)}\nintroduced_by_url: ${mergeRequestUrl(random)}\n`;
  text += yamlList('tiers', event.tiers);
  if (random.chance(0.03)) text += 'classification: duo\n';
  return text;
}

function eventPath(random: Random, event: EventDefinition): string {
  // A few legacy-style names: the filename need not match the action.
  const fileName = random.chance(0.05) ? `${1650000000 + random.int(0, 99999999)}_${event.action}.yml` : `${event.action}.yml`;
  return `${event.enterprise ? 'ee/' : ''}config/events/${fileName}`;
}

// ---------------------------------------------------------------------------------------------
// Metric definitions (key paths and folders derived the way GitLab's generator does, spec §2.6)

interface MetricDefinition {
  keyPath: string;
  folder: string;
  fileName: string;
  events: EventDefinition[];
  unique?: string;
  filter?: { key: string; value: string };
  timeFrame: TimeFrame | TimeFrame[];
}

const TIME_FRAME_SUFFIX: Record<TimeFrame, string> = { '7d': '_weekly', '28d': '_monthly', all: '' };

function uniqueOptions(event: EventDefinition): string[] {
  const options = event.identifiers.filter((i) => i !== 'feature_enabled_by_namespace_ids').map((i) => `${i}.id`);
  if (event.properties.includes('label')) options.push('label');
  return options;
}

/** One candidate metric for a random event; the caller rejects candidates whose key paths clash. */
function metricCandidate(random: Random, events: EventDefinition[], byEdition: Map<boolean, EventDefinition[]>): MetricDefinition {
  const primary = random.pick(events);
  const uniqueChoices = uniqueOptions(primary);
  const unique = uniqueChoices.length > 0 && random.chance(0.55) ? random.pick(uniqueChoices) : undefined;
  const selected = [primary];
  // Some metrics count several events together; they share the edition and the counted identifier.
  if (random.chance(0.1)) {
    const extra = random.int(1, 2);
    const pool = byEdition.get(primary.enterprise) ?? [];
    for (let attempt = 0; selected.length <= extra && attempt < 10; attempt++) {
      const candidate = random.pick(pool);
      if (selected.includes(candidate)) continue;
      if (unique && !uniqueOptions(candidate).includes(unique)) continue;
      selected.push(candidate);
    }
  }
  const filter = !unique && selected.length === 1 && primary.properties.includes('label') && random.chance(0.15)
    ? { key: 'label', value: random.pick(LABEL_VALUES) }
    : undefined;
  const timeFrame: TimeFrame | TimeFrame[] = unique
    ? random.weighted<TimeFrame | TimeFrame[]>([['28d', 40], ['7d', 35], [['28d', '7d'], 25]])
    : random.weighted<TimeFrame | TimeFrame[]>([['28d', 30], ['7d', 20], ['all', 30], [['28d', '7d', 'all'], 10], [['28d', '7d'], 10]]);

  const eventsPart = selected.map((e) => e.action).join('_and_') + (filter ? `_${filter.value}` : '');
  const idPart = unique ? `distinct_${unique.replace('.', '_')}_from` : 'total';
  const suffix = Array.isArray(timeFrame) ? '' : TIME_FRAME_SUFFIX[timeFrame];
  const fileName = `count_${idPart}_${eventsPart}${suffix}`;
  const folder = Array.isArray(timeFrame) || timeFrame === 'all' ? 'counts_all' : timeFrame === '7d' ? 'counts_7d' : 'counts_28d';
  return {
    keyPath: `${unique ? 'redis_hll_counters' : 'counts'}.${fileName}`,
    folder,
    fileName,
    events: selected,
    unique,
    filter,
    timeFrame,
  };
}

/** Key paths a metric occupies once an array time_frame is expanded (spec §2.5). */
function expandedKeyPaths(metric: MetricDefinition): string[] {
  if (!Array.isArray(metric.timeFrame)) return [metric.keyPath];
  return metric.timeFrame.map((tf) => metric.keyPath + TIME_FRAME_SUFFIX[tf]);
}

function metricPath(metric: MetricDefinition): string {
  const enterprise = metric.events.every((e) => e.enterprise);
  return `${enterprise ? 'ee/' : ''}config/metrics/${metric.folder}/${metric.fileName}.yml`;
}

function generateMetrics(random: Random, count: number, events: EventDefinition[]): MetricDefinition[] {
  if (events.length === 0) return [];
  const byEdition = new Map<boolean, EventDefinition[]>([
    [false, events.filter((e) => !e.enterprise)],
    [true, events.filter((e) => e.enterprise)],
  ]);
  const usedKeyPaths = new Set<string>();
  const usedPaths = new Set<string>();
  const metrics: MetricDefinition[] = [];
  const isFree = (metric: MetricDefinition) => !usedPaths.has(metricPath(metric)) && expandedKeyPaths(metric).every((k) => !usedKeyPaths.has(k));
  for (let i = 0; i < count; i++) {
    let metric = metricCandidate(random, events, byEdition);
    for (let attempt = 0; !isFree(metric) && attempt < 5; attempt++) metric = metricCandidate(random, events, byEdition);
    if (!isFree(metric)) {
      // The generator's "custom name" escape hatch keeps the key path unique.
      metric = { ...metric, fileName: `${metric.fileName}_variant_${i}`, keyPath: `${metric.keyPath}_variant_${i}` };
    }
    for (const keyPath of expandedKeyPaths(metric)) usedKeyPaths.add(keyPath);
    usedPaths.add(metricPath(metric));
    metrics.push(metric);
  }
  return metrics;
}

function metricYaml(random: Random, metric: MetricDefinition): string {
  const primary = metric.events[0];
  const period = Array.isArray(metric.timeFrame) ? '' : { '7d': 'Weekly count', '28d': 'Monthly count', all: 'Count' }[metric.timeFrame];
  const counted = metric.unique ? `of unique ${metric.unique.replace('.id', '')}s` : 'of';
  const removed = random.chance(0.02);
  const tiers = metric.events.every((e) => e.enterprise) ? primary.tiers : ['free', 'premium', 'ultimate'];
  let text = `---\nkey_path: ${metric.keyPath}\n`;
  text += `description: ${period || 'Count'} ${counted} ${metric.events.map((e) => words(e.action)).join(' or ')} events\n`;
  text += `product_group: ${primary.group}\n`;
  text += yamlList('product_categories', primary.categories);
  text += `performance_indicator_type: []\nvalue_type: number\nstatus: ${removed ? 'removed' : 'active'}\n`;
  text += `milestone: ${milestone(random)}\nintroduced_by_url: ${mergeRequestUrl(random)}\n`;
  if (removed) text += `milestone_removed: '18.${random.int(0, 11)}'\nremoved_by_url: ${mergeRequestUrl(random)}\n`;
  text += Array.isArray(metric.timeFrame) ? yamlList('time_frame', metric.timeFrame) : `time_frame: ${metric.timeFrame}\n`;
  text += `data_source: internal_events\ndata_category: ${random.chance(0.85) ? 'optional' : 'operational'}\n`;
  text += yamlList('tiers', tiers);
  text += 'events:\n';
  for (const event of metric.events) {
    text += `- name: ${event.action}\n`;
    if (metric.unique) text += `  unique: ${metric.unique}\n`;
    if (metric.filter) text += `  filter:\n    ${metric.filter.key}: ${metric.filter.value}\n`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Source files. Each kind knows its folders, its size range and how to write a tracking call.

type SourceKind = 'ruby' | 'rubySpec' | 'javascript' | 'javascriptSpec' | 'vue' | 'haml';

const SOURCE_KINDS: readonly (readonly [SourceKind, number])[] = [
  ['ruby', 35], ['rubySpec', 20], ['javascript', 15], ['javascriptSpec', 5], ['vue', 15], ['haml', 10],
];

// Line counts per kind: [minimum, maximum, overshoot]. Templates add whole methods or blocks until
// the target is reached, so the target stays `overshoot` below the maximum.
const LINE_RANGES: Record<SourceKind, [number, number, number]> = {
  ruby: [50, 600, 55], rubySpec: [50, 600, 30], javascript: [50, 400, 45], javascriptSpec: [50, 400, 25], vue: [80, 300, 15], haml: [20, 150, 10],
};

const NOUNS = ['runner', 'pipeline', 'issue', 'note', 'project', 'group', 'member', 'label', 'release', 'branch', 'artifact', 'policy', 'token', 'board', 'widget', 'report'] as const;
const VERBS = ['update', 'create', 'destroy', 'sync', 'refresh', 'build', 'find', 'prepare', 'validate', 'schedule', 'process', 'render'] as const;
const ATTRIBUTES = ['name', 'title', 'state', 'position', 'status', 'description', 'visibility_level', 'expires_at', 'path', 'weight'] as const;

const RUBY_FOLDERS: Record<string, string> = { service: 'services', worker: 'workers', finder: 'finders', controller: 'controllers', policy: 'policies' };

function sourcePath(random: Random, kind: SourceKind, domain: string, baseName: string): string {
  const enterprise = kind !== 'rubySpec' && kind !== 'javascriptSpec' && random.chance(0.2);
  const prefix = enterprise ? 'ee/app' : 'app';
  switch (kind) {
    case 'ruby':
      if (!enterprise && random.chance(0.25)) return `lib/gitlab/${domain}/${baseName}.rb`;
      return `${prefix}/${RUBY_FOLDERS[baseName.slice(baseName.lastIndexOf('_') + 1)]}/${domain}/${baseName}.rb`;
    case 'rubySpec':
      return `spec/${RUBY_FOLDERS[baseName.slice(baseName.lastIndexOf('_') + 1)]}/${domain}/${baseName}_spec.rb`;
    case 'javascript':
      return `${prefix}/assets/javascripts/${domain}/${random.pick(['utils', 'store', 'services', ''])}/${baseName}.js`.replace('//', '/');
    case 'javascriptSpec':
      return `spec/frontend/${domain}/${baseName}_spec.js`;
    case 'vue':
      return `${prefix}/assets/javascripts/${domain}/components/${baseName}.vue`;
    case 'haml':
      return `${prefix}/views/${domain}/${random.pick(['', '_'])}${baseName}.html.haml`;
  }
}

/** Arguments for a Ruby tracking call: the event's identifiers and declared properties. */
function rubyCallArguments(event: EventDefinition, indent: string): string[] {
  const args: string[] = [];
  if (event.identifiers.includes('user')) args.push('user: current_user');
  if (event.identifiers.includes('project')) args.push('project: project');
  if (event.identifiers.includes('namespace')) args.push(event.identifiers.includes('project') ? 'namespace: project.namespace' : 'namespace: group');
  const properties = event.properties.map((p) => (p === 'value' || p === 'duration_ms' || p === 'item_count' ? `${p}: 1` : `${p}: '${p}_value'`));
  if (properties.length > 0) args.push(`additional_properties: {\n${indent}  ${properties.join(`,\n${indent}  `)}\n${indent}}`);
  return args;
}

function rubyTrackingLines(random: Random, event: EventDefinition, indent: string): string[] {
  const args = rubyCallArguments(event, `${indent}  `);
  const receiver = random.chance(0.25) ? 'Gitlab::InternalEvents.track_event' : 'track_internal_event';
  if (args.length === 0) return [`${indent}${receiver}('${event.action}')`];
  return [`${indent}${receiver}(`, `${indent}  '${event.action}',`, ...`${indent}  ${args.join(`,\n${indent}  `)}`.split('\n'), `${indent})`];
}

function rubyStatement(random: Random, indent: string): string[] {
  const noun = random.pick(NOUNS);
  const attribute = random.pick(ATTRIBUTES);
  switch (random.int(0, 7)) {
    case 0: return [`${indent}return unless ${noun}.present?`];
    case 1: return [`${indent}${noun} = ${camel(noun)}.find_by(id: params[:${noun}_id])`];
    case 2: return [`${indent}log_info('${camel(random.pick(VERBS))} ${noun}', ${noun}_id: ${noun}.id)`];
    case 3: return [`${indent}${noun}.update!(${attribute}: params[:${attribute}])`];
    case 4: return [`${indent}${noun}s.each do |item|`, `${indent}  item.${attribute} = normalize_${attribute}(item)`, `${indent}end`];
    case 5: return [`${indent}if ${noun}.${attribute}.blank?`, `${indent}  errors.add(:${attribute}, _('cannot be blank'))`, `${indent}else`, `${indent}  ${noun}.save!`, `${indent}end`];
    case 6: return [`${indent}result = ${camel(random.pick(VERBS))}${camel(noun)}Service.new(project, current_user, params).execute`];
    default: return [`${indent}@${noun}_count ||= ${noun}s.where(${attribute}: params[:${attribute}]).count`];
  }
}

function rubyClass(random: Random, domain: string, baseName: string, targetLines: number, calls: EventDefinition[]): string {
  const isController = baseName.endsWith('controller');
  const superclass = isController ? 'ApplicationController' : baseName.endsWith('service') ? 'BaseService' : 'BaseObject';
  const lines = ['# frozen_string_literal: true', '', `module ${camel(domain)}`, `  class ${camel(baseName)} < ${superclass}`];
  const pending = [...calls];
  if (pending.length > 0 && isController) {
    const event = pending.shift() as EventDefinition;
    lines.push('    include ProductAnalyticsTracking', '', `    track_internal_event :${random.pick(['show', 'index', 'edit'])}, name: '${event.action}'`);
  } else if (pending.length > 0) {
    lines.push('    include Gitlab::InternalEventsTracking');
  }
  lines.push('', `    DEFAULT_LIMIT = ${random.int(10, 500)}`, '', '    def initialize(project, current_user, params = {})', '      @project = project', '      @current_user = current_user', '      @params = params', '    end', '');
  let methodIndex = 0;
  while (lines.length < targetLines - 3 || pending.length > 0) {
    const methodName = `${random.pick(VERBS)}_${random.pick(NOUNS)}${methodIndex > 0 ? `_${methodIndex}` : ''}`;
    if (methodIndex === 1) lines.push('    private', '');
    lines.push(`    def ${methodName}${random.chance(0.5) ? `(${random.pick(NOUNS)})` : ''}`);
    const statements = random.int(2, 8);
    for (let s = 0; s < statements; s++) lines.push(...rubyStatement(random, '      '));
    if (pending.length > 0 && random.chance(0.6)) lines.push(...rubyTrackingLines(random, pending.shift() as EventDefinition, '      '));
    lines.push('    end', '');
    methodIndex++;
  }
  lines.push('    attr_reader :project, :current_user, :params', '  end', 'end', '');
  return lines.join('\n');
}

function rubySpec(random: Random, domain: string, baseName: string, targetLines: number, calls: EventDefinition[]): string {
  const lines = [
    '# frozen_string_literal: true', '', "require 'spec_helper'", '',
    `RSpec.describe ${camel(domain)}::${camel(baseName)}, feature_category: :${random.pick(FEATURE_CATEGORIES)} do`,
    '  let_it_be(:user) { create(:user) }', '  let_it_be(:project) { create(:project, :repository) }', '',
    '  subject(:execute) { described_class.new(project, user, params).execute }', '',
  ];
  const pending = [...calls];
  let exampleIndex = 0;
  while (lines.length < targetLines - 1 || pending.length > 0) {
    const noun = random.pick(NOUNS);
    const attribute = random.pick(ATTRIBUTES);
    lines.push(`  context 'when the ${noun} ${attribute} is ${random.pick(['missing', 'valid', 'too long', 'changed'])}' do`);
    lines.push(`    let(:params) { { ${attribute}: '${noun}-${exampleIndex}' } }`, '');
    for (let e = random.int(1, 4); e > 0; e--) {
      lines.push(`    it '${random.pick(VERBS)}s the ${noun}' do`, `      expect(execute).to be_success`, `      expect(${noun}.reload.${attribute}).to eq('${noun}-${exampleIndex}')`, '    end', '');
    }
    const event = pending.length > 0 && random.chance(0.7) ? pending.shift() : undefined;
    if (event && random.chance(0.5)) {
      lines.push("    it_behaves_like 'internal event tracking' do", `      let(:event) { '${event.action}' }`, "      let(:category) { described_class.name }", '    end', '');
    } else if (event) {
      lines.push("    it 'records the event' do", '      expect { execute }', `        .to trigger_internal_events('${event.action}')`, '        .with(user: user, project: project)', '    end', '');
    }
    lines.push('  end', '');
    exampleIndex++;
  }
  lines.push('end', '');
  return lines.join('\n');
}

function javascriptCallLines(random: Random, event: EventDefinition, indent: string): string[] {
  const declared = event.properties.filter((p) => p === 'label' || p === 'property' || p === 'value');
  if (random.chance(0.2)) return [`${indent}const trackingAttributes = {`, `${indent}  'data-event-tracking': '${event.action}',`, `${indent}};`];
  if (declared.length === 0) return [`${indent}InternalEvents.trackEvent('${event.action}');`];
  const values = declared.map((p) => (p === 'value' ? 'value: 1' : `${p}: '${p}_value'`)).join(', ');
  return [`${indent}InternalEvents.trackEvent('${event.action}', { ${values} });`];
}

function javascriptStatement(random: Random, indent: string): string[] {
  const noun = random.pick(NOUNS);
  const attribute = random.pick(ATTRIBUTES);
  switch (random.int(0, 5)) {
    case 0: return [`${indent}if (!${noun}) return null;`];
    case 1: return [`${indent}const ${noun}Path = joinPaths(gon.relative_url_root || '', '/${noun}s', String(id));`];
    case 2: return [`${indent}const { data } = await axios.get(${noun}Path, { params: { ${attribute} } });`];
    case 3: return [`${indent}items.forEach((item) => {`, `${indent}  item.${attribute} = format${camel(attribute)}(item.${attribute});`, `${indent}});`];
    case 4: return [`${indent}createAlert({ message: s__('${camel(noun)}|Could not ${random.pick(VERBS)} the ${noun}.') });`];
    default: return [`${indent}state.${noun}s = state.${noun}s.filter((item) => item.id !== id);`];
  }
}

function javascriptModule(random: Random, targetLines: number, calls: EventDefinition[]): string {
  const lines = ["import axios from '~/lib/utils/axios_utils';", "import { joinPaths } from '~/lib/utils/url_utility';", "import { createAlert } from '~/alert';", "import { s__ } from '~/locale';"];
  if (calls.length > 0) lines.push("import { InternalEvents } from '~/tracking';");
  lines.push('', `const PAGE_SIZE = ${random.int(10, 100)};`, '');
  const pending = [...calls];
  while (lines.length < targetLines + 1 || pending.length > 0) {
    const name = `${random.pick(VERBS)}${camel(random.pick(NOUNS))}${lines.length}`;
    lines.push(`export const ${name} = async (id, items = [], state = {}) => {`);
    for (let s = random.int(2, 7); s > 0; s--) lines.push(...javascriptStatement(random, '  '));
    if (pending.length > 0 && random.chance(0.6)) lines.push(...javascriptCallLines(random, pending.shift() as EventDefinition, '  '));
    lines.push('  return items.slice(0, PAGE_SIZE);', '};', '');
  }
  return lines.join('\n');
}

function javascriptSpec(random: Random, domain: string, baseName: string, targetLines: number, calls: EventDefinition[]): string {
  const component = camel(baseName);
  const lines = [
    "import { shallowMountExtended } from 'helpers/vue_test_utils_helper';",
    `import ${component} from '~/${domain}/components/${baseName}.vue';`,
  ];
  if (calls.length > 0) lines.push("import { useMockInternalEventsTracking } from 'helpers/tracking_internal_events_helper';");
  lines.push('', `describe('${component}', () => {`, '  let wrapper;', '', `  const createComponent = (props = {}) => {`, `    wrapper = shallowMountExtended(${component}, { propsData: { ...props } });`, '  };', '');
  const pending = [...calls];
  while (lines.length < targetLines - 1 || pending.length > 0) {
    const noun = random.pick(NOUNS);
    lines.push(`  describe('when the ${noun} is ${random.pick(['loading', 'empty', 'loaded', 'failed'])}', () => {`, '    beforeEach(() => {', `      createComponent({ ${noun}: { id: ${lines.length} } });`, '    });', '');
    lines.push(`    it('renders the ${noun}', () => {`, `      expect(wrapper.findByTestId('${noun}-title').text()).toContain('${camel(noun)}');`, '    });', '');
    const event = pending.length > 0 && random.chance(0.7) ? pending.shift() : undefined;
    if (event) {
      lines.push("    it('tracks the click', () => {", '      const { bindInternalEventDocument } = useMockInternalEventsTracking();', '      const { trackEventSpy } = bindInternalEventDocument(wrapper.element);', `      wrapper.findByTestId('${noun}-button').vm.$emit('click');`);
      lines.push(`      expect(trackEventSpy).toHaveBeenCalledWith('${event.action}', {}, undefined);`, `      expect(wrapper.findByTestId('${noun}-link').attributes()).toMatchObject({ 'data-event-tracking': '${event.action}' });`, '    });', '');
    }
    lines.push('  });', '');
  }
  lines.push('});', '');
  return lines.join('\n');
}

function vueComponent(random: Random, baseName: string, targetLines: number, calls: EventDefinition[]): string {
  const name = camel(baseName);
  const pending = [...calls];
  const methodCalls = pending.filter(() => random.chance(0.5));
  const templateCalls = pending.filter((e) => !methodCalls.includes(e));
  const script = ['<script>', "import { GlButton, GlLoadingIcon, GlBadge } from '@gitlab/ui';", "import { s__ } from '~/locale';"];
  if (pending.length > 0) script.push("import { InternalEvents } from '~/tracking';", '', 'const trackingMixin = InternalEvents.mixin();');
  script.push('', 'export default {', `  name: '${name}',`, '  components: { GlButton, GlLoadingIcon, GlBadge },');
  if (pending.length > 0) script.push('  mixins: [trackingMixin],');
  script.push('  props: {');
  for (const attribute of ATTRIBUTES.slice(0, random.int(2, 6))) script.push(`    ${camel(attribute).replace(/^./, (c) => c.toLowerCase())}: { type: String, required: false, default: '' },`);
  script.push('  },', '  data() {', '    return { isLoading: false, items: [] };', '  },', '  methods: {');
  const template = ['<template>', `  <div class="${name.toLowerCase()}">`];
  const targetScript = Math.floor(targetLines * 0.6);
  while (script.length < targetScript || methodCalls.length > 0) {
    script.push(`    ${random.pick(VERBS)}${camel(random.pick(NOUNS))}${script.length}() {`, '      this.isLoading = true;');
    for (let s = random.int(1, 4); s > 0; s--) script.push(`      this.items = this.items.filter((item) => item.${random.pick(ATTRIBUTES)});`);
    const event = methodCalls.shift();
    if (event) script.push(`      this.trackEvent('${event.action}');`);
    script.push("      this.$emit('change', this.items);", '    },');
  }
  script.push('  },', '};', '</script>', '');
  while (template.length + script.length < targetLines - 2 || templateCalls.length > 0) {
    const noun = random.pick(NOUNS);
    const event = templateCalls.shift();
    if (event && random.chance(0.5)) {
      template.push(`    <gl-button data-event-tracking="${event.action}" @click="$emit('${noun}')">`);
    } else if (event) {
      template.push(`    <gl-button @click="trackEvent('${event.action}')">`);
    } else {
      template.push(`    <gl-button variant="confirm" :loading="isLoading" @click="$emit('${noun}')">`);
    }
    template.push(`      {{ s__('${camel(noun)}|${camel(random.pick(VERBS))} ${noun}') }}`, '    </gl-button>', `    <gl-badge v-if="items.length" variant="info">{{ items.length }}</gl-badge>`);
  }
  template.push('  </div>', '</template>', '');
  return [...script, ...template].join('\n');
}

function hamlView(random: Random, targetLines: number, calls: EventDefinition[]): string {
  const noun = random.pick(NOUNS);
  const lines = [`- page_title _('${camel(noun)}s')`, `- add_to_breadcrumbs _('Settings'), project_settings_path(@project)`, '', `.${noun}-settings.gl-mt-5`];
  const pending = [...calls];
  while (lines.length < targetLines || pending.length > 0) {
    const item = random.pick(NOUNS);
    const event = pending.length > 0 && random.chance(0.5) ? pending.shift() : undefined;
    lines.push(`  %h4.gl-mt-0= _('${camel(item)} ${random.pick(ATTRIBUTES).replace(/_/g, ' ')}')`, '  %p.gl-text-secondary', `    = _('Configure the ${item} for this project.')`);
    if (event && random.chance(0.5)) {
      const label = event.properties.includes('label') ? `, event_label: '${item}'` : '';
      lines.push(`  = link_to _('Open ${item}'), project_${item}s_path(@project), data: { event_tracking: '${event.action}'${label} }`);
    } else if (event) {
      lines.push(`  = render Pajamas::ButtonComponent.new(button_options: { data: { event_tracking: '${event.action}' } }) do`, `    = _('${camel(random.pick(VERBS))} ${item}')`);
    } else {
      lines.push(`  - if can?(current_user, :admin_${item}, @project)`, `    = render 'shared/${item}s/list', ${item}s: @${item}s`);
    }
  }
  return lines.join('\n') + '\n';
}

function sourceText(random: Random, kind: SourceKind, domain: string, baseName: string, calls: EventDefinition[]): string {
  const [min, max, overshoot] = LINE_RANGES[kind];
  const targetLines = random.skewedInt(min, max - overshoot);
  switch (kind) {
    case 'ruby': return rubyClass(random, domain, baseName, targetLines, calls);
    case 'rubySpec': return rubySpec(random, domain, baseName, targetLines, calls);
    case 'javascript': return javascriptModule(random, targetLines, calls);
    case 'javascriptSpec': return javascriptSpec(random, domain, baseName, targetLines, calls);
    case 'vue': return vueComponent(random, baseName, targetLines, calls);
    case 'haml': return hamlView(random, targetLines, calls);
  }
}

function sourceBaseName(random: Random, kind: SourceKind): string {
  const stem = `${random.pick(VERBS)}_${random.pick(NOUNS)}`;
  if (kind === 'ruby' || kind === 'rubySpec') return `${stem}_${random.pick(Object.keys(RUBY_FOLDERS))}`;
  if (kind === 'vue' || kind === 'javascriptSpec') return `${random.pick(NOUNS)}_${random.pick(['list', 'form', 'item', 'drawer', 'header'])}`;
  return `${random.pick(NOUNS)}_${random.pick(['list', 'form', 'item', 'drawer', 'utils', 'store'])}`;
}

// ---------------------------------------------------------------------------------------------

export function generateWorkspace(dir: string, opts: WorkspaceOptions): GeneratedWorkspace {
  const random = new Random(opts.seed ?? 1);
  const writer = new WorkspaceWriter(resolve(dir));

  writer.write('VERSION', '18.3.0-pre\n');
  writer.write('config/feature_categories.yml', `# Feature categories of this synthetic benchmark workspace.\n---\n${FEATURE_CATEGORIES.map((c) => `- ${c}`).join('\n')}\n`);

  const events = generateEvents(random, opts.events);
  for (const event of events) writer.write(eventPath(random, event), eventYaml(random, event));

  for (const metric of generateMetrics(random, opts.metrics, events)) writer.write(metricPath(metric), metricYaml(random, metric));

  // Tracking calls only name internal events, and only those whose every property is declared.
  const usedPaths = new Set<string>();
  const withCalls = Math.min(opts.sourceFilesWithCalls, opts.sourceFiles);
  // Spread the files with calls evenly instead of bunching them at the start.
  const callEvery = withCalls > 0 ? opts.sourceFiles / withCalls : Infinity;
  let callsPlaced = 0;
  for (let i = 0; i < opts.sourceFiles; i++) {
    const kind = random.weighted(SOURCE_KINDS);
    const hasCalls = callsPlaced < withCalls && i >= Math.floor(callsPlaced * callEvery);
    const calls = hasCalls && events.length > 0 ? Array.from({ length: random.int(1, 5) }, () => random.pick(events)) : [];
    if (hasCalls) callsPlaced++;
    const domain = random.pick(TARGETS);
    let baseName = sourceBaseName(random, kind);
    let path = sourcePath(random, kind, domain, baseName);
    if (usedPaths.has(path)) {
      baseName = `${baseName}_${i}`;
      path = sourcePath(random, kind, domain, baseName);
    }
    usedPaths.add(path);
    writer.write(path, sourceText(random, kind, domain, baseName, calls));
  }

  return { root: writer.root, eventNames: events.map((e) => e.action), files: writer.filesWritten };
}
