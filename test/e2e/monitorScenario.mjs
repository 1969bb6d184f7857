// Scenario 14: data is flowing. The real Snowplow browser tracker, on a local page in Chromium,
// sends an internal event (GitLab's contexts, as GitLab's frontend sends them) to the event monitor
// the extension started; the Event Monitor view in code-server shows it with its checks and the
// session value of the metrics it feeds. A second event with an undeclared property shows as a
// problem and survives the "problems only" filter.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { poll } from './workbench.mjs';

const EVENT = 'approve_merge_request_in_demo';
const WEEKLY_METRIC = 'count_distinct_user_id_from_approve_merge_request_in_demo_weekly';

const PAGE = (monitorPort) => `<!doctype html>
<html><head><title>tracker page</title><script src="/tracker.js"></script></head>
<body><p id="state">loading</p><script>
  const { newTracker, trackStructEvent } = window.snowplowBrowserTracking;
  newTracker('sp', 'http://127.0.0.1:${monitorPort}', { appId: 'gitlab', eventMethod: 'post', bufferSize: 1, contexts: { webPage: true }, stateStorageStrategy: 'none' });
  window.sendInternalEvent = (event, { label, property, extra, userId }) => trackStructEvent({
    category: 'projects:merge_requests:show',
    action: event,
    label,
    property,
    context: [
      { schema: 'iglu:com.gitlab/gitlab_standard/jsonschema/1-1-1', data: { environment: 'development', source: 'gitlab-javascript', plan: 'free', user_id: userId, project_id: 7, namespace_id: 9, extra: extra || {} } },
      { schema: 'iglu:com.gitlab/gitlab_service_ping/jsonschema/1-0-1', data: { data_source: 'redis_hll', event_name: event } },
    ],
  });
  document.getElementById('state').textContent = 'ready';
</script></body></html>`;

/** Serves the page and the browser tracker's bundle from node_modules. */
async function servePage(repoRoot, pagePort, monitorPort) {
  const bundle = readFileSync(join(repoRoot, 'node_modules/@snowplow/browser-tracker/dist/index.umd.min.js'));
  const server = createServer((req, res) => {
    if (req.url === '/tracker.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(bundle);
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(PAGE(monitorPort));
    }
  });
  await new Promise((resolve) => server.listen(pagePort, '127.0.0.1', resolve));
  return server;
}

/** Drags the sash between the side bar and the editor, so the view's rows can be read whole. */
async function widenSideBar(page, width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) return;
  const edge = { x: bar.x + bar.width + 1, y: bar.y + bar.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(width, edge.y, { steps: 8 });
  await page.mouse.up();
}

/** Clicks a tree row (running its command) and makes sure it ends up expanded. */
async function expand(row) {
  await row.click();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  await poll('the row expanded', async () => (await row.getAttribute('aria-expanded')) === 'true', { timeout: 5_000 });
}

export const MONITOR_SCENARIO = {
  n: 14,
  name: 'event-monitor',
  async run({ wb, capture, monitor, repoRoot }) {
    await wb.runCommand('Internal Events: Start Event Monitor');
    await wb.page.locator('.statusbar-item').filter({ hasText: `monitor :${monitor.port}` }).first().waitFor({ state: 'visible', timeout: 30_000 });
    wb.log(`monitor listening on :${monitor.port}`);

    const server = await servePage(repoRoot, monitor.pagePort, monitor.port);
    const page = await wb.page.context().newPage();
    try {
      await page.goto(`http://127.0.0.1:${monitor.pagePort}/`);
      await page.locator('#state', { hasText: 'ready' }).waitFor({ timeout: 15_000 });
      await page.evaluate((event) => window.sendInternalEvent(event, { label: 'web', property: 'code_owner', userId: 42 }), EVENT);

      await wb.page.bringToFront();
      await wb.runCommand('Internal Events: Focus on Event Monitor View');
      await widenSideBar(wb.page, 620);
      // The container's other views (Events, Metrics) collapsed, so the monitor has the room.
      for (const title of ['Events', 'Metrics']) {
        const header = wb.page.locator('.pane-header').filter({ has: wb.page.locator('h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) }).first();
        if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
      }
      const view = wb.page.locator('.pane').filter({ has: wb.page.locator('.pane-header', { hasText: 'Event Monitor' }) });
      const eventRow = view.locator('.monaco-list-row').filter({ hasText: EVENT }).first();
      await eventRow.waitFor({ state: 'visible', timeout: 30_000 });
      await expand(eventRow); // and opens the definition
      const metricRow = view.locator('.monaco-list-row').filter({ hasText: WEEKLY_METRIC }).first();
      // The view is rebuilt when the index changes (files the scenarios before this one wrote are
      // still being picked up on a busy host), which can fold the row again: unfold it and look again.
      await poll('the weekly metric under the event', async () => {
        if (await metricRow.isVisible()) return true;
        if ((await eventRow.getAttribute('aria-expanded')) === 'false') await eventRow.locator('.monaco-tl-twistie').click();
        return false;
      }, { timeout: 20_000, interval: 500 });
      const metricText = await metricRow.textContent();
      if (!new RegExp(`^1 · ${WEEKLY_METRIC}counted this event`).test(metricText ?? '')) throw new Error(`the weekly metric row says: ${metricText}`);
      await view.locator('.monaco-list-row').filter({ hasText: 'Matches its definition' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await view.locator('.monaco-list-row').filter({ hasText: 'user_id 42 · project_id 7 · namespace_id 9' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await wb.waitForActiveTab(`${EVENT}.yml`);
      await capture();

      // A second event with a custom property the definition does not declare.
      await page.evaluate((event) => window.sendInternalEvent(event, { label: 'api', property: 'single_approver', userId: 43, extra: { reviewer_count: 2 } }), EVENT);
      await wb.page.bringToFront();
      await wb.page.locator('.statusbar-item').filter({ hasText: `monitor :${monitor.port} · 2 events · 1 problem` }).first().waitFor({ state: 'visible', timeout: 20_000 });
      await wb.runCommand('Internal Events: Show Problems Only');
      await poll('only the event with a problem listed', async () => {
        const rows = await view.locator('.monaco-list-row[aria-level="1"]').allTextContents();
        return rows.length === 1 && rows[0].includes('1 problem') ? rows : false;
      }, { timeout: 15_000 });
      await expand(view.locator('.monaco-list-row[aria-level="1"]').first());
      await view.locator('.monaco-list-row').filter({ hasText: "does not declare the additional property 'reviewer_count'" }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await view.locator('.monaco-list-row').filter({ hasText: `2 · ${WEEKLY_METRIC}` }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await wb.screenshot(join(repoRoot, 'test-results/e2e/14-event-monitor-problem.png'));
      await wb.runCommand('Internal Events: Show All Events');
    } finally {
      await page.close().catch(() => undefined);
      server.close();
    }
  },
};
