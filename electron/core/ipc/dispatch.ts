import type { z } from 'zod';
import { isMethodName, METHOD_NAMES, METHODS, type MethodName } from '../../../shared/ipc/contract.ts';
import { RequestSchema, type Response } from '../../../shared/ipc/wire.ts';
import { describeIssues, inputIssues } from './input-issues.ts';
import { handlerError, idOf } from './request-errors.ts';
import type { HandlerContext, Handlers } from './handlers/types.ts';

type AnyHandler = (input: unknown, ctx: HandlerContext) => Promise<unknown>;
type Answer = { response: Response; method: MethodName | null };

const failed = (id: number | null, error: Extract<Response, { ok: false }>['error']): Answer =>
  ({ response: { id, ok: false, error }, method: null });

/**
 * Answers one message: checks the envelope, the method and its input (in that order), and only then runs the
 * handler with the parsed input. Never throws: every failure is a typed error response. `method` is set when
 * the call succeeded, so the caller can tell the other windows what changed.
 */
export async function dispatch(message: unknown, handlers: Handlers, ctx: HandlerContext): Promise<Answer> {
  try {
    return await answer(message, handlers, ctx);
  } catch (error) {
    // Only a bug gets here (handler failures are caught below, with the method named): still an answer.
    return failed(idOf(message), handlerError('a request', error));
  }
}

async function answer(message: unknown, handlers: Handlers, ctx: HandlerContext): Promise<Answer> {
  const request = RequestSchema.safeParse(message);
  if (!request.success) {
    const what = message === null || typeof message !== 'object' || Array.isArray(message)
      ? `got ${Array.isArray(message) ? 'an array' : message === null ? 'null' : typeof message}`
      : describeIssues(inputIssues(request.error.issues));
    return failed(idOf(message), { code: 'BAD_MESSAGE', message: `a request is an object {id, method, input}: ${what}` });
  }
  const { id, method } = request.data;
  if (!isMethodName(method)) {
    const area = METHOD_NAMES.filter((name) => name.split('.')[0] === method.split('.')[0]);
    return failed(id, { code: 'UNKNOWN_METHOD',
      message: `there is no method "${method}"${area.length ? ` (did you mean one of ${area.join(', ')}?)` : ''}` });
  }
  const input = (METHODS[method].input as z.ZodType).safeParse(request.data.input);
  if (!input.success) {
    const issues = inputIssues(input.error.issues);
    return failed(id, { code: 'INVALID_INPUT', message: `invalid input for ${method}: ${describeIssues(issues)}`, issues });
  }
  try {
    const output = await (handlers[method] as AnyHandler)(input.data, ctx);
    return { response: { id, ok: true, output }, method };
  } catch (error) {
    return failed(id, handlerError(method, error));
  }
}
