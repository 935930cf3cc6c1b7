import { memo } from 'react';
import { parseAnsi } from '../ansi.ts';
import { spanLook } from '../ansi-style.ts';
import { highlight, type Hit } from './highlight.ts';
import type { LogLine } from './log-line.ts';

const NO_HITS: readonly Hit[] = [];

/**
 * One log line: number, stream marker, text. The text is React text nodes only (log lines are untrusted),
 * coloured from its ANSI escapes. stderr shows an "err" marker and a tint, system lines a "›" and dim text,
 * so neither depends on colour alone.
 */
export const LogRow = memo(function LogRow({ line, top, hits = NO_HITS }: { line: LogLine; top: number; hits?: readonly Hit[] }) {
  const kind = line.stderr ? ' is-stderr' : line.output ? '' : ' is-system';
  return (
    <div className={`log-row${kind}`} style={{ transform: `translateY(${top}px)` }}>
      <span className="log-number" aria-hidden="true">{line.number || ''}</span>
      <span className="log-marker" title={line.stderr ? 'stderr' : line.output ? undefined : 'system line'}>
        {line.stderr ? 'err' : line.output ? '' : '›'}
      </span>
      <span className="log-text">
        {highlight(parseAnsi(line.text), hits).map((piece, i) => {
          const look = spanLook(piece.style);
          const mark = piece.mark === 'none' ? '' : ` log-hit${piece.mark === 'current' ? ' log-hit-current' : ''}`;
          const className = `${look.className}${mark}`;
          // A hit's own background wins over the line's, so the match stays visible on coloured text.
          const background = piece.mark === 'none' ? look.backgroundColor : undefined;
          const style = look.color || background ? { color: look.color, backgroundColor: background } : undefined;
          return className || style ? <span key={i} className={className || undefined} style={style}>{piece.text}</span> : piece.text;
        })}
      </span>
    </div>
  );
});
