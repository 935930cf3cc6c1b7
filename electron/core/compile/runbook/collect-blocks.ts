import { parseInfoString } from './attributes.ts';
import { readBlockOptions, type BlockOptions, type OptionSource } from './block-options.ts';
import type { Report } from './report.ts';
import type { MarkdownPart } from './scan-markdown.ts';
import { planReferencesIn, SHELL_LANGUAGES } from './shell-command.ts';
import { parseYamlAt } from './yaml-lines.ts';

/** A shell block that becomes a step, with what the document says around it. */
export interface RunbookBlock {
  /** The line of its opening fence. */
  line: number;
  language: string;
  body: string;
  options: BlockOptions;
  /** The prose since the previous step: headings, paragraphs, other blocks. */
  description?: string;
  /** The nearest heading above it. */
  heading?: string;
}

export interface CollectedRunbook {
  blocks: RunbookBlock[];
  /** The first level-1 heading. */
  title?: { text: string; line: number };
}

const MAX_DESCRIPTION = 5000;
const ANNOTATION = /^\s*opsroom:/;

/** Walks the document in order, turning shell blocks into steps and everything else into their descriptions. */
export function collectBlocks(parts: readonly MarkdownPart[], report: Report): CollectedRunbook {
  const blocks: RunbookBlock[] = [];
  let title: CollectedRunbook['title'];
  let heading: string | undefined;
  let prose: string[] = [];
  // An opsroom comment waiting for the block below it.
  let pending: (OptionSource & { line: number }) | null = null;
  const orphan = (why: string) => {
    if (pending) report.problem(pending.line, `this opsroom comment is not directly above a shell code block: ${why}`);
    pending = null;
  };

  for (const part of parts) {
    if (part.kind === 'text' || part.kind === 'heading') {
      prose.push(part.raw);
      if (part.raw.trim()) orphan(`line ${part.line} comes between them`);
      if (part.kind === 'heading') {
        heading = part.text || heading;
        if (part.level === 1 && part.text && !title) title = { text: part.text, line: part.line };
      }
    } else if (part.kind === 'comment') {
      if (!ANNOTATION.test(part.body)) prose.push(part.raw);
      else {
        orphan(`another one follows at line ${part.line}`);
        pending = readAnnotation(part.body, part.line, report);
      }
    } else {
      const info = parseInfoString(part.info);
      if (!SHELL_LANGUAGES.has(info.language)) {
        orphan(`the block at line ${part.line} is ${info.language ? `"${info.language}"` : 'unlabelled'}, not sh, bash, shell or zsh`);
        if (!part.closed) report.warn(part.line, 'this code block is never closed: it runs to the end of the file');
        prose.push(part.raw);
        continue;
      }
      if (info.problem) report.problem(part.line, info.problem);
      if (info.ignored) report.warn(part.line, `ignored "${info.ignored}" after the language: block options are written {"name":"…"}`);
      const attributes: OptionSource = { where: `the attributes (line ${part.line})`, values: info.attributes, lineOf: () => part.line };
      const options = readBlockOptions(pending ? [pending, attributes] : [attributes], report);
      pending = null;
      if (options.skip) {
        prose.push(part.raw);
        continue;
      }
      if (!part.closed) report.problem(part.line, 'this code block is never closed: add the closing fence, or everything below it is shell code');
      if (!part.body.trim()) {
        report.warn(part.line, 'an empty code block is not a step');
        prose.push(part.raw);
        continue;
      }
      if (part.body.includes('\0')) report.problem(part.line, 'the block contains a NUL character, which no shell command can hold');
      for (const reference of planReferencesIn(part.body)) {
        report.problem(part.line, `"${reference}" in shell code is not replaced (values are never pasted into commands): `
          + 'read a parameter as "$NAME" (each declared parameter the block mentions is passed as an environment variable), '
          + 'or pass a step\'s output through env in an opsroom annotation');
      }
      blocks.push({ line: part.line, language: info.language, body: part.body, options, description: description(prose), heading });
      prose = [];
    }
  }
  orphan('the document ends first');
  return { blocks, title };
}

function readAnnotation(body: string, line: number, report: Report): OptionSource & { line: number } {
  const start = body.indexOf('opsroom:');
  const firstLine = line + (body.slice(0, start).match(/\n/g)?.length ?? 0);
  const where = `the opsroom comment (line ${firstLine})`;
  const yaml = parseYamlAt(body.slice(start + 'opsroom:'.length), firstLine, report);
  const value = yaml?.value;
  if (yaml && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    report.problem(firstLine, 'an opsroom comment holds block options: <!-- opsroom: {"needs": ["build"], "timeout": "5m"} -->');
  }
  const values = value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
  return { where, values, line: firstLine, lineOf: (key, path = []) => yaml?.lineAt([key, ...path]) ?? firstLine };
}

function description(prose: readonly string[]): string | undefined {
  const text = prose.join('\n').trim();
  if (!text) return undefined;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}
