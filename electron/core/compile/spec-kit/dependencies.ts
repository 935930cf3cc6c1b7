/**
 * Dependencies written as text, the only way Spec Kit has: a task's own `(depends on T012, T013)`, and the
 * 2025 format's Dependencies section: `Tests (T004-T007) before implementation (T008-T014)`,
 * `T008 blocks T010, T011`, `T015 requires T014`. A reference is one ID or a range of them.
 */
export interface IdRef {
  first: string;
  /** The end of a range (`T004-T007`), inclusive. */
  last?: string;
}

const REF = /\bT\d+(?:\s*(?:-|–|—|\.\.|to|through)\s*T\d+)?\b/g;

export function idRefs(text: string): IdRef[] {
  return [...text.matchAll(REF)].map(([ref]) => {
    const [first, last] = ref.match(/T\d+/g)!;
    return last ? { first: first!, last } : { first: first! };
  });
}

/** What follows "depends on" in a task's text, up to the closing parenthesis or the end of the sentence. */
export function inlineDependsOn(description: string): IdRef[] {
  return [...description.matchAll(/\bdepends?\s+on\s+([^);]*)/gi)].flatMap((match) => idRefs(match[1]!));
}

/** One line of a Dependencies section as "these before those", or null when it does not relate task IDs. */
export function dependencyRule(line: string): { before: IdRef[]; after: IdRef[] } | null {
  const word = /\b(blocks?|before|depends?\s+on|requires?|needs|after)\b/i.exec(line);
  if (!word) return null;
  const left = idRefs(line.slice(0, word.index));
  const right = idRefs(line.slice(word.index + word[0].length));
  if (left.length === 0 || right.length === 0) return null; // prose such as "Implementation before polish (T025-T030)"
  return /^(blocks?|before)$/i.test(word[1]!) ? { before: left, after: right } : { before: right, after: left };
}

export const refText = (ref: IdRef) => (ref.last ? `${ref.first}-${ref.last}` : ref.first);
