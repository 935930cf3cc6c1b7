import { StepIdSchema } from '../../../../shared/ir/plan.ts';
import type { Report } from './report.ts';

export interface IdSource {
  line: number;
  /** The block's `name` attribute. */
  name?: string;
  /** The nearest heading above the block. */
  heading?: string;
}

/** "Deploy the app!" → "deploy-the-app"; null when nothing of it can be an id. */
export function slug(text: string): string | null {
  const id = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-').replace(/^[-_]+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
  return id ? id : null;
}

/**
 * One id per step. A `name` attribute is the id when it is one (else its slug): two blocks naming the same id
 * are an error, since `needs` could not tell them apart. Other blocks take their heading's slug (or step-N),
 * numbered -2, -3… when a heading has several blocks; those never clash with a named block's id.
 */
export function assignIds(sources: readonly IdSource[], report: Report): string[] {
  const named = new Map<string, number>();
  const explicit = sources.map((source) => {
    if (source.name === undefined) return null;
    const id = StepIdSchema.safeParse(source.name).success ? source.name : slug(source.name);
    if (id === null) return null;
    const first = named.get(id);
    if (first !== undefined) report.problem(source.line, `duplicate step id "${id}": the block at line ${first} has it too`);
    else named.set(id, source.line);
    return id;
  });
  const taken = new Set(named.keys());
  return sources.map((source, index) => {
    const id = explicit[index];
    if (id) return id;
    const base = (source.heading && slug(source.heading)) || `step-${index + 1}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 60)}-${n}`;
    taken.add(candidate);
    return candidate;
  });
}
