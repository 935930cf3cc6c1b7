import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapCallResult } from '../../../electron/core/mcp/call-result.ts';

const ref = { server: 'srv', tool: 'tool' };
function map(result: Parameters<typeof mapCallResult>[1], maxBytes?: number) {
  const out: string[] = [];
  const step = mapCallResult(ref, result, { output: (_stream, line) => out.push(line) }, maxBytes);
  return { step, out };
}

test('text becomes output lines; other content one summary line each', () => {
  const { step, out } = map({
    content: [
      { type: 'text', text: 'first\r\nsecond\n' },
      { type: 'image', data: Buffer.alloc(10).toString('base64'), mimeType: 'image/png' },
      { type: 'resource_link', uri: 'file:///tmp/a.txt', name: 'a.txt' },
      { type: 'resource', resource: { uri: 'mem://x', mimeType: 'text/plain', text: 'héllo' } },
      { type: 'resource', resource: { uri: 'mem://y', blob: Buffer.alloc(7).toString('base64') } },
    ],
  });
  assert.deepEqual(step, { ok: true });
  assert.deepEqual(out, [
    'first', 'second', '[image image/png, 10 bytes]', '[resource link a.txt: file:///tmp/a.txt]',
    '[resource mem://x (text/plain), 6 bytes of text]', '[resource mem://y, 7 bytes]',
  ]);
});

test('text past the cap is counted, not kept, and a marker says how much', () => {
  const { out } = map({ content: [{ type: 'text', text: 'aaaa\nbbbb\ncccc' }, { type: 'text', text: 'dd' }] }, 10);
  assert.deepEqual(out, ['aaaa', 'bbbb', '[… 8 bytes more not kept]']);
});

test('structuredContent is the step result; isError fails the step with its first text, shortened', () => {
  assert.deepEqual(map({ content: [], structuredContent: { n: 1 } }).step, { ok: true, result: { n: 1 } });
  const long = map({ isError: true, content: [{ type: 'text', text: `  ${'e'.repeat(600)}` }] }).step;
  assert.equal(long.error, `srv/tool reported an error: ${'e'.repeat(500)}…`);
  assert.deepEqual(map({ isError: true, content: [] }).step, { ok: false, error: 'srv/tool reported an error without a message' });
});
