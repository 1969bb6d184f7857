import assert from 'node:assert/strict';
import type { CallSite, CallSiteKind, LiteralType, Range } from '../../server/src/core/model';
import { findRubyCallSites, findRubyHelperPassThroughs, initRubyParser } from '../../server/src/core/callsites/ruby';
import { initPrism, prismLoadError } from '../../server/src/core/callsites/ruby/prism';

/** [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 columns. */
type Span = [number, number, number, number];

interface ExpectedSite {
  event: string | null;
  kind: CallSiteKind;
  range: Span;
  /** Omitted: the site must have no nameRange. */
  nameRange?: Span;
  /** Defaults to event === null. */
  dynamic?: boolean;
  refersTo?: 'event' | 'metric';
  identifiers?: string[];
  /** Checked in order; a range is checked when given. */
  properties?: Array<{ key: string; valueType: LiteralType; range?: Span }>;
  argsOpaque?: boolean;
  argsRange?: Span;
  propertiesRange?: Span;
  /** The pattern of a name built at run time; omitted: the site must have none. */
  namePattern?: string;
  /** The let or local arguments the name was followed from; omitted: the site must have none. */
  usedAt?: Span[];
}

interface Case {
  name: string;
  path?: string;
  code: string[];
  sites: ExpectedSite[];
  /** Parse errors expected: a count, or 'some' for "at least one". Default 0. */
  parseErrors?: number | 'some';
}

const span = (r: Range): Span => [r.start.line, r.start.character, r.end.line, r.end.character];

const HELPER_SOURCE = [
  'module ArchiveHelper',
  '  def archive_button(tracking_event:, title: nil)',
  "    render Pajamas::ButtonComponent.new(button_options: { data: { event_tracking: tracking_event, event_label: 'archive' } })",
  '  end',
  '  def help_link',
  "    link_to 'x', '#', data: { event_tracking: 'open_help', event_label: 'menu', event_value: '3', event_additional: { source: 'nav' }.to_json }",
  '  end',
  '  def flat(path)',
  "    link_to 'y', path, 'data-event-tracking' => 'flat_click', 'data-event-property' => :p, **opts",
  '  end',
  '  def positional(name)',
  '    content_tag :a, data: { event_tracking: name }',
  '  end',
  'end',
];

const cases: Case[] = [
  {
    name: 'literal name with identifier keywords',
    code: ["track_internal_event('create_ci_build', user: user, project: project)"],
    sites: [
      {
        event: 'create_ci_build',
        kind: 'ruby.track_internal_event',
        range: [0, 21, 0, 38],
        nameRange: [0, 22, 0, 37],
        identifiers: ['user', 'project'],
        argsRange: [0, 21, 0, 68],
      },
    ],
  },
  {
    name: 'multi-line call with an additional_properties hash, inside a class and method',
    code: [
      'class Ci::BuildService',
      '  def execute',
      '    track_internal_event(',
      "      'code_suggestion_accepted',",
      '      user: current_user,',
      '      namespace: group,',
      "      additional_properties: { label: editor, property: 'kind', value: 12, lang: 'ruby' }",
      '    )',
      '  end',
      'end',
    ],
    sites: [
      {
        event: 'code_suggestion_accepted',
        kind: 'ruby.track_internal_event',
        range: [3, 6, 3, 32],
        nameRange: [3, 7, 3, 31],
        identifiers: ['user', 'namespace'],
        properties: [
          { key: 'label', valueType: 'dynamic', range: [6, 31, 6, 36] },
          { key: 'property', valueType: 'string', range: [6, 46, 6, 54] },
          { key: 'value', valueType: 'number', range: [6, 64, 6, 69] },
          { key: 'lang', valueType: 'string', range: [6, 75, 6, 79] },
        ],
        argsRange: [2, 25, 7, 4],
        propertiesRange: [6, 29, 6, 89],
      },
    ],
  },
  {
    name: 'property value types',
    code: [
      'track_internal_event(\'e\', additional_properties: { a: "x#{y}", b: 1.5, c: true, d: nil, e: [1], ' +
        "f: :s, g: { h: 1 }, i: SOME_CONST, j: -3, 'k' => 'str_key', l: 'x'.freeze })",
    ],
    sites: [
      {
        event: 'e',
        kind: 'ruby.track_internal_event',
        range: [0, 21, 0, 24],
        nameRange: [0, 22, 0, 23],
        properties: [
          { key: 'a', valueType: 'string' },
          { key: 'b', valueType: 'number' },
          { key: 'c', valueType: 'boolean' },
          { key: 'd', valueType: 'nil' },
          { key: 'e', valueType: 'other' },
          { key: 'f', valueType: 'other' },
          { key: 'g', valueType: 'other' },
          { key: 'i', valueType: 'dynamic' },
          { key: 'j', valueType: 'number' },
          { key: 'k', valueType: 'string', range: [0, 139, 0, 140] },
          { key: 'l', valueType: 'string' },
        ],
      },
    ],
  },
  {
    name: 'self receiver, no parentheses, symbol name, call inside a block',
    code: [
      "self.track_internal_event('with_self')",
      "track_internal_event 'no_parens', user: u",
      'track_internal_event(:sym_event)',
      'items.each do |item|',
      "  track_internal_event('in_block', project: item.project) if item.ok?",
      'end',
      'track_internal_event :just_a_symbol, user: u',
    ],
    sites: [
      { event: 'with_self', kind: 'ruby.track_internal_event', range: [0, 26, 0, 37], nameRange: [0, 27, 0, 36] },
      {
        event: 'no_parens',
        kind: 'ruby.track_internal_event',
        range: [1, 21, 1, 32],
        nameRange: [1, 22, 1, 31],
        identifiers: ['user'],
        argsRange: [1, 21, 1, 41],
      },
      { event: 'sym_event', kind: 'ruby.track_internal_event', range: [2, 21, 2, 31], nameRange: [2, 22, 2, 31] },
      {
        event: 'in_block',
        kind: 'ruby.track_internal_event',
        range: [4, 23, 4, 33],
        nameRange: [4, 24, 4, 32],
        identifiers: ['project'],
      },
      {
        event: 'just_a_symbol',
        kind: 'ruby.track_internal_event',
        range: [6, 21, 6, 35],
        nameRange: [6, 22, 6, 35],
        identifiers: ['user'],
      },
    ],
  },
  {
    name: 'Gitlab::InternalEvents.track_event forms',
    code: [
      "Gitlab::InternalEvents.track_event('a', project: p, user: u)",
      "InternalEvents.track_event('b')",
      "::Gitlab::InternalEvents.track_event('c', namespace: n, additional_properties: { label: 'l' })",
    ],
    sites: [
      {
        event: 'a',
        kind: 'ruby.internal_events_track_event',
        range: [0, 35, 0, 38],
        nameRange: [0, 36, 0, 37],
        identifiers: ['project', 'user'],
      },
      { event: 'b', kind: 'ruby.internal_events_track_event', range: [1, 27, 1, 30], nameRange: [1, 28, 1, 29] },
      {
        event: 'c',
        kind: 'ruby.internal_events_track_event',
        range: [2, 37, 2, 40],
        nameRange: [2, 38, 2, 39],
        identifiers: ['namespace'],
        properties: [{ key: 'label', valueType: 'string', range: [2, 81, 2, 86] }],
        propertiesRange: [2, 79, 2, 93],
      },
    ],
  },
  {
    name: 'controller macro: the event is the name: keyword, the symbols are actions',
    code: [
      'class ProjectsController < ApplicationController',
      "  track_internal_event :index, :show, name: 'view_project', conditions: -> { current_user.present? }",
      'end',
    ],
    sites: [
      {
        event: 'view_project',
        kind: 'ruby.controller_macro',
        range: [1, 44, 1, 58],
        nameRange: [1, 45, 1, 57],
        argsOpaque: true,
        argsRange: [1, 23, 1, 100],
      },
    ],
  },
  ...['lib/api/projects.rb', 'ee/lib/api/projects.rb', 'lib\\api\\projects.rb'].map(
    (path): Case => ({
      name: `API helper track_event under ${path}`,
      path,
      code: [
        'module API',
        '  class Projects < ::API::Base',
        "    get ':id' do",
        "      track_event('api_event', user: current_user, namespace_id: project.namespace.id, project_id: project.id)",
        '    end',
        '  end',
        'end',
      ],
      sites: [
        {
          event: 'api_event',
          kind: 'ruby.api_track_event',
          range: [3, 18, 3, 29],
          nameRange: [3, 19, 3, 28],
          identifiers: ['user', 'namespace', 'project'],
        },
      ],
    }),
  ),
  {
    name: 'bare track_event outside lib/api is not an internal event',
    path: 'app/services/api_like.rb',
    code: ["track_event('api_event', user: current_user)"],
    sites: [],
  },
  {
    name: 'RSpec trigger_internal_events with a .with chain: one site per name',
    path: 'spec/services/foo_spec.rb',
    code: [
      "it 'tracks' do",
      "  expect { execute }.to trigger_internal_events('a', 'b')",
      "    .with(user: user, project: project, additional_properties: { label: 'x' }).once",
      'end',
    ],
    sites: ['a', 'b'].map((event, i) => ({
      event,
      kind: 'rspec.trigger_internal_events' as const,
      range: [1, 48 + 5 * i, 1, 51 + 5 * i] as Span,
      nameRange: [1, 49 + 5 * i, 1, 50 + 5 * i] as Span,
      identifiers: ['user', 'project'],
      properties: [{ key: 'label', valueType: 'string' as const, range: [2, 65, 2, 70] as Span }],
      argsRange: [2, 10, 2, 77] as Span,
      propertiesRange: [2, 63, 2, 77] as Span,
    })),
  },
  {
    name: 'RSpec not_trigger_internal_events and usage-metric matchers',
    path: 'spec/services/foo_spec.rb',
    code: [
      "expect { x }.to not_trigger_internal_events('c')",
      "expect { x }.to increment_usage_metrics('counts.a', 'counts.b_28d')",
      "expect { x }.to not_increment_usage_metrics('counts.c')",
      "expect(rendered).to trigger_internal_events('d').on_click.with(additional_properties: opts)",
    ],
    sites: [
      {
        event: 'c',
        kind: 'rspec.trigger_internal_events',
        range: [0, 44, 0, 47],
        nameRange: [0, 45, 0, 46],
        argsOpaque: true,
      },
      {
        event: 'counts.a',
        kind: 'rspec.increment_usage_metrics',
        refersTo: 'metric',
        range: [1, 40, 1, 50],
        nameRange: [1, 41, 1, 49],
        argsOpaque: true,
      },
      {
        event: 'counts.b_28d',
        kind: 'rspec.increment_usage_metrics',
        refersTo: 'metric',
        range: [1, 52, 1, 66],
        nameRange: [1, 53, 1, 65],
        argsOpaque: true,
      },
      {
        event: 'counts.c',
        kind: 'rspec.increment_usage_metrics',
        refersTo: 'metric',
        range: [2, 44, 2, 54],
        nameRange: [2, 45, 2, 53],
        argsOpaque: true,
      },
      {
        event: 'd',
        kind: 'rspec.trigger_internal_events',
        range: [3, 44, 3, 47],
        nameRange: [3, 45, 3, 46],
        argsOpaque: true,
      },
    ],
  },
  {
    name: "shared example: let(:event) next to it_behaves_like 'internal event tracking'",
    path: 'spec/services/foo_spec.rb',
    code: [
      'RSpec.describe Foo do',
      '  let_it_be(:user) { create(:user) }',
      '  let(:project) { build(:project) }',
      '',
      "  describe '#execute' do",
      "    let(:event) { 'shared_one' }",
      "    let(:additional_properties) { { label: 'x', value: 1 } }",
      '',
      "    it_behaves_like 'internal event tracking'",
      '  end',
      'end',
    ],
    sites: [
      {
        event: 'shared_one',
        kind: 'rspec.shared_example',
        range: [5, 18, 5, 30],
        nameRange: [5, 19, 5, 29],
        identifiers: ['user', 'project'],
        properties: [
          { key: 'label', valueType: 'string', range: [6, 36, 6, 41] },
          { key: 'value', valueType: 'number', range: [6, 48, 6, 53] },
        ],
        propertiesRange: [6, 34, 6, 58],
      },
    ],
  },
  {
    name: 'shared example: let(:event) inside the it_behaves_like block, legacy let(:label)',
    path: 'spec/foo_spec.rb',
    code: [
      'describe Foo do',
      "  it_behaves_like 'internal event tracking' do",
      '    let(:event) { :shared_two }',
      '    let(:namespace) { group }',
      "    let(:label) { 'legacy' }",
      '  end',
      'end',
    ],
    sites: [
      {
        event: 'shared_two',
        kind: 'rspec.shared_example',
        range: [2, 18, 2, 29],
        nameRange: [2, 19, 2, 29],
        identifiers: ['namespace'],
        properties: [{ key: 'label', valueType: 'string', range: [4, 9, 4, 14] }],
      },
    ],
  },
  {
    name: 'shared example: outer let with a nested inclusion; an unrelated let(:event) is ignored',
    path: 'spec/foo_spec.rb',
    code: [
      'describe Foo do',
      "  let(:event) { 'outer_event' }",
      "  context 'inner' do",
      "    it_behaves_like 'internal event tracking'",
      '  end',
      "  context 'unrelated' do",
      '    let(:event) { create(:event) }',
      '    it { is_expected.to be_valid }',
      '  end',
      'end',
    ],
    sites: [{ event: 'outer_event', kind: 'rspec.shared_example', range: [1, 16, 1, 29], nameRange: [1, 17, 1, 28] }],
  },
  {
    name: 'shared example via include_examples with a name the file cannot resolve',
    path: 'spec/foo_spec.rb',
    code: [
      'describe Foo do',
      '  let(:event) { described_class::EVENT_NAME }',
      "  include_examples 'internal event tracking'",
      'end',
    ],
    sites: [{ event: null, kind: 'rspec.shared_example', range: [1, 16, 1, 43] }],
  },
  {
    name: 'let(:event) without the shared example is not a call site',
    path: 'spec/foo_spec.rb',
    code: ['describe Foo do', "  let(:event) { 'not_an_event' }", '  it { expect(event).to be_present }', 'end'],
    sites: [],
  },
  {
    name: "shared example 'internal event not tracked' reads let(:event); its other lets say nothing",
    path: 'spec/services/foo_spec.rb',
    code: [
      'describe Foo do',
      '  let(:user) { create(:user) }',
      "  context 'when disabled' do",
      "    let(:event) { 'not_tracked_event' }",
      "    it_behaves_like 'internal event not tracked'",
      '  end',
      'end',
    ],
    sites: [{ event: 'not_tracked_event', kind: 'rspec.shared_example', range: [3, 18, 3, 37], nameRange: [3, 19, 3, 36], argsOpaque: true }],
  },
  {
    name: 'matchers naming a let: one site at the let literal the matcher sees (also let_it_be, an overriding context)',
    path: 'spec/services/foo_spec.rb',
    code: [
      'describe Foo do',
      "  let(:event_name) { 'let_event' }",
      '  let_it_be(:other_event) { :other_let_event }',
      '  it { expect { run }.to trigger_internal_events(event_name).with(user: user) }',
      '  it { expect { run }.to not_trigger_internal_events(event_name, other_event) }',
      "  context 'overridden' do",
      "    let(:event_name) { 'inner_event' }",
      '    it { expect { run }.to trigger_internal_events(event_name) }',
      '  end',
      'end',
    ],
    sites: [
      // Two matchers name this let: one site, opaque because the second passes no .with.
      // Each also answers hover and go-to-definition at the matcher arguments naming it.
      { event: 'let_event', kind: 'rspec.trigger_internal_events', range: [1, 21, 1, 32], nameRange: [1, 22, 1, 31], identifiers: ['user'], argsOpaque: true, usedAt: [[3, 49, 3, 59], [4, 53, 4, 63]] },
      { event: 'other_let_event', kind: 'rspec.trigger_internal_events', range: [2, 28, 2, 44], nameRange: [2, 29, 2, 44], argsOpaque: true, usedAt: [[4, 65, 4, 76]] },
      { event: 'inner_event', kind: 'rspec.trigger_internal_events', range: [6, 23, 6, 36], nameRange: [6, 24, 6, 35], argsOpaque: true, usedAt: [[7, 51, 7, 61]] },
    ],
  },
  {
    name: 'matchers on a local assigned once: a splatted %w array gives a site per element, at the element',
    path: 'spec/services/foo_spec.rb',
    code: [
      'describe Foo do',
      "  it 'tracks both' do",
      '    events = %w[first_event second_event]',
      '    single = cond ? :third_event : :fourth_event',
      '    expect { run }.to trigger_internal_events(*events).and trigger_internal_events(single)',
      '  end',
      "  it 'cannot know' do",
      "    twice = 'a'",
      "    twice = 'b'",
      '    expect { run }.to trigger_internal_events(twice, *unknown_list)',
      '  end',
      'end',
    ],
    sites: [
      { event: 'first_event', kind: 'rspec.trigger_internal_events', range: [2, 16, 2, 27], nameRange: [2, 16, 2, 27], argsOpaque: true, usedAt: [[4, 46, 4, 53]] },
      { event: 'second_event', kind: 'rspec.trigger_internal_events', range: [2, 28, 2, 40], nameRange: [2, 28, 2, 40], argsOpaque: true, usedAt: [[4, 46, 4, 53]] },
      { event: 'third_event', kind: 'rspec.trigger_internal_events', range: [3, 20, 3, 32], nameRange: [3, 21, 3, 32], argsOpaque: true, usedAt: [[4, 83, 4, 89]] },
      { event: 'fourth_event', kind: 'rspec.trigger_internal_events', range: [3, 35, 3, 48], nameRange: [3, 36, 3, 48], argsOpaque: true, usedAt: [[4, 83, 4, 89]] },
      { event: null, kind: 'rspec.trigger_internal_events', range: [9, 46, 9, 51], argsOpaque: true },
      { event: null, kind: 'rspec.trigger_internal_events', range: [9, 53, 9, 66], argsOpaque: true },
    ],
  },
  {
    name: 'let(:event) naming another let, and a splatted let array; the shared example and a matcher on one let are one site',
    path: 'spec/services/foo_spec.rb',
    code: [
      'describe Foo do',
      "  let(:event_name) { 'chained_event' }",
      '  let(:event) { event_name }',
      "  let(:all_events) { ['x_event', 'y_event'] }",
      "  it_behaves_like 'internal event tracking'",
      '  it { expect { run }.to trigger_internal_events(event).and trigger_internal_events(*all_events) }',
      'end',
    ],
    sites: [
      { event: 'chained_event', kind: 'rspec.trigger_internal_events', range: [1, 21, 1, 36], nameRange: [1, 22, 1, 35], argsOpaque: true, usedAt: [[5, 49, 5, 54], [2, 16, 2, 26]] },
      { event: 'x_event', kind: 'rspec.trigger_internal_events', range: [3, 22, 3, 31], nameRange: [3, 23, 3, 30], argsOpaque: true, usedAt: [[5, 84, 5, 95]] },
      { event: 'y_event', kind: 'rspec.trigger_internal_events', range: [3, 33, 3, 42], nameRange: [3, 34, 3, 41], argsOpaque: true, usedAt: [[5, 84, 5, 95]] },
    ],
  },
  {
    name: 'a hash constant of the described class: same file read, other file left to the index',
    path: 'spec/lib/foo_spec.rb',
    code: [
      'class Local',
      "  EVENTS = { create: 'created_event', 'update' => 'updated_event' }.freeze",
      'end',
      'RSpec.describe Local do',
      '  it { expect { run }.to trigger_internal_events(described_class::EVENTS[:create]) }',
      '  it { expect { run }.to trigger_internal_events(Local::EVENTS[\'update\'], Local::EVENTS[:update]) }',
      'end',
      'RSpec.describe Gitlab::Remote do',
      "  it_behaves_like 'internal event tracking' do",
      '    let(:event) { described_class::EVENTS[:approve] }',
      '  end',
      'end',
    ],
    sites: [
      { event: 'created_event', kind: 'rspec.trigger_internal_events', range: [4, 49, 4, 81], argsOpaque: true },
      { event: 'updated_event', kind: 'rspec.trigger_internal_events', range: [5, 49, 5, 72], argsOpaque: true },
      // Ruby tells :update from 'update': this key is not in the hash.
      { event: null, kind: 'rspec.trigger_internal_events', range: [5, 74, 5, 96], argsOpaque: true },
      { event: null, kind: 'rspec.shared_example', range: [9, 18, 9, 51] },
    ],
  },
  {
    name: 'data attributes in Ruby view code: data: hash and flat keys; a helper keyword passed on is not a site of its own',
    path: 'app/helpers/archive_helper.rb',
    code: HELPER_SOURCE,
    sites: [
      {
        event: 'open_help',
        kind: 'ruby.data_attribute',
        range: [5, 46, 5, 57],
        nameRange: [5, 47, 5, 56],
        properties: [
          { key: 'label', valueType: 'string', range: [5, 59, 5, 70] },
          { key: 'value', valueType: 'number', range: [5, 80, 5, 91] },
          { key: 'source', valueType: 'string', range: [5, 118, 5, 124] },
        ],
        propertiesRange: [5, 116, 5, 133],
      },
      { event: 'flat_click', kind: 'ruby.data_attribute', range: [8, 48, 8, 60], nameRange: [8, 49, 8, 59], properties: [{ key: 'property', valueType: 'string', range: [8, 63, 8, 82] }], argsOpaque: true },
      { event: null, kind: 'ruby.data_attribute', range: [11, 44, 11, 48] },
    ],
  },
  {
    name: 'outside app/helpers a keyword parameter in a data hash is a dynamic call, as any other',
    path: 'app/components/archive_component.rb',
    code: [...HELPER_SOURCE.slice(0, 4), 'end'],
    sites: [{ event: null, kind: 'ruby.data_attribute', range: [2, 82, 2, 96], properties: [{ key: 'label', valueType: 'string' }] }],
  },
  {
    name: 'constants resolved in the same class/module, through aliases and paths; others dynamic',
    code: [
      'module Ci',
      '  class BuildService',
      "    EVENT = 'create_ci_build'.freeze",
      '    ALIASED = EVENT',
      '',
      '    def execute',
      '      track_internal_event(EVENT, user: user)',
      '      track_internal_event(ALIASED)',
      '      track_internal_event(Other::NAME)',
      '      track_internal_event(Ci::Other::NAME)',
      '      track_internal_event(UNKNOWN_EVENT)',
      '      track_internal_event(self.class::EVENT)',
      '    end',
      '  end',
      '',
      '  class Other',
      '    NAME = :other_event',
      '  end',
      'end',
    ],
    sites: [
      { event: 'create_ci_build', kind: 'ruby.track_internal_event', range: [6, 27, 6, 32], identifiers: ['user'] },
      { event: 'create_ci_build', kind: 'ruby.track_internal_event', range: [7, 27, 7, 34] },
      { event: 'other_event', kind: 'ruby.track_internal_event', range: [8, 27, 8, 38] },
      { event: 'other_event', kind: 'ruby.track_internal_event', range: [9, 27, 9, 42] },
      { event: null, kind: 'ruby.track_internal_event', range: [10, 27, 10, 40] },
      { event: null, kind: 'ruby.track_internal_event', range: [11, 27, 11, 44] },
    ],
  },
  {
    name: 'top-level and path-assigned constants; a constant assigned twice is unknowable',
    code: [
      "EVENT = 'top_level_event'",
      "Settings::EVENT = 'path_written'",
      'class Worker',
      "  TWICE = 'a' if x",
      "  TWICE = 'b' unless x",
      '  def perform',
      '    track_internal_event(EVENT)',
      '    track_internal_event(Settings::EVENT)',
      '    track_internal_event(::EVENT)',
      '    track_internal_event(TWICE)',
      '  end',
      'end',
    ],
    sites: [
      { event: 'top_level_event', kind: 'ruby.track_internal_event', range: [6, 25, 6, 30] },
      { event: 'path_written', kind: 'ruby.track_internal_event', range: [7, 25, 7, 40] },
      { event: 'top_level_event', kind: 'ruby.track_internal_event', range: [8, 25, 8, 32] },
      { event: null, kind: 'ruby.track_internal_event', range: [9, 25, 9, 30] },
    ],
  },
  {
    name: 'names built at run time are dynamic, never errors',
    code: [
      'track_internal_event(event_name, user: user)',
      'track_internal_event("click_#{button}")',
      'track_internal_event(compute_name(x))',
      'track_internal_event(:"sym_#{x}")',
    ],
    sites: [
      { event: null, kind: 'ruby.track_internal_event', range: [0, 21, 0, 31], identifiers: ['user'] },
      { event: null, kind: 'ruby.track_internal_event', range: [1, 21, 1, 38], namePattern: 'click_*' },
      { event: null, kind: 'ruby.track_internal_event', range: [2, 21, 2, 36] },
      { event: null, kind: 'ruby.track_internal_event', range: [3, 21, 3, 32] },
    ],
  },
  {
    name: 'a ternary name gives a site per branch, each with its own range and the call\'s arguments',
    code: [
      'class Toggle',
      "  OFF = 'disable_toggle'",
      '  def run',
      "    track_internal_event(on? ? 'enable_toggle' : OFF, user: user)",
      "    track_internal_event((a ? 'one_event' : (b ? 'two_event' : name)))",
      '  end',
      'end',
    ],
    sites: [
      { event: 'enable_toggle', kind: 'ruby.track_internal_event', range: [3, 31, 3, 46], nameRange: [3, 32, 3, 45], identifiers: ['user'], argsRange: [3, 25, 3, 64] },
      { event: 'disable_toggle', dynamic: false, kind: 'ruby.track_internal_event', range: [3, 49, 3, 52], identifiers: ['user'], argsRange: [3, 25, 3, 64] },
      { event: 'one_event', kind: 'ruby.track_internal_event', range: [4, 30, 4, 41], nameRange: [4, 31, 4, 40] },
      { event: 'two_event', kind: 'ruby.track_internal_event', range: [4, 49, 4, 60], nameRange: [4, 50, 4, 59] },
      { event: null, kind: 'ruby.track_internal_event', range: [4, 63, 4, 67] },
    ],
  },
  {
    name: 'a local variable the method assigns once stands for its value(s), reported at the variable',
    code: [
      'def run',
      "  event = enabled? ? 'enable_x' : 'disable_x'",
      "  other = 'single_x'",
      '  twice = \'a_event\'',
      "  twice = 'b_event' if flag",
      '  track_internal_event(event, user: user)',
      '  track_internal_event(other)',
      '  track_internal_event(twice)',
      '  items.each { |item| track_internal_event(item) }',
      'end',
      'def elsewhere(other)',
      '  track_internal_event(other)',
      'end',
    ],
    sites: [
      { event: 'enable_x', dynamic: false, kind: 'ruby.track_internal_event', range: [5, 23, 5, 28], identifiers: ['user'] },
      { event: 'disable_x', dynamic: false, kind: 'ruby.track_internal_event', range: [5, 23, 5, 28], identifiers: ['user'] },
      { event: 'single_x', dynamic: false, kind: 'ruby.track_internal_event', range: [6, 23, 6, 28] },
      { event: null, kind: 'ruby.track_internal_event', range: [7, 23, 7, 28] },
      { event: null, kind: 'ruby.track_internal_event', range: [8, 43, 8, 47] },
      { event: null, kind: 'ruby.track_internal_event', range: [11, 23, 11, 28] },
    ],
  },
  {
    name: 'wrapper methods of the file: their calls name the events, the wrapper supplies the arguments',
    code: [
      'class RuleService',
      "  DELETE_EVENT = 'delete_rule'",
      '  def create(rule)',
      "    track_event('create_rule', rule)",
      '    track_event(DELETE_EVENT, rule)',
      '    track_event(*args)',
      "    log_event(name: 'kw_event', user: u)",
      '  end',
      '',
      '  private',
      '',
      '  def track_event(event_name, rule)',
      '    track_internal_event(event_name, **params_for(rule))',
      '  end',
      '',
      '  def log_event(name:, user:)',
      '    track_internal_event(name, user: user)',
      '  end',
      'end',
    ],
    sites: [
      { event: 'create_rule', kind: 'ruby.track_internal_event', range: [3, 16, 3, 29], nameRange: [3, 17, 3, 28], argsOpaque: true },
      { event: 'delete_rule', dynamic: false, kind: 'ruby.track_internal_event', range: [4, 16, 4, 28], argsOpaque: true },
      { event: 'kw_event', kind: 'ruby.track_internal_event', range: [6, 20, 6, 30], nameRange: [6, 21, 6, 29], identifiers: ['user'] },
      { event: null, kind: 'ruby.track_internal_event', range: [12, 25, 12, 35], argsOpaque: true },
      { event: null, kind: 'ruby.track_internal_event', range: [16, 25, 16, 29], identifiers: ['user'] },
    ],
  },
  {
    name: 'a file\'s own track_internal_event(event, author, container): calls go through it',
    code: [
      'module IssueCounter',
      "  ISSUE_ADDED = 'issue_added'",
      '  def track_issue_added(author:, project:)',
      '    track_internal_event(ISSUE_ADDED, author, project)',
      '  end',
      '',
      '  def track_internal_event(event_name, author, container)',
      '    Gitlab::InternalEvents.track_event(event_name, user: author, project: container, namespace: container.namespace)',
      '  end',
      'end',
    ],
    sites: [
      { event: 'issue_added', dynamic: false, kind: 'ruby.internal_events_track_event', range: [3, 25, 3, 36], identifiers: ['user', 'project', 'namespace'] },
      { event: null, kind: 'ruby.internal_events_track_event', range: [7, 39, 7, 49], identifiers: ['user', 'project', 'namespace'], argsRange: [7, 39, 7, 115] },
    ],
  },
  {
    name: 'built names keep their literal pieces as a pattern; constants of the file fill them in',
    code: [
      'class Widget',
      "  PREFIX = 'widget'",
      '  def run',
      '    track_internal_event("click_#{kind}_button")',
      '    track_internal_event("#{PREFIX}_saved")',
      "    track_internal_event('view_' + page + '_page')",
      "    Gitlab::InternalEvents.track_event(\"#{PREFIX}_#{action}_done\", user: u)",
      '    track_internal_event("#{a}_#{b}")',
      '    track_internal_event("Click #{x}")',
      '  end',
      'end',
    ],
    sites: [
      { event: null, kind: 'ruby.track_internal_event', range: [3, 25, 3, 47], namePattern: 'click_*_button' },
      { event: 'widget_saved', dynamic: false, kind: 'ruby.track_internal_event', range: [4, 25, 4, 42] },
      { event: null, kind: 'ruby.track_internal_event', range: [5, 25, 5, 49], namePattern: 'view_*_page' },
      { event: null, kind: 'ruby.internal_events_track_event', range: [6, 39, 6, 65], namePattern: 'widget_*_done', identifiers: ['user'] },
      { event: null, kind: 'ruby.track_internal_event', range: [7, 25, 7, 36] },
      { event: null, kind: 'ruby.track_internal_event', range: [8, 25, 8, 37] },
    ],
  },
  {
    name: 'opaque arguments: splats, variable hashes, non-literal additional_properties',
    code: [
      "track_internal_event('a', **opts)",
      "track_internal_event('b', user: u, additional_properties: props)",
      "track_internal_event('c', opts)",
      "track_internal_event('d', user: u, additional_properties: { label: 'x', **extra })",
      "track_internal_event('e', label: 'top', property: prop, value: 5, category: 'ignored')",
    ],
    sites: [
      { event: 'a', kind: 'ruby.track_internal_event', range: [0, 21, 0, 24], nameRange: [0, 22, 0, 23], argsOpaque: true },
      {
        event: 'b',
        kind: 'ruby.track_internal_event',
        range: [1, 21, 1, 24],
        nameRange: [1, 22, 1, 23],
        identifiers: ['user'],
        argsOpaque: true,
      },
      { event: 'c', kind: 'ruby.track_internal_event', range: [2, 21, 2, 24], nameRange: [2, 22, 2, 23], argsOpaque: true },
      {
        event: 'd',
        kind: 'ruby.track_internal_event',
        range: [3, 21, 3, 24],
        nameRange: [3, 22, 3, 23],
        identifiers: ['user'],
        properties: [{ key: 'label', valueType: 'string', range: [3, 60, 3, 65] }],
        argsOpaque: true,
        propertiesRange: [3, 58, 3, 81],
      },
      {
        event: 'e',
        kind: 'ruby.track_internal_event',
        range: [4, 21, 4, 24],
        nameRange: [4, 22, 4, 23],
        // label/property/value as top-level keywords (spec §4.1 feature flag)
        properties: [
          { key: 'label', valueType: 'string', range: [4, 26, 4, 31] },
          { key: 'property', valueType: 'dynamic', range: [4, 40, 4, 48] },
          { key: 'value', valueType: 'number', range: [4, 56, 4, 61] },
        ],
      },
    ],
  },
  {
    name: 'non-ASCII text before calls: UTF-16 columns',
    code: [
      '# Ünïcödé comment: 日本語 🎉',
      "y = '🎉'; track_internal_event('ünï_event', user: u)",
      'z = "日本語"; Gitlab::InternalEvents.track_event(\'e2\')',
    ],
    sites: [
      {
        event: 'ünï_event',
        kind: 'ruby.track_internal_event',
        range: [1, 31, 1, 42],
        nameRange: [1, 32, 1, 41],
        identifiers: ['user'],
        argsRange: [1, 31, 1, 51],
      },
      { event: 'e2', kind: 'ruby.internal_events_track_event', range: [2, 46, 2, 50], nameRange: [2, 47, 2, 49] },
    ],
  },
  {
    name: 'a syntax error in the middle: sites before and after it survive',
    code: [
      'class Foo',
      '  def a',
      "    track_internal_event('before_error')",
      '  end',
      '  def b',
      '    x = (1 +',
      '    if foo(]',
      '  end',
      '  def c',
      "    track_internal_event('after_error', user: u)",
      '  end',
      'end',
      "track_internal_event('at_end')",
    ],
    parseErrors: 'some',
    sites: [
      { event: 'before_error', kind: 'ruby.track_internal_event', range: [2, 25, 2, 39], nameRange: [2, 26, 2, 38] },
      {
        event: 'after_error',
        kind: 'ruby.track_internal_event',
        range: [9, 25, 9, 38],
        nameRange: [9, 26, 9, 37],
        identifiers: ['user'],
      },
      { event: 'at_end', kind: 'ruby.track_internal_event', range: [12, 21, 12, 29], nameRange: [12, 22, 12, 28] },
    ],
  },
  {
    name: 'half-typed calls at the end of the file',
    code: ['def x', "  track_internal_event('done')", '  track_internal_event(', "  track_internal_event('crea"],
    parseErrors: 'some',
    sites: [
      { event: 'done', kind: 'ruby.track_internal_event', range: [1, 23, 1, 29], nameRange: [1, 24, 1, 28] },
      // The parser reads the unclosed call as taking the next call as its argument: a dynamic name.
      { event: null, kind: 'ruby.track_internal_event', range: [3, 2, 3, 28], argsRange: [2, 23, 3, 28] },
      { event: 'crea', kind: 'ruby.track_internal_event', range: [3, 23, 3, 28], nameRange: [3, 24, 3, 28] },
    ],
  },
  {
    name: 'a call interpolated in a heredoc is real code',
    code: ['message = <<~TEXT', "  Sent: #{track_internal_event('in_heredoc')}", 'TEXT'],
    sites: [{ event: 'in_heredoc', kind: 'ruby.track_internal_event', range: [1, 31, 1, 43], nameRange: [1, 32, 1, 42] }],
  },
  {
    name: 'negatives: comments, =begin, strings, heredocs, other receivers, legacy APIs',
    path: 'app/services/negatives.rb',
    code: [
      "# track_internal_event('comment')",
      '=begin',
      "track_internal_event('begin_end')",
      '=end',
      'x = "track_internal_event(\'string\')"',
      "x2 = 'Gitlab::InternalEvents.track_event(\"single\")'",
      'y = <<~RUBY',
      "  track_internal_event('heredoc')",
      'RUBY',
      "obj.track_internal_event('receiver')",
      "obj&.track_internal_event('safe_nav')",
      "Gitlab::Tracking.event('category', 'action', label: 'l')",
      "Gitlab::UsageDataCounters::HLLRedisCounter.track_event('hll', values: 1)",
      "HLLRedisCounter.track_event('hll2', values: 1)",
      "Other::InternalEvents::Nested.track_event('nested')",
      "track_event('not_api')",
      "self.track_event('not_api_either')",
      'track_internal_event()',
      'track_internal_event(user: u)',
      "%w[track_internal_event('pct')]",
      "expect(x).to receive(:track_internal_event).with('mocked')",
    ],
    sites: [],
  },
];

describe('findRubyCallSites', () => {
  before(async () => {
    await initRubyParser();
    assert.equal(prismLoadError(), null, 'Prism must load for these tests');
  });

  it('initRubyParser is idempotent', async () => {
    const first = initRubyParser();
    const second = initRubyParser();
    assert.equal(first, second);
    assert.equal(initPrism(), first);
    await first;
  });

  for (const c of cases) {
    it(c.name, () => {
      const scan = findRubyCallSites(c.code.join('\n'), c.path ?? 'app/services/example.rb');
      if (c.parseErrors === 'some') assert.ok(scan.parseErrors > 0, 'expected parse errors');
      else assert.equal(scan.parseErrors, c.parseErrors ?? 0);
      assert.equal(
        scan.callSites.length,
        c.sites.length,
        `sites found: ${JSON.stringify(scan.callSites.map((s) => [s.kind, s.event, span(s.range)]))}`,
      );
      c.sites.forEach((expected, i) => checkSite(scan.callSites[i], expected, `${c.name} [${i}]`));
    });
  }

  it("a view helper's methods that pass a keyword parameter on as the event name", () => {
    const text = HELPER_SOURCE.join('\n');
    assert.deepEqual([...findRubyHelperPassThroughs(text, 'app/helpers/archive_helper.rb')].map(([m, k]) => [m, [...k]]), [['archive_button', ['tracking_event']]]);
    assert.deepEqual([...findRubyHelperPassThroughs(text, 'ee/app/helpers/ee/archive_helper.rb')].map(([m]) => m), ['archive_button']);
    assert.equal(findRubyHelperPassThroughs(text, 'app/components/archive_component.rb').size, 0);
  });

  it('the same line ending in CRLF gives the same columns', () => {
    const lf = findRubyCallSites("x = 1\ntrack_internal_event('e', user: u)\n", 'app/a.rb');
    const crlf = findRubyCallSites("x = 1\r\ntrack_internal_event('e', user: u)\r\n", 'app/a.rb');
    assert.deepEqual(crlf.callSites, lf.callSites);
    assert.deepEqual(span(lf.callSites[0].range), [1, 21, 1, 24]);
  });

  it('never throws: empty, binary-ish, pathological input', () => {
    const inputs = [
      '',
      '\u0000\u0001\u0002\uFFFD\uD800 track_internal_event(\u0000',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
      'track_internal_event(' + '['.repeat(5000),
      '('.repeat(3000) + "track_internal_event('deep')" + ')'.repeat(3000),
      'end\n'.repeat(500),
      "track_internal_event('e', additional_properties: { label: }",
    ];
    for (const text of inputs) {
      const scan = findRubyCallSites(text, 'app/x.rb');
      assert.ok(Array.isArray(scan.callSites));
      assert.equal(typeof scan.parseErrors, 'number');
    }
  });

  it('nesting deeper than Prism\'s stack allows is a parse error, and the parser recovers', () => {
    const nested = (depth: number): string =>
      'foo do\n'.repeat(depth) + "track_internal_event('deep')" + '\nend'.repeat(depth);
    assert.deepEqual(
      findRubyCallSites(nested(40), 'app/x.rb').callSites.map((s) => s.event),
      ['deep'],
    );
    const tooDeep = findRubyCallSites(nested(3000), 'app/x.rb');
    assert.deepEqual(tooDeep.callSites, []);
    assert.equal(tooDeep.parseErrors, 1);
    // Said on the file, where the budget was crossed (the 81st `do`), not as "no sites".
    assert.match(tooDeep.gaveUp?.message ?? '', /nests more than 80 levels deep.*not checked/);
    assert.equal(tooDeep.gaveUp?.offset, 'foo do\n'.length * 80 + 'foo '.length);
    const after = findRubyCallSites("class A\n  track_internal_event('after')\nend", 'app/x.rb');
    assert.deepEqual(
      after.callSites.map((s) => s.event),
      ['after'],
    );
  });

  it('a 3,000-line file: same sites with and without the subtree filter, and timing', () => {
    const big = generateLargeFile();
    assert.ok(big.split('\n').length >= 3000);
    const scan = findRubyCallSites(big, 'app/services/large.rb');
    assert.equal(scan.parseErrors, 0);
    assert.equal(scan.callSites.length, 50);
    assert.ok(scan.callSites.every((s) => s.event?.startsWith('large_event_') && s.properties.length === 3));

    // A heredoc turns the subtree filter off (see TokenFilter): results must not change, with
    // or without syntax errors.
    const heredoc = '\nSQL = <<~SQL\n  SELECT 1\nSQL\n';
    const unfiltered = findRubyCallSites(big + heredoc, 'app/services/large.rb');
    assert.deepEqual(unfiltered.callSites, scan.callSites);
    const broken = big.replace('def step_3', 'def step_3(((').replace('each_with_index do', 'each_with_index [');
    const brokenScan = findRubyCallSites(broken, 'app/services/large.rb');
    assert.ok(brokenScan.parseErrors > 0 && brokenScan.callSites.length > 40);
    assert.deepEqual(findRubyCallSites(broken + heredoc, 'app/services/large.rb').callSites, brokenScan.callSites);

    for (let i = 0; i < 5; i++) findRubyCallSites(big.replace('step_0', `warm_${i}`), 'app/services/large.rb');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const edited = big.replace('step_0', `edit_${i}`); // a fresh string, as after an edit
      const start = performance.now();
      findRubyCallSites(edited, 'app/services/large.rb');
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // Wall time on a shared machine: the minimum shows the cost itself, the median the noise.
    console.log(
      `      findRubyCallSites, ${big.split('\n').length} lines / ${scan.callSites.length} calls: ` +
        `min ${times[0].toFixed(1)} ms, median ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms ` +
        '(target < 30 ms)',
    );
  });
});

function checkSite(actual: CallSite, expected: ExpectedSite, label: string): void {
  assert.ok(actual, `${label}: missing`);
  assert.equal(actual.event, expected.event, `${label}: event`);
  assert.equal(actual.kind, expected.kind, `${label}: kind`);
  assert.equal(actual.dynamic, expected.dynamic ?? expected.event === null, `${label}: dynamic`);
  assert.equal(actual.refersTo, expected.refersTo ?? 'event', `${label}: refersTo`);
  assert.deepEqual(span(actual.range), expected.range, `${label}: range`);
  assert.deepEqual(actual.nameRange && span(actual.nameRange), expected.nameRange, `${label}: nameRange`);
  assert.deepEqual(actual.identifiers, expected.identifiers ?? [], `${label}: identifiers`);
  assert.equal(actual.argsOpaque, expected.argsOpaque ?? false, `${label}: argsOpaque`);
  assert.equal(actual.namePattern, expected.namePattern, `${label}: namePattern`);
  assert.deepEqual(actual.usedAt?.map(span), expected.usedAt, `${label}: usedAt`);
  const expectedProperties = expected.properties ?? [];
  assert.deepEqual(
    actual.properties.map((p) => [p.key, p.valueType]),
    expectedProperties.map((p) => [p.key, p.valueType]),
    `${label}: properties`,
  );
  expectedProperties.forEach((p, i) => {
    if (p.range) assert.deepEqual(span(actual.properties[i].range), p.range, `${label}: range of property ${p.key}`);
  });
  if (expected.argsRange) {
    assert.deepEqual(actual.argsRange && span(actual.argsRange), expected.argsRange, `${label}: argsRange`);
  }
  if (expected.propertiesRange) {
    assert.deepEqual(
      actual.propertiesRange && span(actual.propertiesRange),
      expected.propertiesRange,
      `${label}: propertiesRange`,
    );
  }
}

/** About 3,000 lines of ordinary service code with 50 tracking calls (constants as names). */
function generateLargeFile(): string {
  const out = ['# frozen_string_literal: true', '', 'module Analytics'];
  let calls = 0;
  for (let c = 0; out.length < 2990; c++) {
    out.push(`  class Service${c} < BaseService`, `    EVENT_${c} = 'large_event_${c}'.freeze`, '');
    for (let m = 0; m < 8; m++) {
      out.push(
        `    # Performs step ${m} of the workflow for the given project.`,
        `    def step_${m}(project, user, params = {})`,
        "      return ServiceResponse.error(message: 'not allowed') unless can?(user, :admin_project, project)",
        '',
        '      records = project.items.where(state: params[:state]).order(created_at: :desc).limit(100)',
        '      records.each_with_index do |record, index|',
        '        next if record.archived? || index > 50',
        '        record.update!(title: "#{record.title} (#{index})", updated_by: user)',
        '      end',
        '',
      );
      if ((c * 8 + m) % 4 === 0 && calls < 50) {
        calls++;
        out.push(
          '      track_internal_event(',
          `        EVENT_${c},`,
          '        user: user,',
          '        project: project,',
          `        additional_properties: { label: params[:label], property: 'step_${m}', value: records.size }`,
          '      )',
        );
      }
      out.push('      ServiceResponse.success(payload: { records: records })', '    end', '');
    }
    out.push('  end', '');
  }
  out.push('end');
  return out.join('\n');
}
