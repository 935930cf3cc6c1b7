import type { AnsiSegment, AnsiStyle } from '../ansi.ts';

/** A search hit inside one line, as offsets into the line's plain (escape-free) text. */
export interface Hit {
  start: number;
  end: number;
  current: boolean;
}

export interface Piece {
  text: string;
  style: AnsiStyle;
  mark: 'none' | 'match' | 'current';
}

/**
 * Cuts a line's styled segments at the hits' edges so a hit that spans two colours is still marked whole.
 * `hits` are sorted and do not overlap (findHits makes them so).
 */
export function highlight(segments: readonly AnsiSegment[], hits: readonly Hit[]): Piece[] {
  if (hits.length === 0) return segments.map((segment) => ({ ...segment, mark: 'none' }));
  const pieces: Piece[] = [];
  let offset = 0;
  let h = 0;
  for (const segment of segments) {
    const segEnd = offset + segment.text.length;
    let at = offset;
    while (at < segEnd) {
      while (h < hits.length && hits[h]!.end <= at) h++;
      const hit = hits[h];
      let end: number;
      let mark: Piece['mark'] = 'none';
      if (hit && hit.start <= at) {
        end = Math.min(hit.end, segEnd);
        mark = hit.current ? 'current' : 'match';
      } else {
        end = hit ? Math.min(hit.start, segEnd) : segEnd;
      }
      pieces.push({ text: segment.text.slice(at - offset, end - offset), style: segment.style, mark });
      at = end;
    }
    offset = segEnd;
  }
  return pieces;
}

/** The search as a pattern: the text literally, case-insensitive (a RegExp keeps offsets exact where
 * lower-casing would change a string's length, as with "İ"). */
export function searchPattern(query: string): RegExp | null {
  return query ? new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu') : null;
}

/** Every non-overlapping occurrence of the pattern in `text`, as [start, end) offsets. */
export function findHits(text: string, pattern: RegExp): Array<{ start: number; end: number }> {
  const hits: Array<{ start: number; end: number }> = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}
