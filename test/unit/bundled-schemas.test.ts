// Checks the schemas we bundle (schemas/config/...) against GitLab's own newest schemas, using
// GitLab's definition files as test data: whatever GitLab accepts we must accept, and a table of
// typical authoring mistakes must be rejected. Both schema sets are compiled the same way, the way
// a workspace's schemas are compiled at run time: Ajv 2020, $refs resolved relative to the file,
// `uri` format, and `known_product_category` checked against a feature_categories.yml.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../helpers/workspace';


const repoRoot = REPO_ROOT;
const bundledRoot = join(repoRoot, 'schemas');
const corpusRoot = process.env.GITLAB_CORPUS ?? resolve(repoRoot, '../shared/corpus/gitlab');
const corpusSchemasRoot = join(corpusRoot, '_newest_schemas');

function listFiles(dir: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...listFiles(path, accept));
    else if (accept(path)) found.push(path);
  }
  return found;
}

interface SchemaSet {
  validateEvent: ValidateFunction;
  validateMetric: ValidateFunction;
}

/**
 * Compiles the event and metric schemas found under `root` (GitLab's layout). Every JSON file
 * below root/config is registered under its file URL so that relative $refs such as
 * "../metrics/schema/product_groups.json" resolve exactly as they do on disk.
 */
function compileSchemaSet(root: string, featureCategoriesFile: string): SchemaSet {
  const knownCategories = new Set<string>(parseYaml(readFileSync(featureCategoriesFile, 'utf8')) as string[]);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv, ['uri']);
  ajv.addFormat('known_product_category', { type: 'string', validate: (value: string) => knownCategories.has(value) });
  for (const file of listFiles(join(root, 'config'), (p) => p.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: pathToFileURL(file).href });
  }
  const compile = (file: string): ValidateFunction => {
    const validate = ajv.getSchema(pathToFileURL(join(root, file)).href);
    if (!validate) throw new Error(`schema not found: ${file}`);
    return validate;
  };
  return {
    validateEvent: compile('config/events/schema.json'),
    validateMetric: compile('config/metrics/schema/base.json'),
  };
}

function loadYaml(file: string): unknown {
  return parseYaml(readFileSync(file, 'utf8'));
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

/** Runs both schema sets over the files and reports where their verdicts differ. */
function compareVerdicts(
  files: string[],
  gitlab: ValidateFunction,
  ours: ValidateFunction,
): { gitlabAccepted: number; oursAccepted: number; agreed: number; acceptedOnlyByGitlab: string[]; acceptedOnlyByOurs: string[] } {
  const acceptedOnlyByGitlab: string[] = [];
  const acceptedOnlyByOurs: string[] = [];
  let gitlabAccepted = 0;
  let oursAccepted = 0;
  for (const file of files) {
    const document = loadYaml(file);
    const gitlabVerdict = gitlab(document);
    const ourVerdict = ours(document);
    if (gitlabVerdict) gitlabAccepted++;
    if (ourVerdict) oursAccepted++;
    const name = relative(corpusRoot, file);
    if (gitlabVerdict && !ourVerdict) acceptedOnlyByGitlab.push(`${name}: ${describeErrors(ours)}`);
    if (!gitlabVerdict && ourVerdict) acceptedOnlyByOurs.push(name);
  }
  const agreed = files.length - acceptedOnlyByGitlab.length - acceptedOnlyByOurs.length;
  return { gitlabAccepted, oursAccepted, agreed, acceptedOnlyByGitlab, acceptedOnlyByOurs };
}

// Valid documents written for these tests; each planted defect changes one thing in a copy.
const validEvent = parseYaml(`
description: A reviewer opened the side-by-side diff of a merge request from the overview tab
internal_events: true
action: open_side_by_side_diff_from_overview
identifiers:
- project
- namespace
- user
additional_properties:
  label:
    description: Diff viewer that was open before switching
  property:
    description: Size bucket of the diff
  file_count:
    description: Number of files in the diff
product_group: code_review
product_categories:
- code_review_workflow
milestone: '17.4'
introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1
tiers:
- free
- premium
- ultimate
`) as Record<string, unknown>;

const validMetric = parseYaml(`
key_path: redis_hll_counters.count_distinct_user_id_from_open_side_by_side_diff_from_overview_monthly
description: Monthly count of unique users who opened the side-by-side diff from the overview tab
product_group: code_review
product_categories:
- code_review_workflow
performance_indicator_type: []
value_type: number
status: active
milestone: '17.4'
introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1
time_frame: 28d
data_source: internal_events
data_category: optional
tiers:
- free
- premium
- ultimate
events:
- name: open_side_by_side_diff_from_overview
  unique: user.id
`) as Record<string, unknown>;

type Document = Record<string, unknown>;
type Defect = [name: string, plant: (document: Document) => void];

const eventDefects: Defect[] = [
  ['unknown top-level key', (d) => { d.owner = 'someone'; }],
  ['uppercase action', (d) => { d.action = 'Open_Side_By_Side_Diff'; }],
  [
    'custom property without label+property or value',
    (d) => { d.additional_properties = { label: { description: 'viewer' }, file_count: { description: 'files' } }; },
  ],
  ['unquoted milestone 16.1 (parsed as a number)', (d) => { d.milestone = (parseYaml('milestone: 16.1') as Document).milestone; }],
  ['unknown tier', (d) => { d.tiers = ['free', 'gold']; }],
  ['internal_events: false', (d) => { d.internal_events = false; }],
  ['unknown product category', (d) => { d.product_categories = ['not_a_category']; }],
  ['introduced_by_url TODO placeholder', (d) => { d.introduced_by_url = 'TODO'; }],
  ['distributions (dropped in the newest schema)', (d) => { d.distributions = ['ce', 'ee']; }],
  ...['description', 'action', 'product_group', 'introduced_by_url', 'milestone', 'tiers'].map(
    (key): Defect => [`missing required ${key}`, (d) => { delete d[key]; }],
  ),
];

const metricDefects: Defect[] = [
  ['unique count with time_frame all', (d) => { d.time_frame = 'all'; }],
  ['status removed without removed_by_url', (d) => { d.status = 'removed'; d.milestone_removed = '17.9'; }],
  ['status broken without repair_issue_url', (d) => { d.status = 'broken'; }],
  ['internal_events data source without events', (d) => { delete d.events; }],
  ['instrumentation_class with internal_events', (d) => { d.instrumentation_class = 'UniqueCountMetric'; }],
  ['time_frame [7d, none]', (d) => { d.time_frame = ['7d', 'none']; }],
  ['unknown data_category', (d) => { d.data_category = 'marketing'; }],
  ['active metric without product_categories', (d) => { delete d.product_categories; }],
  ['unknown key inside an event selection rule', (d) => { d.events = [{ name: 'open_side_by_side_diff_from_overview', unique: 'user.id', window: '1h' }]; }],
  ['legacy tier key', (d) => { d.tier = ['free']; }],
  ...['key_path', 'description', 'value_type', 'status', 'product_group', 'time_frame', 'data_source', 'data_category', 'milestone', 'introduced_by_url', 'tiers'].map(
    (key): Defect => [`missing required ${key}`, (d) => { delete d[key]; }],
  ),
];

function withDefect(base: Document, plant: (document: Document) => void): Document {
  const copy = structuredClone(base);
  plant(copy);
  return copy;
}

function productGroupsIn(schemaFile: string): Set<string> {
  return new Set((JSON.parse(readFileSync(schemaFile, 'utf8')) as { enum: string[] }).enum);
}

// Our product-group list adds groups that GitLab's newest copy lacks but real definitions use
// (work_items, planner_intelligence, ...). Those files are the only ones we may accept alone.
function usesGroupOnlyWeKnow(corpusFile: string): boolean {
  const gitlabGroups = productGroupsIn(join(corpusSchemasRoot, 'config/metrics/schema/product_groups.json'));
  const ourGroups = productGroupsIn(join(bundledRoot, 'config/metrics/schema/product_groups.json'));
  const group = (loadYaml(join(corpusRoot, corpusFile)) as Document).product_group;
  return typeof group === 'string' && ourGroups.has(group) && !gitlabGroups.has(group);
}

/** Every declared property, at any depth, must carry a description for completion and hover. */
function propertiesWithoutDescription(schema: unknown, at: string, missing: string[]): string[] {
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => propertiesWithoutDescription(item, `${at}/${i}`, missing));
    return missing;
  }
  if (schema === null || typeof schema !== 'object') return missing;
  for (const [key, child] of Object.entries(schema)) {
    if (key === 'if') continue; // a condition tests properties; it declares none
    if (key === 'properties' && child && typeof child === 'object') {
      for (const [name, propertySchema] of Object.entries(child as Record<string, unknown>)) {
        const described = typeof propertySchema === 'object' && propertySchema !== null && 'description' in propertySchema;
        // `instrumentation_class: false` inside a conditional is a prohibition, not a declaration.
        if (!described && propertySchema !== false && !isConstraintOnly(propertySchema)) missing.push(`${at}/properties/${name}`);
      }
    }
    propertiesWithoutDescription(child, `${at}/${key}`, missing);
  }
  return missing;
}

// Conditionals (`if` parts, const/enum switches) repeat a property only to test or narrow it;
// its description lives on the declaration in base.json or the events schema.
function isConstraintOnly(propertySchema: unknown): boolean {
  if (typeof propertySchema !== 'object' || propertySchema === null) return false;
  const keys = Object.keys(propertySchema);
  return keys.every((k) => ['const', 'not', 'anyOf', 'type', 'minItems', 'enum'].includes(k)) && !('properties' in propertySchema);
}

describe('bundled schemas', () => {
  const ours = compileSchemaSet(bundledRoot, join(bundledRoot, 'config/feature_categories.yml'));
  const corpusAvailable = existsSync(join(corpusSchemasRoot, 'config/events/schema.json'));
  const gitlab = corpusAvailable ? compileSchemaSet(corpusSchemasRoot, join(corpusRoot, 'config/feature_categories.yml')) : undefined;

  it('declares every property with a description', () => {
    const schemaFiles = listFiles(join(bundledRoot, 'config'), (p) => p.endsWith('.json'));
    assert.ok(schemaFiles.length >= 8, `expected the events schema and the metric schema parts, found ${schemaFiles.length}`);
    for (const file of schemaFiles) {
      const schema: unknown = JSON.parse(readFileSync(file, 'utf8'));
      assert.deepEqual(propertiesWithoutDescription(schema, '#', []), [], relative(bundledRoot, file));
    }
  });

  it('lists plain feature-category slugs', () => {
    const categories = loadYaml(join(bundledRoot, 'config/feature_categories.yml'));
    assert.ok(Array.isArray(categories) && categories.length > 100);
    for (const slug of categories) assert.match(String(slug), /^[a-z0-9_]+$/);
  });

  describe('event schema', () => {
    it('accepts the valid example', () => {
      assert.equal(ours.validateEvent(validEvent), true, describeErrors(ours.validateEvent));
    });

    for (const [name, plant] of eventDefects) {
      it(`rejects: ${name}`, () => {
        const document = withDefect(validEvent, plant);
        assert.equal(ours.validateEvent(document), false);
        if (gitlab) assert.equal(gitlab.validateEvent(document), false, 'GitLab schema should reject it too');
      });
    }

    it('explains a rejected custom property with its own message', () => {
      const document = withDefect(validEvent, eventDefects[2][1]);
      ours.validateEvent(document);
      const shapeOneError = ours.validateEvent.errors?.find((e) => e.schemaPath.endsWith('/anyOf/0/additionalProperties/type'));
      assert.ok(shapeOneError, describeErrors(ours.validateEvent));
      assert.equal(shapeOneError.instancePath, '/additional_properties/file_count');
      const schema = JSON.parse(readFileSync(join(bundledRoot, 'config/events/schema.json'), 'utf8'));
      const message: unknown = schema.properties.additional_properties.anyOf[0].additionalProperties['x-error'];
      assert.match(String(message), /label.*property.*value/);
    });

    it('accepts every corpus event GitLab accepts', function () {
      if (!gitlab) this.skip();
      const files = listFiles(join(corpusRoot, 'config/events'), (p) => p.endsWith('.yml'));
      assert.ok(files.length > 100, `corpus events: ${files.length}`);
      const result = compareVerdicts(files, gitlab.validateEvent, ours.validateEvent);
      console.log(`      events: ${files.length} files, GitLab accepts ${result.gitlabAccepted}, ours accepts ${result.oursAccepted}, verdicts agree on ${result.agreed} (ours alone accepts ${result.acceptedOnlyByOurs.length}, for product groups GitLab's list lacks)`);
      assert.deepEqual(result.acceptedOnlyByGitlab, []);
      assert.deepEqual(result.acceptedOnlyByOurs.filter((file) => !usesGroupOnlyWeKnow(file)), []);
    });
  });

  describe('metric schema', () => {
    it('accepts the valid example', () => {
      assert.equal(ours.validateMetric(validMetric), true, describeErrors(ours.validateMetric));
    });

    it('accepts an array time_frame of fixed periods for a unique count', () => {
      const document = withDefect(validMetric, (d) => { d.time_frame = ['28d', '7d']; });
      assert.equal(ours.validateMetric(document), true, describeErrors(ours.validateMetric));
    });

    it('accepts a total count over all time with a custom-property filter', () => {
      const document = withDefect(validMetric, (d) => {
        d.time_frame = 'all';
        d.events = [{ name: 'open_side_by_side_diff_from_overview', filter: { label: 'inline', file_count: 3 } }];
      });
      assert.equal(ours.validateMetric(document), true, describeErrors(ours.validateMetric));
    });

    for (const [name, plant] of metricDefects) {
      it(`rejects: ${name}`, () => {
        const document = withDefect(validMetric, plant);
        assert.equal(ours.validateMetric(document), false);
        if (gitlab) assert.equal(gitlab.validateMetric(document), false, 'GitLab schema should reject it too');
      });
    }

    // Deliberate divergence: GitLab's condition fires only when *every* rule is unique, so a
    // metric mixing unique and total rules escapes the fixed-period check. Ours fires on any.
    it('rejects an all-time metric that mixes unique and total rules', () => {
      const document = withDefect(validMetric, (d) => {
        d.time_frame = 'all';
        d.events = [{ name: 'a_event', unique: 'user.id' }, { name: 'b_event' }];
      });
      assert.equal(ours.validateMetric(document), false);
    });

    it('accepts every corpus metric GitLab accepts', function () {
      if (!gitlab) this.skip();
      const files = listFiles(join(corpusRoot, 'config/metrics'), (p) => p.endsWith('.yml'));
      assert.ok(files.length > 100, `corpus metrics: ${files.length}`);
      const result = compareVerdicts(files, gitlab.validateMetric, ours.validateMetric);
      console.log(`      metrics: ${files.length} files, GitLab accepts ${result.gitlabAccepted}, ours accepts ${result.oursAccepted}, verdicts agree on ${result.agreed} (ours alone accepts ${result.acceptedOnlyByOurs.length}, for product groups GitLab's list lacks)`);
      assert.deepEqual(result.acceptedOnlyByGitlab, []);
      assert.deepEqual(result.acceptedOnlyByOurs.filter((file) => !usesGroupOnlyWeKnow(file)), []);
    });
  });
});
