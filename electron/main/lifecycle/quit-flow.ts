import type { Core } from '../../core/index.ts';
import { quitQuestion, type QuitChoice, type QuitQuestion } from './quit-question.ts';

export type QuitOutcome = 'quit' | 'cancelled';

export interface QuitFlowOptions {
  core: Pick<Core, 'runs' | 'lanes' | 'close'>;
  /** Shows the question (a native dialog in the app) and answers with the person's choice. */
  ask(question: QuitQuestion): Promise<QuitChoice>;
  /** How long running steps may go on finishing when the person chooses to wait. */
  graceMs: number;
  /** Called once the decision to quit is made, before the core closes: what reads the core stops first. */
  onClosing?(): void;
}

export interface QuitFlow {
  /** Asks first when runs are in progress; resolves 'quit' once the core is closed. */
  request(): Promise<QuitOutcome>;
  /** True once the core is closed: the shell may let the process end. */
  readonly closed: boolean;
}

/**
 * What quitting the desktop app does, without Electron so it runs against the real core under Node. With
 * nothing running the core closes at once. With runs in progress the person chooses: wait (steps get
 * graceMs to finish, the rest are requeued), stop now (steps are stopped and requeued), or cancel. Queued runs
 * stay queued either way and start at the next launch. A quit asked for while closing (Cmd-Q again, the tray)
 * does not ask again: it stops the running steps now, as a second Ctrl-C does in the CLI.
 */
export function createQuitFlow(options: QuitFlowOptions): QuitFlow {
  let closing: Promise<QuitOutcome> | null = null;
  let asking: Promise<QuitOutcome> | null = null;
  let closed = false;

  const close = (graceMs: number): Promise<QuitOutcome> => {
    options.onClosing?.();
    closing = options.core.close({ graceMs }).then(() => {
      closed = true;
      return 'quit' as const;
    });
    return closing;
  };

  const decide = async (): Promise<QuitOutcome> => {
    // A database that cannot answer (it gave up after crashing) must not keep the app from quitting: that is
    // exactly when the person is told to quit and reopen. Whatever was running is requeued at the next start.
    const counts = await options.core.runs.counts([...options.core.lanes.served]).catch(() => null);
    const running = counts?.running ?? 0;
    if (running === 0) return close(options.graceMs);
    const choice = await options.ask(quitQuestion({ running, queued: counts?.queued ?? 0, graceMs: options.graceMs }));
    if (choice === 'cancel') return 'cancelled';
    return close(choice === 'wait' ? options.graceMs : 0);
  };

  return {
    get closed() {
      return closed;
    },
    request() {
      if (closing) {
        void options.core.close({ graceMs: 0 }); // shortens the drain under way
        return closing;
      }
      // Two quick quits while the question is open are one question.
      asking ??= decide().finally(() => {
        asking = null;
      });
      return asking;
    },
  };
}
