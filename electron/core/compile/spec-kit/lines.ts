/** A text cut into lines, each with the break that ended it ('' for the last), so a rewrite can put every
 * byte back: write-back keeps CRLF files CRLF. A lone CR counts as a break, as editors show it. */
export interface Lines {
  lines: string[];
  breaks: string[];
}

export function splitLines(text: string): Lines {
  const lines: string[] = [];
  const breaks: string[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push(text.slice(start, match.index));
    breaks.push(match[0]);
    start = match.index + match[0].length;
  }
  lines.push(text.slice(start));
  breaks.push('');
  return { lines, breaks };
}

export const joinLines = ({ lines, breaks }: Lines): string => lines.map((line, i) => line + breaks[i]).join('');
