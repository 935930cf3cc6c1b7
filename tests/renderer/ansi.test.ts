import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { spanLook } from '../../renderer/src/features/run/ansi-style.ts';
import { PLAIN, parseAnsi, stripAnsi, type AnsiSegment } from '../../renderer/src/features/run/ansi.ts';

const ESC = '\x1b';
/** The segments as [text, changed style fields] pairs, for short assertions. */
const brief = (segments: AnsiSegment[]) => segments.map(({ text, style }) => [text, Object.fromEntries(
  Object.entries(style).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(PLAIN[key as keyof typeof PLAIN])),
)]);

describe('parseAnsi', () => {
  it('returns plain text as one unstyled segment, and nothing for an empty line', () => {
    assert.deepEqual(brief(parseAnsi('hello world')), [['hello world', {}]]);
    assert.deepEqual(parseAnsi(''), []);
  });

  it('reads the 8 colours, bright colours, backgrounds and reset', () => {
    assert.deepEqual(brief(parseAnsi(`${ESC}[31mred${ESC}[0m plain ${ESC}[92;44mbright${ESC}[m`)), [
      ['red', { fg: { palette: 1 } }],
      [' plain ', {}],
      ['bright', { fg: { palette: 10 }, bg: { palette: 4 } }],
    ]);
    assert.deepEqual(brief(parseAnsi(`${ESC}[103mx${ESC}[39;49my`)), [['x', { bg: { palette: 11 } }], ['y', {}]]);
  });

  it('reads bold, dim, italic, underline, strike, inverse and their resets', () => {
    assert.deepEqual(brief(parseAnsi(`${ESC}[1;2;3;4;9;7ma${ESC}[22;23;24;29;27mb`)), [
      ['a', { bold: true, dim: true, italic: true, underline: true, strike: true, inverse: true }],
      ['b', {}],
    ]);
    assert.deepEqual(brief(parseAnsi(`${ESC}[4:3mcurly${ESC}[4:0mnone`)), [['curly', { underline: true }], ['none', {}]]);
  });

  it('reads 256-colour and truecolor, with semicolons or colons', () => {
    assert.deepEqual(brief(parseAnsi(`${ESC}[38;5;196ma${ESC}[38;5;3mb${ESC}[48;5;240mc`)), [
      ['a', { fg: { rgb: [255, 0, 0] } }],
      ['b', { fg: { palette: 3 } }],
      ['c', { fg: { palette: 3 }, bg: { rgb: [88, 88, 88] } }],
    ]);
    assert.deepEqual(brief(parseAnsi(`${ESC}[38;2;10;20;30;1ma${ESC}[0;38:2::1:2:3mb${ESC}[48:2:4:5:6mc`)), [
      ['a', { fg: { rgb: [10, 20, 30] }, bold: true }],
      ['b', { fg: { rgb: [1, 2, 3] } }],
      ['c', { fg: { rgb: [1, 2, 3] }, bg: { rgb: [4, 5, 6] } }],
    ]);
  });

  it('ignores out-of-range or incomplete extended colours without eating the text', () => {
    assert.deepEqual(brief(parseAnsi(`${ESC}[38;5;300mx${ESC}[38;2;1;2my${ESC}[38mz`)), [['xyz', {}]]);
  });

  it('drops every other escape: cursor, erase, private modes, OSC hyperlinks and titles, charsets', () => {
    const line = `${ESC}[2K${ESC}[1G${ESC}[?25l${ESC}]0;title\x07${ESC}]8;;https://x.test${ESC}\\link${ESC}]8;;${ESC}\\${ESC}(Bdone`;
    assert.equal(stripAnsi(line), 'linkdone');
    assert.equal(stripAnsi('\x9b31mC1 csi'), 'C1 csi');
  });

  it('never shows a malformed or cut-off escape raw', () => {
    for (const line of [`a${ESC}`, `a${ESC}[`, `a${ESC}[31`, `a${ESC}[31;`, `a${ESC}]unterminated`, `a${ESC}[3\x07`]) {
      const text = stripAnsi(line);
      assert.equal(text, 'a', JSON.stringify(line));
    }
    // A CSI broken by a byte that cannot be in one ends there; the text after it stays.
    assert.equal(stripAnsi(`${ESC}[31\u00e9t\u00e9`), '\u00e9t\u00e9');
  });

  it('strips control characters but keeps tabs', () => {
    assert.equal(stripAnsi('a\tb\x07c\bd\re\x00'), 'a\tbcde');
  });

  it('joins equal styles: a reset that changes nothing does not split the text', () => {
    assert.deepEqual(brief(parseAnsi(`a${ESC}[0mb${ESC}[31m${ESC}[31mc`)), [['ab', {}], ['c', { fg: { palette: 1 } }]]);
  });
});

describe('spanLook', () => {
  it('gives palette colours and attributes as classes, other colours as inline rgb', () => {
    const [red, rgb] = parseAnsi(`${ESC}[1;31;4mred${ESC}[0;38;2;1;2;3;48;5;21mx`);
    assert.deepEqual(spanLook(red!.style), { className: 'ansi-fg-1 ansi-bold ansi-underline' });
    assert.deepEqual(spanLook(rgb!.style), { className: '', color: 'rgb(1 2 3)', backgroundColor: 'rgb(0 0 255)' });
  });

  it('swaps colours for inverse, using the log colours where one is missing', () => {
    const [a] = parseAnsi(`${ESC}[7;32mx`);
    assert.deepEqual(spanLook(a!.style), { className: 'ansi-fg-inverse ansi-bg-2' });
  });
});

describe('parseAnsi on any input', () => {
  it('never lets an escape or a control character through, and keeps every printable character', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(ESC, `${ESC}[`, '\x9b', ';', 'm', '38;5;', '2;', ']', '\x07', '\\', '\r', '['),
    );
    fc.assert(fc.property(fc.array(piece), (pieces) => {
      const text = stripAnsi(pieces.join(''));
      assert.doesNotMatch(text, /[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
    }));
    fc.assert(fc.property(fc.string(), (line) => {
      const printable = line.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, '');
      assert.equal(stripAnsi(printable), printable);
    }));
  });
});
