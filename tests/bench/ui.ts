import { join } from 'node:path';
import type { Page } from 'playwright';
import { createClient } from '../../renderer/src/ipc/client.ts';
import { createWsTransport } from '../../renderer/src/ipc/ws-transport.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startServe, type Served } from '../helpers/serve.ts';
import { tempDir } from './resources.ts';
import { fmt, median, now, percentile, progress, section, table, wallMs } from './stats.ts';

export interface UiResults {
  starts: { readyMs: number; paintMs: number }[];
  lines: number;
  /** Output line printed → pushed to a WebSocket client in Node (the floor the page cannot beat). */
  socket: number[];
  /** Output line printed → in the page's DOM at the next animation frame, with the Run view following the tail. */
  page: number[];
}

/** A step that prints `@@<n> <wall ms>` at a steady 1,000 lines/s: ten lines every 10 ms. */
const emitter = (lines: number) => `sleep 2; node -e 'let i=0;const t=setInterval(()=>{for(let k=0;k<10&&i<${lines};k++)` +
  `console.log("@@"+(i++)+" "+(performance.timeOrigin+performance.now()).toFixed(3));if(i>=${lines})clearInterval(t)},10)'`;

/**
 * The UI's two figures: `opsroom serve` start → the Runboard's lane columns painted in Chromium (against
 * start → URL printed, the server alone), and a live output line's latency to the page (against the same
 * line's latency to a bare WebSocket client).
 */
export async function measureUi(options: { starts: number; lines: number }): Promise<UiResults> {
  const dataDir = join(tempDir('opsroom-bench-ui-'), 'data');
  progress('ui: creating the data folder');
  await (await startServe({ dataDir })).stop(); // the first start pays initdb; we time the everyday start
  const browser = await launchChromium();
  try {
    const starts: UiResults['starts'] = [];
    for (let i = 0; i < options.starts; i++) {
      progress(`ui: start ${i + 1}/${options.starts}`);
      const page = await browser.newPage();
      const started = now();
      const served = await startServe({ dataDir });
      const readyMs = now() - started;
      await page.goto(served.url);
      await page.getByRole('region', { name: 'Lane A' }).waitFor({ state: 'visible' });
      starts.push({ readyMs, paintMs: now() - started });
      await page.close();
      await served.stop();
    }
    progress(`ui: ${fmt(options.lines)} lines at 1,000 lines/s`);
    const served = await startServe({ dataDir });
    try {
      const page = await browser.newPage();
      return { starts, lines: options.lines, ...await lineLatency(served, page, options.lines) };
    } finally {
      await served.stop();
    }
  } finally {
    await browser.close();
  }
}

async function lineLatency(served: Served, page: Page, lines: number): Promise<{ socket: number[]; page: number[] }> {
  const ws = createWsTransport({ page: served.url });
  const client = createClient(ws.transport);
  try {
    const run = await client.call('runs.runCommand', { command: emitter(lines), sessionId: null, lane: 'auto' });
    const socket = new Map<number, number>();
    const ended = new Promise<void>((resolve) => client.on('run.events', ({ events }) => {
      const at = wallMs();
      for (const event of events) {
        if (event.runId !== run.id) continue;
        const match = /^@@(\d+) ([\d.]+)/.exec(event.message);
        if (match && !socket.has(Number(match[1]))) socket.set(Number(match[1]), at - Number(match[2]));
        if (event.kind === 'status' && ['succeeded', 'failed', 'cancelled'].includes(String(event.payload?.status))) resolve();
      }
    }));
    await client.call('runs.watch', { runIds: [run.id] });
    await page.goto(`${served.url}#/runs/${run.id}`);
    await page.evaluate(observeLines);
    await ended;
    await page.waitForTimeout(500); // the last frame
    const seen = await page.evaluate('globalThis.__lineLatency') as [number, number][];
    return { socket: [...socket.values()], page: seen.map(([, ms]) => ms) };
  } finally {
    ws.close();
  }
}

/**
 * Runs in the page (as text: this project's Node tsconfig has no DOM types): records the first time each `@@n`
 * line is in the DOM, stamped at the animation frame that paints it, into globalThis.__lineLatency.
 */
const observeLines = `(() => {
  const seen = new Set(), waiting = [], out = [];
  globalThis.__lineLatency = out;
  let frame = 0;
  const scan = (text) => {
    for (const m of (text ?? '').matchAll(/@@(\\d+) ([\\d.]+)/g)) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      waiting.push([Number(m[1]), Number(m[2])]);
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') scan(r.target.textContent);
      for (const node of r.addedNodes) scan(node.textContent);
    }
    if (waiting.length > 0 && !frame) frame = requestAnimationFrame(() => {
      frame = 0;
      const at = performance.timeOrigin + performance.now();
      for (const [n, sent] of waiting.splice(0)) out.push([n, at - sent]);
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

export function printUi(r: UiResults): void {
  section('UI: opsroom serve → Chromium');
  const ready = median(r.starts.map((s) => s.readyMs));
  const paint = median(r.starts.map((s) => s.paintMs));
  console.log(`Start of \`opsroom serve\` (existing data folder) to the Runboard's lanes painted, median of ${r.starts.length}:`);
  table(['', 'ms', 'ratio'], [
    ['server ready (URL printed): baseline', fmt(ready), '1.00'],
    ['first meaningful paint in Chromium', fmt(paint), fmt(paint / ready)],
  ]);
  console.log(`\nOutput line → visible, ${fmt(r.lines)} lines at a steady 1,000 lines/s (the Run view following the tail):`);
  const row = (name: string, v: number[], base: number[]) => [name, fmt(v.length, 0), fmt(median(v)), fmt(percentile(v, 99)),
    fmt(median(v) / median(base)), fmt(percentile(v, 99) / percentile(base, 99))];
  table(['', 'lines seen', 'p50 ms', 'p99 ms', 'p50 ratio', 'p99 ratio'], [
    row('pushed to a WebSocket client: baseline', r.socket, r.socket),
    row('in the page (DOM, next frame)', r.page, r.socket),
  ]);
}
