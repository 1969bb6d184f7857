// Product group guessed for a new event from the code around the call: one table, nearest
// evidence first (folder, CE/EE mirror, parent tree with a majority, feature_category).
import { strict as assert } from 'node:assert';
import { eventYaml, indexTree } from '../helpers/workspace';
import { guessOwnership } from '../../server/src/core/authoring/guessOwnership';

function owned(action: string, group: string, category: string): Record<string, string> {
  return { [`config/events/${action}.yml`]: eventYaml(action, { product_group: `product_group: ${group}`, product_categories: `product_categories:\n- ${category}` }) };
}

const EVENTS = {
  ...owned('alpha_one', 'group_alpha', 'cat_alpha'),
  ...owned('alpha_two', 'group_alpha', 'cat_alpha'),
  ...owned('beta_one', 'group_beta', 'cat_beta'),
  ...owned('gamma_one', 'group_gamma', 'cat_gamma'),
};

const call = (event: string) => `track_internal_event('${event}')\n`;

interface Case {
  name: string;
  files: Record<string, string>;
  caller: string;
  callerText?: string;
  group: string | undefined;
  categories: string[];
  /** The reason the guess gives (issue 11.5: a guess says why). */
  reason?: string;
}

const cases: Case[] = [
  {
    name: 'the caller folder: the most common group there',
    files: { 'app/services/x/a.rb': call('alpha_one'), 'app/services/x/b.rb': call('alpha_two'), 'app/services/x/c.rb': call('beta_one') },
    caller: 'app/services/x/new.rb',
    group: 'group_alpha',
    categories: ['cat_alpha'],
    reason: "2 of 3 events tracked in app/services/x/ and ee/app/services/x/ are group_alpha's",
  },
  {
    name: 'EE code: its CE mirror folder',
    files: { 'app/services/x/a.rb': call('beta_one') },
    caller: 'ee/app/services/x/new.rb',
    group: 'group_beta',
    categories: ['cat_beta'],
  },
  {
    name: 'CE code: its EE mirror folder',
    files: { 'ee/app/services/x/a.rb': call('gamma_one') },
    caller: 'app/services/x/new.rb',
    group: 'group_gamma',
    categories: ['cat_gamma'],
  },
  {
    name: 'the parent tree, when one group holds a majority there',
    files: { 'app/services/x/one/a.rb': call('alpha_one'), 'app/services/x/two/b.rb': call('alpha_two'), 'app/services/x/c.rb': call('beta_one') },
    caller: 'app/services/x/three/new.rb',
    group: 'group_alpha',
    categories: ['cat_alpha'],
    reason: "2 of 3 events tracked under app/services/x/ and ee/app/services/x/ are group_alpha's",
  },
  {
    // Issue 11.5: a widgets service beside ci/ and merge_trains/ got pipeline_execution.
    name: 'a layer root (app/services) is no evidence for a new feature folder in it',
    files: { 'app/services/ci/a.rb': call('alpha_one'), 'ee/app/services/merge_trains/b.rb': call('alpha_two'), 'app/services/merge_requests/c.rb': call('beta_one') },
    caller: 'app/services/widgets/new.rb',
    group: undefined,
    categories: [],
  },
  {
    name: 'an event whose group is itself a guess, or a TODO, is no evidence',
    files: {
      ...owned('guessed_one', 'group_beta # guessed: nearby', 'cat_beta'),
      ...owned('todo_one', 'TODO', 'cat_beta'),
      'app/services/x/a.rb': call('guessed_one'),
      'app/services/x/b.rb': call('todo_one'),
    },
    caller: 'app/services/x/new.rb',
    group: undefined,
    categories: [],
  },
  {
    name: 'the parent tree without a majority: no guess',
    files: { 'app/services/x/one/a.rb': call('alpha_one'), 'app/services/x/two/b.rb': call('beta_one'), 'app/services/x/c.rb': call('gamma_one') },
    caller: 'app/services/x/three/new.rb',
    group: undefined,
    categories: [],
  },
  {
    name: 'the parent tree split half and half: no guess',
    files: { 'app/services/x/one/a.rb': call('alpha_one'), 'app/services/x/two/b.rb': call('beta_one') },
    caller: 'app/services/x/three/new.rb',
    group: undefined,
    categories: [],
  },
  {
    name: 'feature_category of the class: the group most events in that category have',
    files: {},
    caller: 'app/controllers/things_controller.rb',
    callerText: 'class ThingsController < ApplicationController\n  feature_category :cat_alpha\nend\n',
    group: 'group_alpha',
    categories: ['cat_alpha'],
    reason: "the class's feature_category is cat_alpha, and 2 of 2 events in it are group_alpha's",
  },
  {
    name: 'a feature_category no event has: the category alone',
    files: {},
    caller: 'app/controllers/things_controller.rb',
    callerText: 'class ThingsController\n  feature_category :cat_unknown\nend\n',
    group: undefined,
    categories: ['cat_unknown'],
  },
  {
    name: 'nothing nearby: no guess (the definition gets a TODO)',
    files: { 'lib/far/away.rb': call('alpha_one') },
    caller: 'app/services/x/new.rb',
    group: undefined,
    categories: [],
  },
  {
    name: 'the new event itself is not evidence',
    files: { 'app/services/x/a.rb': call('alpha_one') },
    caller: 'app/services/x/new.rb',
    callerText: call('alpha_one'),
    group: undefined,
    categories: [],
  },
];

describe('authoring: product group guessed for a new event', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const index = await indexTree({ ...EVENTS, ...c.files });
      const exclude = c.name.startsWith('the new event itself') ? 'alpha_one' : 'new_event';
      const got = guessOwnership(index, c.caller, c.callerText ?? '', exclude);
      assert.deepEqual({ group: got.productGroup, categories: got.productCategories }, { group: c.group, categories: c.categories });
      if (c.reason) assert.equal(got.reason, c.reason);
      assert.equal(got.reason === undefined, got.productGroup === undefined, 'every guessed group has a reason');
    });
  }
});
