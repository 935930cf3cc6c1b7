import type { z } from 'zod';
import { appMethods } from './methods/app.ts';
import { approvalMethods } from './methods/approvals.ts';
import { compileMethods } from './methods/compile.ts';
import { laneMethods } from './methods/lanes.ts';
import { mcpMethods } from './methods/mcp.ts';
import { planMethods } from './methods/plans.ts';
import { scheduleMethods } from './methods/schedules.ts';
import { proofMethods } from './methods/proofs.ts';
import { retentionMethods } from './methods/retention.ts';
import { runMethods } from './methods/runs.ts';
import { sessionMethods } from './methods/sessions.ts';
import { skillMethods } from './methods/skills.ts';

/**
 * The one contract between the renderer and the Node side: every method's name, input and output schema.
 * Both transports (Electron IPC, the headless WebSocket) carry exactly these; the Node side parses every input,
 * the client parses every output. Errors are IpcError (errors.ts); pushed events are in events.ts.
 */
export const METHODS = {
  ...appMethods,
  ...sessionMethods,
  ...laneMethods,
  ...runMethods,
  ...approvalMethods,
  ...planMethods,
  ...scheduleMethods,
  ...compileMethods,
  ...proofMethods,
  ...retentionMethods,
  ...mcpMethods,
  ...skillMethods,
};

export type Methods = typeof METHODS;
export type MethodName = keyof Methods;
/** What a caller may pass (defaults filled by the Node side's parse). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives: the parsed input. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

export { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from './channels.ts';
