import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { StepContext, StepResult } from '../executor/step-handler.ts';
import { lineSplitter } from '../executor/line-splitter.ts';

/** Text of one call's result kept by default (ServerSandbox.maxOutputBytes). */
export const DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;
/** How much of an error result's text goes into the step's error. */
const ERROR_TEXT_CHARS = 500;

type Content = CallToolResult['content'][number];

/**
 * Turns a tool's result into a step result: text goes to the step's stdout line by line (long lines cut, as for
 * the shell tool), other content is summarised in one line, structuredContent becomes the step's `result`.
 * Text past maxBytes is counted, not kept, and one marker line says how much.
 */
export function mapCallResult(
  ref: { server: string; tool: string },
  result: CallToolResult,
  ctx: Pick<StepContext, 'output'>,
  maxBytes = DEFAULT_MAX_RESULT_BYTES,
): StepResult {
  let kept = 0;
  let dropped = 0;
  const emit = (line: string) => {
    const bytes = Buffer.byteLength(line) + 1;
    if (dropped === 0 && kept + bytes <= maxBytes) {
      kept += bytes;
      ctx.output('stdout', line);
    } else {
      dropped += bytes;
    }
  };
  const lines = lineSplitter(emit);
  for (const item of result.content ?? []) {
    if (item.type === 'text') {
      lines.write(Buffer.from(item.text));
      lines.end();
    } else {
      emit(summarise(item));
    }
  }
  if (dropped > 0) ctx.output('stdout', `[… ${dropped} bytes more not kept]`);

  const structured = result.structuredContent === undefined ? {} : { result: result.structuredContent };
  if (!result.isError) return { ok: true, ...structured };
  const firstText = result.content?.find((item) => item.type === 'text')?.text.trim();
  const error = firstText
    ? `${ref.server}/${ref.tool} reported an error: ${firstText.length > ERROR_TEXT_CHARS ? `${firstText.slice(0, ERROR_TEXT_CHARS)}…` : firstText}`
    : `${ref.server}/${ref.tool} reported an error without a message`;
  return { ok: false, error, ...structured };
}

/** One line for content a log cannot show as text. */
function summarise(item: Exclude<Content, { type: 'text' }>): string {
  switch (item.type) {
    case 'image':
    case 'audio':
      return `[${item.type} ${item.mimeType}, ${base64Bytes(item.data)} bytes]`;
    case 'resource_link':
      return `[resource link ${item.name}: ${item.uri}]`;
    case 'resource': {
      const { resource } = item;
      const size = 'text' in resource ? `${Buffer.byteLength(resource.text)} bytes of text` : `${base64Bytes(resource.blob)} bytes`;
      return `[resource ${resource.uri}${resource.mimeType ? ` (${resource.mimeType})` : ''}, ${size}]`;
    }
    default:
      return `[${(item as { type: string }).type} content]`;
  }
}

function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}
