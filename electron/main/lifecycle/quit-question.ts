import { plural } from '../text.ts';

export type QuitChoice = 'wait' | 'stop-now' | 'cancel';

/** A native message box's content, in the order of its buttons. */
export interface QuitQuestion {
  message: string;
  detail: string;
  buttons: { label: string; choice: QuitChoice }[];
  /** Index of the button Enter picks, and of the one Escape / closing the box picks. */
  defaultId: number;
  cancelId: number;
}


/** What to ask when quitting with runs in progress. Waiting is the default: it loses the least work. */
export function quitQuestion(state: { running: number; queued: number; graceMs: number }): QuitQuestion {
  const seconds = Math.round(state.graceMs / 1000);
  const queued = state.queued > 0 ? ` ${plural(state.queued, 'queued run')} will start at the next launch.` : '';
  return {
    message: `${plural(state.running, 'run')} in progress. Quit Ops Control Room?`,
    detail: `Waiting gives running steps up to ${seconds} s to finish; any still running then are stopped and `
      + `queued again for the next launch. Stopping now requeues them at once.${queued}`,
    buttons: [
      { label: `Wait up to ${seconds} s, then quit`, choice: 'wait' },
      { label: 'Stop runs now and quit', choice: 'stop-now' },
      { label: 'Cancel', choice: 'cancel' },
    ],
    defaultId: 0,
    cancelId: 2,
  };
}
