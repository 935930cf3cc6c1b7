import type { OpenTarget } from '../../../shared/ipc/events.ts';

/**
 * Targets for the window, held until its page listens. A push sent before the page has subscribed is lost,
 * and a link given at first start arrives long before: the page counts as listening from its first IPC call
 * (its push listeners are attached in the same React commit that starts its first query), and stops on a
 * reload or navigation.
 */
export function createOpenQueue(send: (target: OpenTarget) => void) {
  let listening = false;
  const pending: OpenTarget[] = [];
  return {
    open(target: OpenTarget): void {
      if (listening) send(target);
      else pending.push(target);
    },
    listening(): void {
      listening = true;
      for (const target of pending.splice(0)) send(target);
    },
    deaf(): void {
      listening = false;
    },
  };
}
