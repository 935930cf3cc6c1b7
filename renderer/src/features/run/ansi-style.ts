import type { AnsiColor, AnsiStyle } from './ansi.ts';

/**
 * How one ANSI style is drawn: palette colours and attributes as classes (log.css gives the 16 colours a shade
 * per theme), 256-colour and truecolor values as inline colours. Inline colours go through React's style prop
 * (CSSOM), which the page's `style-src 'self'` policy allows.
 */
export interface SpanLook {
  className: string;
  color?: string;
  backgroundColor?: string;
}

export function spanLook(style: AnsiStyle): SpanLook {
  const classes: string[] = [];
  const look: SpanLook = { className: '' };
  // Inverse swaps the two colours; a missing one is the log's own foreground/background.
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? style.fg : style.bg;
  if (fg) paint(fg, 'fg', classes, look);
  else if (style.inverse) classes.push('ansi-fg-inverse');
  if (bg) paint(bg, 'bg', classes, look);
  else if (style.inverse) classes.push('ansi-bg-inverse');
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  look.className = classes.join(' ');
  return look;
}

function paint(color: AnsiColor, layer: 'fg' | 'bg', classes: string[], look: SpanLook): void {
  if ('palette' in color) {
    classes.push(`ansi-${layer}-${color.palette}`);
    return;
  }
  const css = `rgb(${color.rgb.join(' ')})`;
  if (layer === 'fg') look.color = css;
  else look.backgroundColor = css;
}
