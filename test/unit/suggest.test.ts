// "Did you mean": a table of names and what they suggest. A wrong hint is worse than none.
import { strict as assert } from 'node:assert';
import { didYouMean, editDistance, editDistanceWithin, normalizedSlug } from '../../server/src/core/suggest';

const EVENTS = [
  'click_button',
  'g_project_management_issue_created',
  'g_project_management_issue_title_changed',
  'view_merge_request',
  'approve_merge_request',
];

const cases: Array<[name: string, candidates: string[], expected: string[]]> = [
  ['click_buton', EVENTS, ['click_button']],
  ['g_project_management_issue_craeted', EVENTS, ['g_project_management_issue_created']],
  ['view_merge_requests', EVENTS, ['view_merge_request']],
  // Long shared prefixes: the differing words have nothing in common.
  ['g_project_management_issue_label_changed', EVENTS, []],
  ['g_project_management_issue_closed', EVENTS, []],
  // Keys: close spellings yes, other words no.
  ['descripton', ['description', 'distribution'], ['description']],
  ['distribution', ['description'], []],
  ['tier', ['tiers', 'time_frame'], ['tiers']],
];

describe('didYouMean', () => {
  for (const [name, candidates, expected] of cases) {
    it(`${name} → ${expected.join(', ') || 'no hint'}`, () => assert.deepEqual(didYouMean(name, candidates), expected));
  }

  it('normalizedSlug reads group:: spellings as the slug they mean', () => {
    assert.equal(normalizedSlug('group::code review'), 'code_review');
    assert.equal(normalizedSlug('Source-Code'), 'source_code');
  });
});

describe('editDistanceWithin', () => {
  it('equals editDistance up to the bound, and says "more" beyond it', () => {
    const words = ['click_button', 'click_buton', 'clack_button', 'view_page', 'g_project_management_issue_created', 'g_project_management_issue_title_changed', '', 'a', 'tiers', 'tier', 'kitten', 'sitting'];
    for (const a of words) {
      for (const b of words) {
        const d = editDistance(a, b);
        for (const max of [0, 1, 2, 3, 5, 10]) assert.equal(editDistanceWithin(a, b, max), Math.min(d, max + 1), `${a} ~ ${b} within ${max}`);
      }
    }
  });
});
