/**
 * The parts of a Markdown document a runbook is made of, in order: fenced code blocks, headings, HTML comments
 * (where our annotations live) and every other line as prose. Not a full CommonMark parser: it follows the
 * rules that decide what is a code block (fence length, indentation, fences inside longer fences, fences in
 * list items and comments), since a misread block would run text that was never meant as a command.
 */
export type MarkdownPart =
  | { kind: 'text'; line: number; raw: string }
  | { kind: 'heading'; line: number; level: number; text: string; raw: string }
  | { kind: 'comment'; line: number; body: string; raw: string }
  | { kind: 'fence'; line: number; info: string; body: string; raw: string; closed: boolean };

const FENCE = /^( *)(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const COMMENT_OPEN = /^\s*<!--/;

/** `lines` are the document's lines from file line `firstLine` on. */
export function scanMarkdown(lines: readonly string[], firstLine: number): MarkdownPart[] {
  const parts: MarkdownPart[] = [];
  // Where the content of the current list item starts: a fence indented to it belongs to the item.
  let listIndent: number | null = null;
  let index = 0;
  while (index < lines.length) {
    const raw = lines[index]!;
    const line = firstLine + index;
    if (raw.trim() === '') {
      parts.push({ kind: 'text', line, raw });
      index++;
      continue;
    }
    const item = LIST_ITEM.exec(raw);
    if (item) listIndent = item[0].length + (item[3] ? 0 : 1);
    else if (!/^\s/.test(raw)) listIndent = null;
    const maxIndent = (item ? 0 : listIndent ?? 0) + 3;

    const fence = FENCE.exec(raw);
    if (fence && fence[1]!.length <= maxIndent && !(fence[2]![0] === '`' && fence[3]!.includes('`'))) {
      index = readFence(lines, index, fence[1]!.length, fence[2]!, maxIndent, (body, closed, end) => parts.push({
        kind: 'fence', line, info: fence[3]!.trim(), body, closed, raw: lines.slice(index, end).join('\n'),
      }));
      continue;
    }
    if (COMMENT_OPEN.test(raw)) {
      index = readComment(lines, index, (body, end) => parts.push({ kind: 'comment', line, body, raw: lines.slice(index, end).join('\n') }));
      continue;
    }
    const atx = ATX_HEADING.exec(raw);
    if (atx) {
      // "## Deploy ##": the closing hashes are not part of the title.
      const text = atx[2]!.trim().replace(/(?:^|[ \t]+)#+$/, '');
      parts.push({ kind: 'heading', line, level: atx[1]!.length, text, raw });
    } else if (SETEXT_UNDERLINE.test(raw) && parts.at(-1)?.kind === 'text' && parts.at(-1)!.raw.trim() && !LIST_ITEM.test(parts.at(-1)!.raw)) {
      // "Title" over "=====": the line above was a heading all along.
      const title = parts.pop()!;
      parts.push({ kind: 'heading', line: title.line, level: raw.includes('=') ? 1 : 2, text: title.raw.trim(), raw: `${title.raw}\n${raw}` });
    } else {
      parts.push({ kind: 'text', line, raw });
    }
    index++;
  }
  return parts;
}

/** Reads a fenced block opened at `start`; returns the index after it. Unclosed, it runs to the end (CommonMark). */
function readFence(lines: readonly string[], start: number, indent: number, marker: string, maxIndent: number,
  emit: (body: string, closed: boolean, end: number) => void): number {
  const closing = new RegExp(`^ {0,${maxIndent}}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  const indentation = new RegExp(`^ {0,${indent}}`);
  const body: string[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    if (closing.test(raw)) {
      emit(body.join('\n'), true, index + 1);
      return index + 1;
    }
    // Content loses as much indentation as the opening fence had, no more.
    body.push(raw.replace(indentation, ''));
  }
  emit(body.join('\n'), false, lines.length);
  return lines.length;
}

/** Reads an HTML comment opened at `start` (`<!--` … `-->`, maybe over several lines); returns the index after it. */
function readComment(lines: readonly string[], start: number, emit: (body: string, end: number) => void): number {
  const first = lines[start]!;
  const body = [first.slice(first.indexOf('<!--') + 4)];
  for (let index = start; index < lines.length; index++) {
    if (index > start) body.push(lines[index]!);
    const close = body.at(-1)!.indexOf('-->');
    if (close >= 0) {
      body.push(body.pop()!.slice(0, close));
      emit(body.join('\n'), index + 1);
      return index + 1;
    }
  }
  emit(body.join('\n'), lines.length);
  return lines.length;
}
