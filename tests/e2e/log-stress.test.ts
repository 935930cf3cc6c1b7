import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createClient, type Client } from '../../renderer/src/ipc/client.ts';
import { createWsTransport, type WsTransport } from '../../renderer/src/ipc/ws-transport.ts';
import { useServedBrowser } from '../helpers/served-browser.ts';
import { artifactPath } from './artifacts.ts';

// A run printing LINES lines while its Run view is open and following the tail: the page keeps painting
// (frame times are printed, not asserted: speed lives in `npm run bench`), answers a search while lines pour in,
// and ends up showing exactly the stored number of lines. OPSROOM_STRESS_LINES raises it for a soak.
const LINES = Number(process.env.OPSROOM_STRESS_LINES ?? 100_000);
const { missing, served, browser } = useServedBrowser();
let ws: WsTransport | undefined;
let client: Client;

after(() => ws?.close());

/** Every output event of the run, paged the way any client must (10,000 at most per call). */
async function storedLines(runId: number): Promise<number> {
  let count = 0;
  for (let afterSeq = 0; ;) {
    const page = await client.call('runs.events', { runId, afterSeq, limit: 10_000 });
    count += page.filter((event) => event.kind === 'output').length;
    if (page.length < 10_000) return count;
    afterSeq = page.at(-1)!.seq;
  }
}

test(`a run printing ${LINES} lines: the page stays responsive and shows the stored count`, async (t) => {
  if (missing) return t.skip(missing);
  ws = createWsTransport({ page: served().url });
  client = createClient(ws.transport);
  // The pause lets the page open the run and start following before the first line.
  const run = await client.call('runs.runCommand', { command: `sleep 1; seq 1 ${LINES}`, sessionId: null, lane: 'auto' });
  const page = await browser().newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(120_000);
  await page.goto(`${served().url}#/runs/${run.id}`);
  await page.getByRole('log', { name: 'Log' }).waitFor();
  // Frame intervals from requestAnimationFrame while the lines stream in (text: no DOM types in this project).
  await page.evaluate(`(() => {
    const gaps = globalThis.__frameGaps = [];
    let last = performance.now();
    const tick = (now) => { gaps.push(now - last); last = now; if (!globalThis.__stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);

  // While lines pour in, the page still answers a person: a search finds a line that is already there.
  await page.getByTestId('log-line-count').filter({ hasText: /^[1-9]\d{3,} lines$/ }).waitFor();
  const typed = performance.now();
  await page.getByRole('searchbox', { name: 'Search log' }).fill('1000');
  await page.getByTestId('log-search-count').filter({ hasText: /of|match/ }).waitFor();
  const searchMs = performance.now() - typed;
  await page.getByRole('searchbox', { name: 'Search log' }).fill('');

  const card = await client.call('runs.get', { id: run.id });
  let status = card.run.status;
  while (status === 'queued' || status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = (await client.call('runs.get', { id: run.id })).run.status;
  }
  assert.equal(status, 'succeeded');
  const stored = await storedLines(run.id);
  assert.equal(stored, LINES, 'every line is stored');
  await page.getByTestId('log-line-count').filter({ hasText: `${stored} lines` }).waitFor();
  const gaps = await page.evaluate('globalThis.__stopFrames = true, globalThis.__frameGaps') as number[];

  // The search scrolled to its match, which stops following the tail; "Jump to latest" brings the end back.
  const log = page.getByRole('log', { name: 'Log' });
  await page.getByRole('button', { name: 'Jump to latest' }).click();
  await log.getByText(String(LINES), { exact: true }).last().waitFor(); // the line's number and its text
  await page.screenshot({ path: artifactPath('run-view-100k.png') });

  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
  console.log(`# ${LINES} lines: ${gaps.length} frames while streaming, frame time p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, ` +
    `p99 ${at(0.99)} ms, max ${at(1)} ms; a search answered in ${searchMs.toFixed(0)} ms mid-stream`);
  assert.ok(gaps.length > 10, 'the page kept painting while the lines streamed in');
  await page.close();
});
