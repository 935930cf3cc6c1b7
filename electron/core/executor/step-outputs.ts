import type { StoredOutputs } from '../queue/store.ts';
import type { StepOutputs } from './step-capture.ts';

/** Each stream stored with a step's end is capped here: the events keep every line, the row keeps what a rerun
 * needs to stand in for the step (references into a long log are rare; a hash, a count or an id are the norm). */
export const MAX_STORED_STREAM_BYTES = 256 * 1024;

/** A stored step result stays small: the full output is in the events, large evidence in artifacts. */
const MAX_RESULT_JSON = 64 * 1024;

/** What a step settled without an action (pre-check, reuse of nothing) leaves for references. */
export const NO_OUTPUTS: StepOutputs = Object.freeze({ exitCode: null, stdout: '', stderr: '', truncated: false, result: null });

/** The outputs as stored in run_steps.outputs: streams capped, `truncated` set when cut, the result kept small. */
export function storedOutputs(outputs: StepOutputs): StoredOutputs {
  const stdout = clip(outputs.stdout, MAX_STORED_STREAM_BYTES);
  const stderr = clip(outputs.stderr, MAX_STORED_STREAM_BYTES);
  return {
    exitCode: outputs.exitCode ?? null,
    stdout: stdout.text,
    stderr: stderr.text,
    truncated: outputs.truncated || stdout.cut || stderr.cut,
    result: storedResult(outputs.result) ?? null,
  };
}

export function storedResult(result: unknown): unknown {
  if (result === undefined) return undefined;
  const text = JSON.stringify(result);
  return text === undefined || text.length <= MAX_RESULT_JSON ? result : { truncated: true, jsonBytes: text.length };
}

/** The first maxBytes of text in UTF-8, never ending in half a character. */
export function clip(text: string, maxBytes: number): { text: string; cut: boolean } {
  if (text.length <= maxBytes / 4 || Buffer.byteLength(text) <= maxBytes) return { text, cut: false };
  // A character cut in half decodes as U+FFFD at the very end: drop it.
  const head = Buffer.from(text).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  return { text: head, cut: true };
}
