import { HttpInputSchema, type HttpInput } from '../../../../shared/ir/builtin-inputs.ts';
import { connectDeadline, CONNECT_TIMEOUT_MS } from '../../net/connect-deadline.ts';
import { connectTimedOut, describeNetworkError } from '../../net/network-error.ts';
import type { StepHandler } from '../step-handler.ts';

/** Body kept as output lines; beyond it the bytes are counted, not stored. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The built-in `http` tool: one request. Any response is a completed call; verifiers judge its status. */
export const httpTool: StepHandler<HttpInput> = {
  tool: 'http',
  inputSchema: HttpInputSchema,
  async run(input, ctx) {
    const url = new URL(input.url);
    const timeoutMs = input.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const connectMs = Math.min(CONNECT_TIMEOUT_MS, timeoutMs);
    const connect = connectDeadline(url, connectMs);
    const signal = AbortSignal.any([ctx.signal, timeout, connect.signal]);
    let response: Response;
    try {
      response = await fetch(input.url, { method: input.method ?? 'GET', headers: input.headers, body: input.body, signal, redirect: 'manual' });
    } catch (error) {
      const connectFailed = connect.signal.aborted || (timeout.aborted && connect.connecting());
      const why = ctx.signal.aborted ? (error as Error).message
        : (connectFailed ? connectTimedOut(url, connectMs) : describeNetworkError(error, url)).message;
      return { ok: false, error: `${input.method ?? 'GET'} ${input.url} failed: ${why}` };
    } finally {
      connect.stop();
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const kept = new TextDecoder().decode(bytes.subarray(0, MAX_BODY_BYTES));
    for (const line of kept.split(/\r?\n/)) if (line) ctx.output('stdout', line);
    if (bytes.byteLength > MAX_BODY_BYTES) ctx.log('warn', `response body cut at ${MAX_BODY_BYTES} of ${bytes.byteLength} bytes`);
    ctx.log('info', `HTTP ${response.status} from ${input.url} (${bytes.byteLength} bytes)`);
    return {
      ok: true,
      result: { status: response.status, headers: Object.fromEntries(response.headers), bodyBytes: bytes.byteLength },
    };
  },
};
