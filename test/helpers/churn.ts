// The churn sequence of issue 15: seeded editor and git operations (file and folder deletes and
// renames, git-like batches, editor tabs opened, edited, closed and orphaned, duplicate actions,
// removed metrics, schema edits) on a real tree, told to an `Editor`: the index's update API in
// process (test/unit/index-churn.test.ts) or the built server over LSP
// (test/protocol/churn.test.ts). At checkpoints the tabs are closed and what the editor shows must
// equal a fresh load of the same tree.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventYaml, metricYaml, REPO_ROOT } from './workspace';
import { freshLines } from './publishedView';
import { mulberry32 } from './prng.mjs';

/** What an editor hears of the operations, and what it shows. */
export interface Editor {
  root: string;
  /** A watched-file event, as VS Code sends it (one for a folder). */
  fileEvent(rel: string, type: 'created' | 'changed' | 'deleted'): void | Promise<void>;
  /** A tab's text (opened or typed in); undefined when it is closed. */
  tab(rel: string, text: string | undefined): void | Promise<void>;
  /** Every problem shown, as "file:line:column code message", sorted. */
  shown(): Promise<string[]>;
  /** What a fresh load shows, in the same form (default: a fresh index of root). */
  fresh?(): Promise<string[]>;
}

export const ACTIONS = ['click_a', 'click_b', 'view_c', 'open_d', 'close_e', 'save_f'];
const SCHEMA = fs.readFileSync(path.join(REPO_ROOT, 'schemas/config/events/schema.json'), 'utf8');
const SERVICE_DIRS = ['app/services/a', 'app/services/b', 'app/services/c/deep', 'ee/app/services/d'];

export function generator(random: () => number) {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const event = () => {
    const action = pick(ACTIONS);
    const colour = random() < 0.5 ? '\n  colour:\n    description: c' : '';
    return { rel: `${pick(['config/events', 'ee/config/events'])}/${action}${random() < 0.3 ? '_copy' : ''}.yml`, text: eventYaml(action, { additional_properties: `additional_properties:\n  label:\n    description: l${colour}` }) };
  };
  const metric = () => {
    const [folder, frame] = pick([['config/metrics/counts_7d', '7d'], ['ee/config/metrics/counts_28d', '28d']]);
    const n = Math.floor(random() * 6);
    const removed = random() < 0.3 ? { status: "status: removed\nremoved_by_url: https://x.test/1\nmilestone_removed: '17.9'" } : {};
    const filter = random() < 0.6 ? '\n  filter:\n    colour: red' : '';
    return { rel: `${folder}/m${n}.yml`, text: metricYaml(`counts.m${n}_${frame}`, `- name: ${pick(ACTIONS)}${filter}`, { time_frame: `time_frame: ${frame}`, ...removed }) };
  };
  const ruby = () => {
    const call = random() < 0.2 ? 'Gitlab::Counter::EVENT' : `'${pick([...ACTIONS, 'nope'])}'`;
    return { rel: `${pick(SERVICE_DIRS)}/s${Math.floor(random() * 4)}.rb`, text: `class S\n  def run\n    track_internal_event(${call}, user: user, additional_properties: { colour: 'x' })\n  end\nend\n` };
  };
  const constant = () => ({ rel: pick(['lib/gitlab/counter.rb', 'ee/lib/gitlab/counter.rb']), text: `module Gitlab\n  module Counter\n    EVENT = '${pick(ACTIONS)}'\n  end\nend\n` });
  const schema = () => ({ rel: 'config/events/schema.json', text: random() < 0.5 ? '{ broken' : SCHEMA });
  return { pick, any: () => pick([event, event, metric, metric, ruby, ruby, constant, schema])() };
}

/** The tree the sequence starts from (40 files drawn by the same generator). */
export function seedTree(seed: number): Record<string, string> {
  const gen = generator(mulberry32(seed));
  const files: Record<string, string> = { 'config/events/schema.json': SCHEMA };
  for (let i = 0; i < 40; i++) {
    const f = gen.any();
    files[f.rel] = f.text;
  }
  return files;
}

/** Runs `ops` operations on the editor's tree; returns the checkpoints passed and files left. */
export async function churn(seed: number, ops: number, checkpointCount: number, editor: Editor): Promise<{ checkpoints: number; files: number }> {
  // The seed tree took the sequence's first draws; the operations go on from there.
  const random = mulberry32(seed);
  const gen = generator(random);
  for (let i = 0; i < 40; i++) gen.any();
  const abs = (rel: string) => path.join(editor.root, rel);
  const onDisk = () => {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(abs(dir))) {
        const rel = dir ? `${dir}/${name}` : name;
        if (fs.statSync(abs(rel)).isDirectory()) walk(rel);
        else out.push(rel);
      }
    };
    walk('');
    return out;
  };
  const folders = () => [...new Set(onDisk().map((f) => path.posix.dirname(f)).filter((d) => d !== '.'))];
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.writeFileSync(abs(rel), text);
  };
  const open = new Set<string>();
  const log: string[] = [];
  let checkpoints = 0;
  /** One operation; some find nothing to act on (no tab open) and do nothing. */
  const operate = async (op: number): Promise<void> => {
    const r = random();
    if (r < 0.35) {
      const f = gen.any();
      const existed = fs.existsSync(abs(f.rel));
      write(f.rel, f.text);
      log.push(`write ${f.rel}`);
      await editor.fileEvent(f.rel, existed ? 'changed' : 'created');
    } else if (r < 0.45) {
      const files = onDisk();
      if (!files.length) return;
      const rel = gen.pick(files);
      fs.rmSync(abs(rel));
      log.push(`rm ${rel}`);
      await editor.fileEvent(rel, 'deleted');
    } else if (r < 0.52) {
      const dirs = folders();
      if (!dirs.length) return;
      const dir = gen.pick(dirs);
      fs.rmSync(abs(dir), { recursive: true, force: true });
      log.push(`rm -rf ${dir}`);
      await editor.fileEvent(dir, 'deleted');
    } else if (r < 0.59) {
      const dirs = folders().filter((d) => !d.includes('/config/') && !d.startsWith('config/'));
      if (!dirs.length) return;
      const from = gen.pick(dirs);
      const to = `${path.posix.dirname(from)}/moved_${op}`;
      fs.renameSync(abs(from), abs(to));
      log.push(`git mv ${from} ${to}`);
      await editor.fileEvent(from, 'deleted');
      await editor.fileEvent(to, 'created');
    } else if (r < 0.7) {
      // A git checkout: several files change on disk, then their events arrive together.
      const batch: { rel: string; existed: boolean }[] = [];
      for (let i = 0; i < 2 + Math.floor(random() * 5); i++) {
        const files = onDisk();
        if (random() < 0.3 && files.length) {
          const rel = gen.pick(files);
          fs.rmSync(abs(rel));
          batch.push({ rel, existed: true });
        } else {
          const f = gen.any();
          batch.push({ rel: f.rel, existed: fs.existsSync(abs(f.rel)) });
          write(f.rel, f.text);
        }
      }
      log.push(`checkout ${batch.map((b) => b.rel).join(' ')}`);
      for (const b of batch) await editor.fileEvent(b.rel, !fs.existsSync(abs(b.rel)) ? 'deleted' : b.existed ? 'changed' : 'created');
    } else if (r < 0.8) {
      const files = onDisk().filter((f) => !open.has(f));
      if (!files.length) return;
      const rel = gen.pick(files);
      open.add(rel);
      log.push(`open ${rel}`);
      await editor.tab(rel, fs.readFileSync(abs(rel), 'utf8'));
    } else if (r < 0.92) {
      if (!open.size) return;
      const rel = gen.pick([...open]);
      const f = gen.any();
      const text = path.extname(f.rel) === path.extname(rel) ? f.text : `${fs.existsSync(abs(rel)) ? fs.readFileSync(abs(rel), 'utf8') : ''}\n`;
      log.push(`type in ${rel}`);
      await editor.tab(rel, text);
      if (random() < 0.4 && fs.existsSync(path.dirname(abs(rel)))) {
        const existed = fs.existsSync(abs(rel));
        write(rel, text); // Save
        log.push(`save ${rel}`);
        await editor.fileEvent(rel, existed ? 'changed' : 'created');
      }
    } else {
      if (!open.size) return;
      const rel = gen.pick([...open]);
      open.delete(rel);
      log.push(`close ${rel}`);
      await editor.tab(rel, undefined);
    }
  };
  for (let op = 1; op <= ops; op++) {
    await operate(op);
    if (op % Math.ceil(ops / checkpointCount) === 0 || op === ops) {
      // A fresh load has no editor: the tabs are closed first (unsaved text is thrown away).
      for (const rel of open) await editor.tab(rel, undefined);
      open.clear();
      const fresh = editor.fresh ? await editor.fresh() : await freshLines(editor.root);
      const shown = await editor.shown();
      const only = (a: string[], b: string[]) => a.filter((line) => !b.includes(line));
      const drift = [...only(shown, fresh).map((l) => `shown, not fresh: ${l}`), ...only(fresh, shown).map((l) => `fresh, not shown: ${l}`)];
      assert.deepEqual(shown, fresh, `seed ${seed}, after operation ${op}; last operations:\n${log.slice(process.env.CHURN_FULL_LOG ? 0 : -15).join('\n')}\n${drift.join('\n')}`);
      checkpoints++;
    }
  }
  return { checkpoints, files: onDisk().length };
}
