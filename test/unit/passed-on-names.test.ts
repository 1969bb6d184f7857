// Event names templates hand to partials (`render 'shared/x', tracking_event: 'e'`) and to view
// helpers (`archive_button(tracking_event: 'e')`), seen through the index: the template's literal is
// the call site (linked, checked, renamed, counted as use), the partial's and helper's own
// pass-through is not a call, and every change to a partial or helper re-resolves its callers to
// what a fresh index says.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { at, eventYaml, freshIndexOf, indexState, indexTree } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { applyReplacements } from '../../server/src/core/authoring/index';
import { renameEvent } from '../../server/src/core/authoring/rename';
import { hover } from '../../server/src/core/features/hover';
import { definition } from '../../server/src/core/features/navigation';
import { complete } from '../../server/src/core/features/completion';

const EV = (a: string) => `config/events/${a}.yml`;
const PARTIAL = 'app/views/shared/groups_projects/settings/_restore.html.haml';
const PARTIAL_SOURCE = [
  '- return unless context.marked_for_deletion?',
  "= render Pajamas::ButtonComponent.new(variant: :confirm, button_options: { data: { event_tracking: tracking_event, event_label: 'settings' } }) do",
  "  = _('Restore')",
  '',
].join('\n');
const GROUP_VIEW = 'app/views/groups/settings/_advanced.html.haml';
const GROUP_VIEW_SOURCE = [
  '%section',
  "  = render 'shared/groups_projects/settings/restore', context: @group, tracking_event: 'trigger_restore_on_group'",
  "  = render partial: 'shared/groups_projects/settings/restore', locals: { context: @group, tracking_event: 'trigger_restore_on_grup' }",
  "  = archive_button(tracking_event: 'click_archive_button', title: 'x')",
  '',
].join('\n');
const PROJECT_VIEW = 'ee/app/views/projects/settings/edit.html.haml';
const PROJECT_VIEW_SOURCE = "= render 'shared/groups_projects/settings/restore', context: @project, tracking_event: 'trigger_restore_on_project'\n";
const HELPER = 'app/helpers/archive_helper.rb';
const HELPER_SOURCE = [
  'module ArchiveHelper',
  '  def archive_button(tracking_event:, title: nil)',
  "    render Pajamas::ButtonComponent.new(button_options: { data: { event_tracking: tracking_event, event_label: 'archive' } }) { title }",
  '  end',
  'end',
  '',
].join('\n');

function workspace(): Record<string, string> {
  return {
    [EV('trigger_restore_on_group')]: eventYaml('trigger_restore_on_group'),
    [EV('trigger_restore_on_project')]: eventYaml('trigger_restore_on_project'),
    [EV('click_archive_button')]: eventYaml('click_archive_button'),
    [PARTIAL]: PARTIAL_SOURCE,
    [GROUP_VIEW]: GROUP_VIEW_SOURCE,
    [PROJECT_VIEW]: PROJECT_VIEW_SOURCE,
    [HELPER]: HELPER_SOURCE,
  };
}

/** Every call site of the index, as comparable text. */
function sitesOf(index: ProjectIndex): string[] {
  return index
    .callSites()
    .map(({ file, site }) => `${file}:${site.range.start.line}:${site.range.start.character} ${site.kind} ${site.event} ${site.passedOn?.target ?? ''}`)
    .sort();
}

describe('names handed to partials and helpers, in the index', function () {
  this.timeout(30000);

  it("the template's literal is the site: linked, checked, its event not unused; the partial's local is no call", async () => {
    const index = await indexTree(workspace());
    assert.deepEqual(sitesOf(index), [
      `${GROUP_VIEW}:1:87 haml.partial_local trigger_restore_on_group ${PARTIAL}`,
      `${GROUP_VIEW}:2:106 haml.partial_local trigger_restore_on_grup ${PARTIAL}`,
      `${GROUP_VIEW}:3:35 haml.helper_argument click_archive_button ${HELPER}`,
      `${PROJECT_VIEW}:0:87 haml.partial_local trigger_restore_on_project ${PARTIAL}`,
    ]);
    const typo = index.diagnostics(GROUP_VIEW).filter((d) => d.code === 'unknown-event');
    assert.deepEqual(typo.map((d) => [d.range.start.line, d.range.start.character]), [[2, 106]]);
    assert.match(typo[0].message, /Did you mean 'trigger_restore_on_group'/);
    for (const event of ['trigger_restore_on_group', 'trigger_restore_on_project', 'click_archive_button']) {
      assert.deepEqual(at(index.diagnostics(EV(event)), 'unused-event'), [], event);
    }
    assert.deepEqual(index.callSitesIn(PARTIAL), [], 'the pass-through is not a dynamic call');
    assert.deepEqual(index.callSitesIn(HELPER), [], "the helper's pass-through is not a dynamic call either");
    const shown = hover(index, GROUP_VIEW, GROUP_VIEW_SOURCE, { line: 1, character: 95 })!.markdown;
    assert.match(shown, /\*\*trigger_restore_on_group\*\*/);
    assert.match(shown, /Passed as `tracking_event` to the partial `app\/views\/shared\/groups_projects\/settings\/_restore\.html\.haml`/);
    assert.deepEqual(definition(index, GROUP_VIEW, GROUP_VIEW_SOURCE, { line: 3, character: 40 }).map((l) => l.file), [EV('click_archive_button')]);
  });

  it('event names are completed in the local the partial passes on, and only there', async () => {
    const index = await indexTree(workspace());
    const typing = GROUP_VIEW_SOURCE.replace("'trigger_restore_on_group'", "'trigger_res'");
    const labels = (character: number, line = 1) => complete(index, GROUP_VIEW, typing, { line, character }).map((c) => c.label);
    assert.ok(labels(97).includes('trigger_restore_on_project'), labels(97).join(', '));
    assert.deepEqual(labels(24, 3).filter((l) => l.startsWith('trigger_')), [], 'not in the helper name');
  });

  it('rename edits the literal in the render call and the helper call', async () => {
    const index = await indexTree(workspace());
    for (const [oldName, newName, file, line] of [
      ['trigger_restore_on_group', 'restore_group_clicked', GROUP_VIEW, 1],
      ['click_archive_button', 'archive_clicked', GROUP_VIEW, 3],
    ] as const) {
      const result = renameEvent(index, oldName, newName, () => false);
      assert.ok('changes' in result, JSON.stringify(result));
      const edit = result.changes.find((c) => c.kind === 'edit' && c.path === file);
      assert.ok(edit?.kind === 'edit');
      assert.match(applyReplacements(GROUP_VIEW_SOURCE, edit.edits).split('\n')[line], new RegExp(`tracking_event: '${newName}'`));
    }
  });

  it('a render of a partial that does not pass the local on, or does not exist, is no site', async () => {
    const index = await indexTree({
      ...workspace(),
      [PARTIAL]: "%a{ data: { event_tracking: 'fixed_event' } }\n",
      'app/views/groups/show.html.haml': "= render 'missing_partial', tracking_event: 'nowhere_event'\n",
    });
    assert.deepEqual(sitesOf(index).filter((s) => s.includes('partial_local')), []);
    assert.deepEqual(at(index.diagnostics(GROUP_VIEW), 'unknown-event'), []);
    assert.deepEqual(at(index.diagnostics(EV('trigger_restore_on_group')), 'unused-event'), [4]);
  });

  it("a bare partial name is looked up in the template's own folder; the partial may read the local through local_assigns", async () => {
    const sibling = 'app/views/shared/groups_projects/settings/_panel.html.haml';
    const index = await indexTree({
      ...workspace(),
      [PARTIAL]: "%button{ data: { event_tracking: local_assigns.fetch(:tracking_event, nil) } }\n",
      [sibling]: "= render 'restore', tracking_event: 'trigger_restore_on_project'\n",
      'app/views/projects/other.html.haml': "= render 'restore', tracking_event: 'trigger_restore_on_group'\n",
    });
    const viaSibling = index.callSitesIn(sibling);
    assert.deepEqual(viaSibling.map((s) => [s.event, s.passedOn?.target]), [['trigger_restore_on_project', PARTIAL]]);
    assert.deepEqual(index.callSitesIn('app/views/projects/other.html.haml'), [], 'no _restore partial in app/views/projects');
    assert.deepEqual(index.callSitesIn(PARTIAL), [], 'the partial reads what it is given: no call of its own');
  });

  it('the EE partial, when there is one, is the one rendered', async () => {
    const ee = 'ee/app/views/shared/groups_projects/settings/_restore.html.haml';
    const index = await indexTree({ ...workspace(), [ee]: "%p EE restore without tracking\n" });
    assert.deepEqual(sitesOf(index).filter((s) => s.includes('partial_local')), []);
  });

  it('edits to the partial and the helper re-resolve the callers, and equal a fresh index after each', async () => {
    const index = await indexTree(workspace());
    const root = index.root;
    const write = (rel: string, text: string | undefined): Set<string> => {
      const abs = path.join(root, rel);
      if (text === undefined) fs.rmSync(abs);
      else {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, text);
      }
      return index.update(rel);
    };
    // `unused`: the events reported unused after the step (only the partial or helper tracks them).
    const steps: Array<{ name: string; run: () => Set<string>; affects: string[]; sites: number; unused: string[] }> = [
      { name: 'the partial stops passing the local on', run: () => write(PARTIAL, PARTIAL_SOURCE.replace('event_tracking: tracking_event', "event_tracking: 'fixed'")), affects: [GROUP_VIEW, PROJECT_VIEW, EV('trigger_restore_on_group'), EV('trigger_restore_on_project')], sites: 2, unused: ['trigger_restore_on_group', 'trigger_restore_on_project'] },
      { name: 'it passes it on again (unsaved, in the editor)', run: () => index.setOverlay(PARTIAL, PARTIAL_SOURCE), affects: [GROUP_VIEW, PROJECT_VIEW, EV('trigger_restore_on_project')], sites: 4, unused: [] },
      { name: 'the editor closes it: back to the disk', run: () => index.setOverlay(PARTIAL, undefined), affects: [GROUP_VIEW, PROJECT_VIEW], sites: 2, unused: ['trigger_restore_on_group', 'trigger_restore_on_project'] },
      { name: 'the partial is deleted', run: () => write(PARTIAL, undefined), affects: [GROUP_VIEW, PROJECT_VIEW], sites: 1, unused: ['trigger_restore_on_group', 'trigger_restore_on_project'] },
      { name: 'it is created again', run: () => write(PARTIAL, PARTIAL_SOURCE), affects: [GROUP_VIEW, PROJECT_VIEW, EV('trigger_restore_on_project')], sites: 4, unused: [] },
      { name: 'the helper loses the keyword', run: () => write(HELPER, HELPER_SOURCE.replace(/tracking_event/g, 'event_name')), affects: [GROUP_VIEW, EV('click_archive_button')], sites: 3, unused: ['click_archive_button'] },
      { name: 'the helper is deleted', run: () => write(HELPER, undefined), affects: [GROUP_VIEW], sites: 3, unused: ['click_archive_button'] },
      { name: 'the helper is defined in another helper file', run: () => write('ee/app/helpers/ee/archive_helper.rb', HELPER_SOURCE), affects: [GROUP_VIEW, EV('click_archive_button')], sites: 4, unused: [] },
    ];
    const unusedEvents = () => ['trigger_restore_on_group', 'trigger_restore_on_project', 'click_archive_button'].filter((e) => at(index.diagnostics(EV(e)), 'unused-event').length);
    for (const step of steps) {
      const affected = step.run();
      for (const f of step.affects) assert.ok(affected.has(f), `${step.name}: ${f} re-checked (${[...affected].join(', ')})`);
      assert.equal(sitesOf(index).length, step.sites, `${step.name}: ${sitesOf(index).join('\n')}`);
      assert.deepEqual(unusedEvents(), step.unused, `${step.name}: unused events`);
      // Sites and every file's diagnostics (unused-event, unknown-event) as a fresh index has them.
      if (!index.hasOverlay(PARTIAL)) assert.deepEqual(indexState(index), indexState(await freshIndexOf(root)), `${step.name}: equals a fresh index`);
    }
  });
});
