import { EVENTS, type EventData, type EventName } from '../../../shared/ipc/events.ts';
import type { Transport } from '../../../shared/ipc/bridge.ts';
import { METHODS, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/ipc/contract.ts';
import type { ErrorCode, IpcError } from '../../../shared/ipc/errors.ts';

/** A failed call: the contract's error, with its code for screens to branch on. */
export class IpcCallError extends Error {
  readonly code: ErrorCode;
  readonly issues: IpcError['issues'];
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

export interface Client {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
}

/** The typed client over any transport: a method that is not in the contract does not compile, and every
 * answer is parsed with the method's output schema before a screen sees it. */
export function createClient(transport: Transport): Client {
  let nextId = 1;
  return {
    async call(method, input) {
      const response = await transport.call({ id: nextId++, method, input });
      if (!response.ok) throw new IpcCallError(response.error);
      const parsed = METHODS[method].output.safeParse(response.output);
      if (!parsed.success) {
        throw new IpcCallError({ code: 'BAD_MESSAGE', message: `the answer to ${method} does not match the contract: ${parsed.error.message}` });
      }
      return parsed.data as MethodOutput<typeof method>;
    },
    on(event, listener) {
      return transport.onPush((push) => {
        if (push.event !== event) return;
        const parsed = EVENTS[event].safeParse(push.data);
        if (parsed.success) listener(parsed.data as EventData<typeof event>);
        else console.warn(`ignored a malformed ${event} event`, parsed.error.issues);
      });
    },
  };
}
