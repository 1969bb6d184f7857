// `report --format html` opened in Chromium (playwright-core + Debian's chromium, as test/e2e
// does): the page shows the groups' table and a bar chart of events and metrics per group, loads
// nothing from anywhere, and logs no error.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/workspace';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

interface GroupRow {
  group: string;
  events: unknown[];
  metrics: unknown[];
}

describe('cli: report --format html, in Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let file: string;
  let groups: GroupRow[];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip(); // CI installs it with the e2e suite (scripts/install-code-server.sh)
    const demo = path.join(REPO_ROOT, 'demo');
    const cli = path.join(REPO_ROOT, 'dist/cli.js');
    const html = spawnSync(process.execPath, [cli, 'report', demo, '--format', 'html'], { encoding: 'utf8' });
    assert.equal(html.status, 0, html.stderr);
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ie-report-')), 'report.html');
    fs.writeFileSync(file, html.stdout);
    groups = (JSON.parse(spawnSync(process.execPath, [cli, 'report', demo, '--format', 'json'], { encoding: 'utf8' }).stdout) as { groups: GroupRow[] }).groups;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });

  after(async () => browser?.close());

  it('shows the groups table and a bar per group and series, sized by the counts, fetching nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).toString());

    assert.equal(await page.locator('h1').textContent(), 'Internal events in demo');
    const rows = await page.locator('#groups tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(rows.map((r) => [r[0], Number(r[1]), Number(r[2])]), groups.map((g) => [g.group, g.events.length, g.metrics.length]));

    const chart = page.locator('figure.chart svg');
    assert.ok(await chart.isVisible(), 'the chart is on screen');
    assert.equal(await chart.getAttribute('aria-label'), 'Events and metrics per product group');
    const bars = await page.locator('svg rect.bar').evaluateAll((rects) =>
      rects.map((r) => ({ label: r.getAttribute('data-label'), series: r.getAttribute('data-series'), value: Number(r.getAttribute('data-value')), width: r.getBoundingClientRect().width })),
    );
    assert.equal(bars.length, groups.length * 2);
    for (const g of groups) {
      const events = bars.find((b) => b.label === g.group && b.series === 'events')!;
      const metrics = bars.find((b) => b.label === g.group && b.series === 'metrics')!;
      assert.deepEqual([events.value, metrics.value], [g.events.length, g.metrics.length]);
    }
    // Drawn to one scale: the widest bar is the largest count, and widths follow the counts.
    const widest = bars.reduce((a, b) => (b.width > a.width ? b : a));
    assert.equal(widest.value, Math.max(...bars.map((b) => b.value)));
    const unit = widest.width / widest.value;
    for (const b of bars) assert.ok(Math.abs(b.width - b.value * unit) <= 1.5, `${b.label} ${b.series}: ${b.width}px for ${b.value}`);
    assert.deepEqual(await page.locator('figcaption .key').allTextContents(), ['events', 'metrics']);

    assert.deepEqual(requests, [pathToFileURL(file).toString()], 'nothing but the page itself was requested');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('forbids any request from the page, even one it did not mean to make', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    const served: string[] = [];
    const failed: string[] = [];
    page.on('requestfinished', (r) => served.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto(pathToFileURL(file).toString());
    // What a description with markup could do if it were not escaped, done by hand.
    await page.evaluate("document.body.append(Object.assign(document.createElement('img'), { src: 'http://127.0.0.1:9/pixel.png' }))");
    await page.waitForTimeout(300);
    assert.deepEqual(served, [pathToFileURL(file).toString()]);
    assert.deepEqual(failed, ['http://127.0.0.1:9/pixel.png csp'], 'blocked by the page\'s Content-Security-Policy');
    assert.ok(violations.some((v) => /Content Security Policy/i.test(v)), violations.join('\n'));
    await page.close();
  });
});
