import type { MethodName, MethodOutput, ParsedInput } from '../../../../shared/ipc/contract.ts';

/** What a handler may ask of its connection besides the core. */
export interface HandlerContext {
  /** Replaces the set of runs whose output and log lines this connection receives live. */
  watch(runIds: number[]): void;
}

/** A method's handler gets the parsed input (defaults filled) and answers with what the contract promises. */
export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext) => Promise<MethodOutput<M>>;

/** Handlers for some of the methods; with no argument, for all of them (a missing one is a compile error). */
export type Handlers<K extends MethodName = MethodName> = { [M in K]: Handler<M> };
