import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseOutputPage, parseStartedPid, resultText } from '../../../electron/core/mcp/desktop-commander/dc-output.ts';

// Replies captured from Desktop Commander 0.2.52 running here (tests/core/mcp/dc-shell.test.ts drives the same
// server end to end).
const CAPTURED = {
  started: 'Process started with PID 25187 (shell: /bin/bash)\nInitial output:\nhi\n',
  startedRunning:
    'Process started with PID 25357 (shell: /bin/bash)\nInitial output:\nline1\n\n⏳ Process is running. Use read_process_output to get more output.',
  refused: 'Error: Command not allowed: sudo ls',
  tailCompleted: '[Reading last 2 lines (total: 2 lines)]\n\nhi\n\n✅ Process completed with exit code 3 (runtime: 0.05s)',
  newLinesCompleted: '[Reading 2 new lines (total: 2 lines)]\n\nhi\n\n✅ Process completed with exit code 3 (runtime: 0.05s)',
  tailRunning: '[Reading last 2 lines (total: 2 lines)]\n\nline1\n',
  fromLineRunning: '[Reading 2 lines from line 1 (total: 3 lines, 0 remaining)]\n\nline2\n',
  pastTheEnd: '[Reading 0 lines from line 5 (total: 3 lines, 0 remaining)]\n\n(No output in requested range)',
  unterminatedCompleted:
    '[Reading 3 lines from line 1 (total: 4 lines, 0 remaining)]\n\nline2\nline3\ntail\n✅ Process completed with exit code 0 (runtime: 2.11s)',
  partialPrompt: '[Reading last 1 lines (total: 1 lines)]\n\nContinue? [y/N] ',
  noOutput: '[Reading last 0 lines (total: 0 lines)]\n\n(No output in requested range)\n✅ Process completed with exit code 0 (runtime: 0.05s)',
  signalled: '[Reading last 4 lines (total: 4 lines)]\n\na\r\nb\n\nc\n✅ Process completed with exit code null (runtime: 0.05s)',
  evicted:
    '[Reading 0 lines from line 100000 (total: 49 lines, 0 remaining)]\n[WARNING: output exceeded the 50MB buffer cap; the 11 earliest lines were evicted and cannot be read. Line numbers and totals refer to the retained buffer only]\n\n(No output in requested range)\n✅ Process completed with exit code 0 (runtime: 2.42s)',
  noSession: 'No session found for PID 999999',
};

describe('Desktop Commander replies', () => {
  test('start_process: the PID of a started process, none for a refusal', () => {
    assert.equal(parseStartedPid(CAPTURED.started), 25187);
    assert.equal(parseStartedPid(CAPTURED.startedRunning), 25357);
    assert.equal(parseStartedPid(CAPTURED.refused), null);
    // node:local starts a virtual session with a negative PID that read_process_output cannot follow
    assert.equal(parseStartedPid('Node.js session started with PID -1000 (MCP server execution)'), null);
  });

  test('a completed read: its lines, and the exit code only from the completion line', () => {
    for (const text of [CAPTURED.tailCompleted, CAPTURED.newLinesCompleted]) {
      assert.deepEqual(parseOutputPage(text), {
        count: 2,
        total: 2,
        evicted: 0,
        lines: ['hi', ''],
        exit: { code: 3, runtimeMs: 50 },
      });
    }
    const last = parseOutputPage(CAPTURED.unterminatedCompleted);
    assert.deepEqual(last?.lines, ['line2', 'line3', 'tail']);
    assert.deepEqual(last?.exit, { code: 0, runtimeMs: 2110 });
  });

  test('a running read has no exit; its last line may be partial', () => {
    assert.deepEqual(parseOutputPage(CAPTURED.tailRunning), { count: 2, total: 2, evicted: 0, lines: ['line1', ''], exit: null });
    assert.deepEqual(parseOutputPage(CAPTURED.fromLineRunning)?.lines, ['line2', '']);
    assert.deepEqual(parseOutputPage(CAPTURED.partialPrompt)?.lines, ['Continue? [y/N] ']);
  });

  test('the placeholder for an empty range is not output', () => {
    assert.deepEqual(parseOutputPage(CAPTURED.pastTheEnd), { count: 0, total: 3, evicted: 0, lines: [], exit: null });
    assert.deepEqual(parseOutputPage(CAPTURED.noOutput)?.lines, []);
    assert.deepEqual(parseOutputPage(CAPTURED.noOutput)?.exit, { code: 0, runtimeMs: 50 });
    // one empty line joins to "" and is printed as the placeholder too
    assert.deepEqual(parseOutputPage('[Reading 1 lines from line 2 (total: 3 lines, 0 remaining)]\n\n(No output in requested range)')?.lines, ['']);
  });

  test('killed by a signal: exit code null; CR and empty lines are kept for the line splitter', () => {
    const page = parseOutputPage(CAPTURED.signalled);
    assert.deepEqual(page?.lines, ['a\r', 'b', '', 'c']);
    assert.deepEqual(page?.exit, { code: null, runtimeMs: 50 });
  });

  test('the eviction warning gives how many earliest lines DC dropped', () => {
    assert.deepEqual(parseOutputPage(CAPTURED.evicted), {
      count: 0,
      total: 49,
      evicted: 11,
      lines: [],
      exit: { code: 0, runtimeMs: 2420 },
    });
  });

  test('output that prints a completion line itself does not end the process', () => {
    const text = '[Reading 2 lines from line 1 (total: 3 lines, 0 remaining)]\n\n✅ Process completed with exit code 0 (runtime: 0.01s)\n';
    const page = parseOutputPage(text);
    assert.deepEqual(page?.lines, ['✅ Process completed with exit code 0 (runtime: 0.01s)', '']);
    assert.equal(page?.exit, null);
  });

  test('a reply with fewer lines than its header says is not taken', () => {
    assert.equal(parseOutputPage('[Reading 3 lines from line 1 (total: 4 lines, 0 remaining)]\n\nline2\nli'), null);
  });

  test('other texts are not pages', () => {
    assert.equal(parseOutputPage(CAPTURED.noSession), null);
    assert.equal(parseOutputPage(CAPTURED.started), null);
  });

  test('the text of a result joins its text items and skips the rest', () => {
    const text = resultText({
      content: [
        { type: 'text', text: 'one' },
        { type: 'image', data: '', mimeType: 'image/png' },
        { type: 'text', text: 'two' },
      ],
    });
    assert.equal(text, 'one\ntwo');
  });
});
