import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineSplitter, MAX_LINE_CHARS } from '../../../electron/core/executor/line-splitter.ts';

/** Feeds the chunks (strings are UTF-8 encoded) and returns every line emitted, ending the stream. */
function split(chunks: (string | Buffer)[], end = true): string[] {
  const lines: string[] = [];
  const splitter = lineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  if (end) splitter.end();
  return lines;
}

describe('lineSplitter', () => {
  test('splits on \\n and keeps empty lines', () => {
    assert.deepEqual(split(['a\n\nb\n']), ['a', '', 'b']);
  });

  test('joins a line written across several chunks', () => {
    assert.deepEqual(split(['he', 'll', 'o\nwor', 'ld\n']), ['hello', 'world']);
  });

  test('strips \\r\\n endings, also when \\r and \\n arrive in different chunks', () => {
    assert.deepEqual(split(['one\r\ntwo\r', '\nthree\r\n']), ['one', 'two', 'three']);
  });

  test('keeps a \\r that is not at the end of the line', () => {
    assert.deepEqual(split(['50%\r100%\n']), ['50%\r100%']);
  });

  test('delivers an unterminated last line only at end()', () => {
    const lines: string[] = [];
    const splitter = lineSplitter((line) => lines.push(line));
    splitter.write(Buffer.from('first\nlast'));
    assert.deepEqual(lines, ['first']);
    splitter.end();
    assert.deepEqual(lines, ['first', 'last']);
  });

  test('end() after a final newline adds no empty line', () => {
    assert.deepEqual(split(['a\nb\n']), ['a', 'b']);
    assert.deepEqual(split([]), []);
  });

  test('replaces NUL with U+FFFD', () => {
    assert.deepEqual(split([Buffer.from([0x61, 0x00, 0x62, 0x00, 0x0a])]), ['a\uFFFDb\uFFFD']);
  });

  test('decodes multibyte UTF-8 split across chunks, one byte per chunk', () => {
    const text = 'é€😀 ok';
    const bytes = Buffer.from(`${text}\n`);
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    assert.deepEqual(split(chunks), [text]);
  });

  test('an invalid byte sequence becomes U+FFFD rather than being dropped', () => {
    assert.deepEqual(split([Buffer.from([0x61, 0xff, 0x62, 0x0a])]), ['a\uFFFDb']);
  });

  test('cuts a long line into MAX_LINE_CHARS pieces that join back to the line', () => {
    const line = 'x'.repeat(MAX_LINE_CHARS * 2 + 5);
    const lines = split([`${line}\nnext\n`]);
    assert.deepEqual(lines.map((l) => l.length), [MAX_LINE_CHARS, MAX_LINE_CHARS, 5, 4]);
    assert.equal(lines.slice(0, 3).join(''), line);
  });

  test('a line of exactly MAX_LINE_CHARS is one piece', () => {
    const line = 'y'.repeat(MAX_LINE_CHARS);
    assert.deepEqual(split([`${line}\n`]), [line]);
  });

  test('emits pieces of a runaway line before its end arrives (bounded memory)', () => {
    const lines: string[] = [];
    const splitter = lineSplitter((line) => lines.push(line));
    splitter.write(Buffer.from('z'.repeat(MAX_LINE_CHARS + 10)));
    assert.deepEqual(lines.map((l) => l.length), [MAX_LINE_CHARS]);
    splitter.write(Buffer.from('\n'));
    assert.deepEqual(lines.map((l) => l.length), [MAX_LINE_CHARS, 10]);
  });

  test('a line of exactly MAX_LINE_CHARS whose \\r\\n is split across chunks gives no extra empty line', () => {
    const line = 'w'.repeat(MAX_LINE_CHARS);
    const lines = split([`${line}\r`, '\n', 'after\n']);
    assert.deepEqual(lines.map((l) => (l === line ? 'the line' : l)), ['the line', 'after']);
  });

  test('cutting a long line never splits a character (surrogate pair) in two', () => {
    // 1 ASCII char then emoji (2 UTF-16 units each): every MAX_LINE_CHARS boundary falls inside a pair.
    const line = `a${'😀'.repeat(MAX_LINE_CHARS)}`;
    const pieces = split([`${line}\n`]);
    assert.ok(pieces.length >= 2);
    for (const [i, piece] of pieces.entries()) {
      assert.ok(piece.isWellFormed(), `piece ${i} holds a lone surrogate: it would be stored as U+FFFD`);
      assert.ok(piece.length <= MAX_LINE_CHARS);
    }
    assert.equal(pieces.join(''), line);
  });
});
