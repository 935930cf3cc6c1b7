import type { Run, RunEvent } from '../../shared/domain/run.ts';
import { duration } from './format.ts';

const FRAMES = ['-', '\\', '|', '/'];

/**
 * One status line under the log on a terminal (stderr, so piping stdout keeps only the log): run, lane, the
 * current step and how long it has run. Cleared before each printed event and redrawn after; absent when
 * stderr is not a terminal.
 */
export function progressLine(stream: NodeJS.WriteStream, run: Run) {
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  let step = '';
  let lane = run.lane;
  let frame = 0;
  let shown = false;
  const draw = () => {
    if (!tty) return;
    const text = `${FRAMES[frame++ % FRAMES.length]} run ${run.id} · lane ${lane}${step ? ` · step ${step}` : ''} · ${duration(Date.now() - started)}`;
    stream.write(`\r\u001b[2K${text.slice(0, Math.max(10, (stream.columns ?? 80) - 1))}`);
    shown = true;
  };
  const timer = tty ? setInterval(draw, 120) : null;
  return {
    update(event: RunEvent) {
      if (event.kind === 'step') step = event.payload?.status === 'running' ? (event.stepId ?? '') : '';
      if (typeof event.payload?.lane === 'string') lane = event.payload.lane;
      draw();
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
    note(text: string) {
      this.clear();
      stream.write(`${text}\n`);
    },
    stop() {
      if (timer) clearInterval(timer);
      this.clear();
    },
  };
}
