import { spawn } from 'node:child_process';
import { createCore, shellPlan, type CoreOptions } from '../../electron/core/index.ts';
import { percentile, wallMs } from './stats.ts';

export interface Latency {
  lines: number;
  p50: number;
  p99: number;
  max: number;
  min: number;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * A child that prints `lines` timestamps at a steady pace, one every `gapMs`. The timestamp is
 * performance.timeOrigin + performance.now(): wall-clock based like ours, so the two are comparable, and
 * sub-millisecond. No single quotes: it goes into sh -c '…'.
 */
function childScript(lines: number, gapMs: number): string {
  return `const n=${lines},gap=${gapMs};let i=0;const t0=performance.now();` +
    'function tick(){process.stdout.write((performance.timeOrigin+performance.now()).toFixed(3)+"\\n");' +
    'if(++i<n)setTimeout(tick,Math.max(0,t0+i*gap-performance.now()))}tick()';
}

function summarize(samples: number[], expected: number): Latency {
  if (samples.length !== expected) throw new Error(`received ${samples.length} of ${expected} lines`);
  return { lines: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples), min: Math.min(...samples) };
}

/**
 * From a step's output line to a live subscriber: createCore with one lane worker, a shell step running
 * the child above, core.subscribe, and (receive time − printed time) per output event. The path is child
 * pipe → lane worker thread → event writer → appendEvents (db-worker thread, or PostgreSQL) → publish →
 * host thread → event bus → subscriber.
 */
export async function coreLatency(options: CoreOptions, lines: number, gapMs: number): Promise<Latency> {
  const core = await createCore({ ...options, lanes: ['A'], workersPerLane: 1 });
  try {
    const samples: number[] = [];
    let runId = -1;
    const ended = Promise.withResolvers<string>();
    const unsubscribe = core.subscribe((events) => {
      const received = wallMs();
      for (const event of events) {
        if (event.runId !== runId) continue;
        if (event.kind === 'output') samples.push(received - Number(event.message));
        const status = event.kind === 'status' ? String(event.payload?.status) : '';
        if (TERMINAL.has(status)) ended.resolve(status);
      }
    });
    const command = `${JSON.stringify(process.execPath)} -e '${childScript(lines, gapMs)}'`;
    const { run } = await core.runs.enqueue({ plan: shellPlan(command), title: 'bench: output latency', lane: 'A' });
    runId = run.id;
    const timeout = setTimeout(() => ended.reject(new Error('the latency run did not end within 60 s')), 60_000);
    const status = await ended.promise.finally(() => clearTimeout(timeout));
    unsubscribe();
    if (status !== 'succeeded') throw new Error(`the latency run ${status}`);
    return summarize(samples, lines);
  } finally {
    await core.close({ graceMs: 1000 });
  }
}

/** The floor: the same child spawned here and read in this thread, with nothing in between. */
export async function pipeLatency(lines: number, gapMs: number): Promise<Latency> {
  const child = spawn(process.execPath, ['-e', childScript(lines, gapMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: number[] = [];
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const received = wallMs();
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) samples.push(received - Number(line));
  });
  await new Promise((resolve) => child.on('close', resolve));
  return summarize(samples, lines);
}
