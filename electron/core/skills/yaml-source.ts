import { LineCounter, parseDocument, type Document } from 'yaml';
import { basename } from 'node:path';
import type { SkillProblem } from '../../../shared/skills/skill-schema.ts';
import { formatPath } from '../plans/validate-plan.ts';

export type ValuePath = readonly (string | number)[];

/** A skill file's text parsed once: its value, and where each value sits so a problem names its line. */
export interface YamlSource {
  value: unknown;
  /** The problem at `path` (a path into the value, zod-style), placed on the line of the deepest node of the
   * path that exists (a missing key points at the object that lacks it). */
  problem(path: ValuePath, message: string): SkillProblem;
  /** The problem at a line of the file, without a field. */
  problemAt(line: number, message: string): SkillProblem;
}

export type ParsedYaml = { ok: true; yaml: YamlSource } | { ok: false; problems: SkillProblem[] };

export function parseYaml(text: string, path: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const file = basename(path);
  const problemAt = (line: number, message: string): SkillProblem => ({ path, file, line, field: null, message });
  if (doc.errors.length) {
    return { ok: false, problems: doc.errors.map((error) => problemAt(lineCounter.linePos(error.pos[0]).line, `YAML: ${error.message}`)) };
  }
  let value: unknown;
  try {
    // Aliases expanding to huge values are the one way a small file becomes a big value: cap them.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [problemAt(1, `YAML: ${(error as Error).message}`)] };
  }
  return {
    ok: true,
    yaml: {
      value,
      problemAt,
      problem: (at, message) => ({ path, file, line: lineOf(doc, lineCounter, at), field: formatPath(at) || null, message }),
    },
  };
}

function lineOf(doc: Document, lineCounter: LineCounter, path: ValuePath): number {
  for (let length = path.length; length > 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  const root = doc.contents as { range?: [number, number, number] } | null;
  return root?.range ? lineCounter.linePos(root.range[0]).line : 1;
}
