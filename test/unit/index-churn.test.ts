// Issue 15's churn test: a seeded sequence of editor and git operations (file and folder deletes
// and renames, git-like batches, editor tabs opened, edited, closed and orphaned, duplicate
// actions, removed metrics, schema edits) applied through the index's update API the server uses
// (updatePath, setOverlay), with what the editor shows compared with a fresh load of the same
// tree at several checkpoints. `npm run churn -- --seed N --ops N` runs a longer one.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexTree, eventYaml, metricYaml, REPO_ROOT } from '../helpers/workspace';
import { PublishedView, freshLines } from '../helpers/publishedView';
import { mulberry32 } from '../helpers/prng.mjs';

const SEED = Number(process.env.CHURN_SEED ?? 15);
const OPS = Number(process.env.CHURN_OPS ?? 300);
const CHECKPOINTS = 6;

const ACTIONS = ['click_a', 'click_b', 'view_c', 'open_d', 'close_e', 'save_f'];
const SCHEMA = fs.readFileSync(path.join(REPO_ROOT, 'schemas/config/events/schema.json'), 'utf8');
const SERVICE_DIRS = ['app/services/a', 'app/services/b', 'app/services/c/deep', 'ee/app/services/d'];

function generator(random: () => number) {
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

async function churn(seed: number, ops: number): Promise<{ checkpoints: number; files: number }> {
  const random = mulberry32(seed);
  const gen = generator(random);
  const seedFiles: Record<string, string> = { 'config/events/schema.json': SCHEMA };
  for (let i = 0; i < 40; i++) {
    const f = gen.any();
    seedFiles[f.rel] = f.text;
  }
  const index = await indexTree(seedFiles);
  const view = new PublishedView(index);
  const abs = (rel: string) => path.join(index.root, rel);
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
  /** The server's watched-file handling (server.ts): Changed events of open files are skipped. */
  const event = (rel: string, changed = false) => {
    if (changed && index.hasOverlay(rel)) return;
    view.publish(index.updatePath(rel));
  };
  const open = new Set<string>();
  const log: string[] = [];
  let checkpoints = 0;
  for (let op = 1; op <= ops; op++) {
    const r = random();
    if (r < 0.35) {
      const f = gen.any();
      const existed = fs.existsSync(abs(f.rel));
      write(f.rel, f.text);
      log.push(`write ${f.rel}`);
      event(f.rel, existed);
    } else if (r < 0.45) {
      const files = onDisk();
      if (!files.length) continue;
      const rel = gen.pick(files);
      fs.rmSync(abs(rel));
      log.push(`rm ${rel}`);
      event(rel);
    } else if (r < 0.52) {
      const dirs = folders();
      if (!dirs.length) continue;
      const dir = gen.pick(dirs);
      fs.rmSync(abs(dir), { recursive: true, force: true });
      log.push(`rm -rf ${dir}`);
      event(dir);
    } else if (r < 0.59) {
      const dirs = folders().filter((d) => !d.includes('/config/') && !d.startsWith('config/'));
      if (!dirs.length) continue;
      const from = gen.pick(dirs);
      const to = `${path.posix.dirname(from)}/moved_${op}`;
      fs.renameSync(abs(from), abs(to));
      log.push(`git mv ${from} ${to}`);
      event(from);
      event(to);
    } else if (r < 0.7) {
      // A git checkout: several files change on disk, then their events arrive together.
      const batch: { rel: string; changed: boolean }[] = [];
      for (let i = 0; i < 2 + Math.floor(random() * 5); i++) {
        const files = onDisk();
        if (random() < 0.3 && files.length) {
          const rel = gen.pick(files);
          fs.rmSync(abs(rel));
          batch.push({ rel, changed: false });
        } else {
          const f = gen.any();
          batch.push({ rel: f.rel, changed: fs.existsSync(abs(f.rel)) });
          write(f.rel, f.text);
        }
      }
      log.push(`checkout ${batch.map((b) => b.rel).join(' ')}`);
      for (const b of batch) event(b.rel, b.changed && fs.existsSync(abs(b.rel)));
    } else if (r < 0.8) {
      const files = onDisk().filter((f) => !open.has(f));
      if (!files.length) continue;
      const rel = gen.pick(files);
      open.add(rel);
      log.push(`open ${rel}`);
      view.publish(index.setOverlay(rel, fs.readFileSync(abs(rel), 'utf8')));
    } else if (r < 0.92) {
      if (!open.size) continue;
      const rel = gen.pick([...open]);
      const f = gen.any();
      const text = path.extname(f.rel) === path.extname(rel) ? f.text : `${fs.existsSync(abs(rel)) ? fs.readFileSync(abs(rel), 'utf8') : ''}\n`;
      log.push(`type in ${rel}`);
      view.publish(index.setOverlay(rel, text));
      if (random() < 0.4 && fs.existsSync(path.dirname(abs(rel)))) {
        const existed = fs.existsSync(abs(rel));
        write(rel, text); // Save
        log.push(`save ${rel}`);
        event(rel, existed);
      }
    } else {
      if (!open.size) continue;
      const rel = gen.pick([...open]);
      open.delete(rel);
      log.push(`close ${rel}`);
      view.publish(index.setOverlay(rel, undefined));
    }
    if (op % Math.ceil(ops / CHECKPOINTS) === 0 || op === ops) {
      // A fresh load has no editor: the tabs are closed first (unsaved text is thrown away).
      for (const rel of open) view.publish(index.setOverlay(rel, undefined));
      open.clear();
      const fresh = await freshLines(index.root);
      assert.deepEqual(view.lines(), fresh, `seed ${seed}, after operation ${op}; last operations:\n${log.slice(-15).join('\n')}`);
      checkpoints++;
    }
  }
  return { checkpoints, files: onDisk().length };
}

describe('churn: the index after any sequence of edits equals a fresh load', function () {
  this.timeout(Math.max(30000, OPS * 200));
  it(`seed ${SEED}, ${OPS} operations, ${CHECKPOINTS} checkpoints`, async () => {
    const { checkpoints } = await churn(SEED, OPS);
    assert.ok(checkpoints >= CHECKPOINTS);
  });
});
