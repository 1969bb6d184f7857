// "Copy Tracking Snippet": the call forms of spec §4 for one event, in the spirit of GitLab's CLI
// usage viewer (spec §5, View Usage). Only what the event declares appears: its identifiers and its
// additional properties, with sample values of the right type for the author to replace.
import type { EventDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { internalEventNamed } from './newEvent';

export type SnippetLanguage = 'Ruby' | 'RSpec' | 'Vue' | 'JavaScript' | 'HAML';

export interface TrackingSnippet {
  language: SnippetLanguage;
  label: string;
  text: string;
}

/** The CLI's identifier order, with the Ruby expression each is passed as. */
const RUBY_IDENTIFIERS: [string, string][] = [
  ['project', 'project'],
  ['namespace', 'namespace'],
  ['user', 'user'],
  ['feature_enabled_by_namespace_ids', '[namespace.id]'],
];

const RSPEC_LETS: Record<string, (declared: string[]) => string> = {
  project: () => 'create(:project)',
  namespace: (declared) => (declared.includes('project') ? 'project.namespace' : 'create(:group)'),
  user: () => 'create(:user)',
  feature_enabled_by_namespace_ids: () => '[namespace.id]',
};

const BASE_PROPERTIES = ['label', 'property', 'value'];

interface SampleProperty {
  name: string;
  numeric: boolean;
  base: boolean;
}

// `value` is numeric (spec §4.1); everything else is a string unless the author knows better.
function sampleProperties(event: EventDefinition): SampleProperty[] {
  const names = [...event.properties.keys()];
  const ordered = [...BASE_PROPERTIES.filter((p) => names.includes(p)), ...names.filter((p) => !BASE_PROPERTIES.includes(p))];
  return ordered.map((name) => ({ name, numeric: name === 'value', base: BASE_PROPERTIES.includes(name) }));
}

function rubySample(p: SampleProperty): string {
  return p.numeric ? '72' : `'${p.name}_value'`;
}

function rubyHash(props: SampleProperty[]): string {
  return `{ ${props.map((p) => `${p.name}: ${rubySample(p)}`).join(', ')} }`;
}

function jsObject(props: SampleProperty[]): string {
  return `{ ${props.map((p) => `${p.name}: ${p.numeric ? '72' : `'${p.name}_value'`}`).join(', ')} }`;
}

function declaredIdentifiers(event: EventDefinition): [string, string][] {
  return RUBY_IDENTIFIERS.filter(([id]) => event.identifiers.includes(id));
}

function rubySnippet(name: string, event: EventDefinition, props: SampleProperty[]): string {
  const args = [`'${name}'`, ...declaredIdentifiers(event).map(([id, expr]) => `${id}: ${expr}`)];
  if (props.length) args.push(`additional_properties: ${rubyHash(props)}`);
  return ['include Gitlab::InternalEventsTracking', '', 'track_internal_event(', ...args.map((a, i) => `  ${a}${i < args.length - 1 ? ',' : ''}`), ')', ''].join('\n');
}

function rspecSnippet(name: string, event: EventDefinition, props: SampleProperty[], keyPaths: string[][]): string {
  const identifiers = declaredIdentifiers(event).map(([id]) => id);
  const lets = identifiers.map((id) => `  let(:${id}) { ${RSPEC_LETS[id](identifiers)} }`);
  const withArgs = [...identifiers.map((id) => `${id}: ${id}`), ...(props.length ? [`additional_properties: ${rubyHash(props)}`] : [])];
  const matcher = `trigger_internal_events('${name}')${withArgs.length ? `.with(${withArgs.join(', ')})` : ''}`;
  const metrics = keyPaths.map((paths) => `\n    .and increment_usage_metrics(${paths.map((k) => `'${k}'`).join(', ')})`).join('');
  return [
    "it_behaves_like 'internal event tracking' do",
    `  let(:event) { '${name}' }`,
    ...lets,
    ...(props.length ? [`  let(:additional_properties) { ${rubyHash(props)} }`] : []),
    'end',
    '',
    `it 'tracks ${name}' do`,
    `  expect { subject }.to ${matcher}${metrics}`,
    'end',
    '',
  ].join('\n');
}

function vueSnippet(name: string, props: SampleProperty[]): string {
  const args = [`'${name}'`, ...(props.length ? [jsObject(props)] : [])].join(', ');
  return [
    "import { InternalEvents } from '~/tracking';",
    '',
    'export default {',
    '  mixins: [InternalEvents.mixin()],',
    '  methods: {',
    '    performAction() {',
    `      this.trackEvent(${args});`,
    '    },',
    '  },',
    '};',
    '',
  ].join('\n');
}

// Declarative attributes: label/property/value have their own attribute, custom properties travel
// as JSON in data-event-additional (spec §4.4).
function vueTemplateSnippet(name: string, props: SampleProperty[]): string {
  const attributes = [`data-event-tracking="${name}"`];
  for (const p of props.filter((x) => x.base)) attributes.push(`data-event-${p.name}="${p.numeric ? '72' : `${p.name}_value`}"`);
  const custom = props.filter((p) => !p.base);
  if (custom.length) attributes.push(`data-event-additional='${JSON.stringify(Object.fromEntries(custom.map((p) => [p.name, `${p.name}_value`])))}'`);
  return `<gl-button\n${attributes.map((a) => `  ${a}`).join('\n')}\n>\n  Click me\n</gl-button>\n`;
}

function javascriptSnippet(name: string, props: SampleProperty[]): string {
  const args = [`'${name}'`, ...(props.length ? [jsObject(props)] : [])].join(', ');
  return `import { InternalEvents } from '~/tracking';\n\nInternalEvents.trackEvent(${args});\n`;
}

function hamlSnippet(name: string, props: SampleProperty[]): string {
  const entries = [`event_tracking: '${name}'`, ...props.filter((p) => p.base).map((p) => `event_${p.name}: ${rubySample(p)}`)];
  const custom = props.filter((p) => !p.base);
  if (custom.length) entries.push(`event_additional: ${rubyHash(custom)}.to_json`);
  return `%button.btn{ data: { ${entries.join(', ')} } }\n  Click me\n`;
}

/** Every snippet for an event, or undefined when no internal event has that name. */
export function trackingSnippets(index: ProjectIndex, name: string): TrackingSnippet[] | undefined {
  const event = internalEventNamed(index, name);
  if (!event) return undefined;
  const props = sampleProperties(event);
  // The effective key paths (an array time_frame expands to one per element): what the matcher checks.
  const keyPaths = index
    .metricsCounting(name)
    .map((m) => m.expandedKeyPaths.map((k) => k.keyPath).filter(Boolean))
    .filter((paths) => paths.length > 0);
  return [
    { language: 'Ruby', label: 'Ruby (Rails): track_internal_event', text: rubySnippet(name, event, props) },
    { language: 'RSpec', label: "RSpec: 'internal event tracking' and matchers", text: rspecSnippet(name, event, props, keyPaths) },
    { language: 'Vue', label: 'Vue: InternalEvents mixin', text: vueSnippet(name, props) },
    { language: 'Vue', label: 'Vue template: track on click', text: vueTemplateSnippet(name, props) },
    { language: 'JavaScript', label: 'JavaScript: InternalEvents.trackEvent', text: javascriptSnippet(name, props) },
    { language: 'HAML', label: 'HAML: data attributes', text: hamlSnippet(name, props) },
  ];
}
