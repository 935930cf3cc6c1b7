/**
 * The lines of a Markdown file that hold content, numbered from 1: front matter, fenced code blocks (the
 * template's "Parallel Example" quotes tasks in one) and HTML comments (its sample-task notice) are left
 * out, so nothing inside them is taken for a task.
 */
export function* markdownLines(lines: readonly string[]): Generator<{ line: string; number: number }> {
  let fence: string | null = null;
  let inComment = false;
  let start = 0;
  if (/^\uFEFF?---\s*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) start = end + 1;
  }
  for (let i = start; i < lines.length; i++) {
    let line = i === 0 ? lines[0]!.replace(/^\uFEFF/, '') : lines[i]!;
    if (fence) {
      if (new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) fence = null;
      continue;
    }
    if (inComment) {
      const end = line.indexOf('-->');
      if (end < 0) continue;
      inComment = false;
      line = line.slice(end + 3);
    }
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (opening) {
      fence = opening[1]!;
      continue;
    }
    line = line.replace(/<!--.*?-->/g, '');
    const open = line.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      line = line.slice(0, open);
    }
    yield { line, number: i + 1 };
  }
}
