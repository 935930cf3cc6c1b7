import { LineCounter, parseDocument } from 'yaml';
import { deeperThan, MAX_DEPTH } from './nesting.ts';
import type { Report } from './report.ts';

export interface ParsedYaml {
  value: unknown;
  /** The file line of the value at `path`, or of its nearest ancestor written in the text. */
  lineAt(path: readonly PropertyKey[]): number;
}

/**
 * YAML (JSON and flow mappings included) that starts at file line `firstLine`: its value, and where each of its
 * parts sits, so a problem found later (a bad parameter type) still names its line. Syntax errors go to the
 * report, each at its own line; the result is then null.
 */
export function parseYamlAt(text: string, firstLine: number, report: Report): ParsedYaml | null {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => firstLine + counter.linePos(offset).line - 1;
  if (doc.errors.length) {
    for (const error of doc.errors) report.problem(lineOf(error.pos[0]), `YAML: ${firstSentence(error.message)}`);
    return null;
  }
  let value: unknown;
  try {
    // A few aliases are fine; a "billion laughs" document is not something a person wrote.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    report.problem(firstLine, `YAML: ${(error as Error).message}`);
    return null;
  }
  if (deeperThan(value, MAX_DEPTH)) {
    report.problem(firstLine, `YAML: nested deeper than ${MAX_DEPTH} levels`);
    return null;
  }
  return {
    value,
    lineAt(path) {
      for (let length = path.length; length > 0; length--) {
        const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lineOf(node.range[0]);
      }
      const root = doc.contents?.range;
      return root ? lineOf(root[0]) : firstLine;
    },
  };
}

/** yaml's messages end with "at line 3, column 7:" and a code frame; the report already names the line. */
const firstSentence = (message: string) => /Maximum call stack/.test(message) ? `nested deeper than ${MAX_DEPTH} levels`
  : message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
