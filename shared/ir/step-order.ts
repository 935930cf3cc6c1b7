/**
 * The order steps may run in, from their `needs`. Shared by the plan's structure checks and the executor, so
 * what the checker accepts is exactly what the executor can schedule.
 */
export interface OrderedStep {
  readonly id: string;
  readonly needs?: readonly string[] | undefined;
}

/** A graph of id -> distinct needs. Strict: a duplicate id or an unknown need throws (the plan was not checked). */
function needsGraph(steps: readonly OrderedStep[], strict: boolean): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const step of steps) {
    if (graph.has(step.id)) {
      if (strict) throw new Error(`duplicate step id "${step.id}"`);
      continue;
    }
    graph.set(step.id, [...new Set(step.needs ?? [])]);
  }
  for (const [id, needs] of graph) {
    const unknown = needs.find((need) => !graph.has(need));
    if (unknown !== undefined && strict) throw new Error(`step "${id}" needs unknown step "${unknown}"`);
    graph.set(id, needs.filter((need) => graph.has(need)));
  }
  return graph;
}

/**
 * Dependency cycles among known steps (unknown needs and repeated ids are ignored), up to `limit` of them.
 * Each lists ids that each need the next, the last repeating the first: [a, b, c, a]; [a, a] is a step
 * needing itself.
 */
export function findCycles(steps: readonly OrderedStep[], limit = 10): string[][] {
  const graph = needsGraph(steps, false);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const need of graph.get(id) ?? []) {
      if (cycles.length >= limit) break;
      // A need still open is on the current path: the edge closes a cycle.
      if (state.get(need) === 'open') cycles.push([...stack.slice(stack.indexOf(need)), need]);
      else if (!state.has(need)) visit(need);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of graph.keys()) if (!state.has(id) && cycles.length < limit) visit(id);
  return cycles;
}

/**
 * Steps in waves: wave 0 needs nothing, wave k needs only steps of earlier waves (at least one of wave k-1).
 * Within a wave, declaration order. Throws on a duplicate id, an unknown need or a cycle.
 */
export function topologicalWaves(steps: readonly OrderedStep[]): string[][] {
  const graph = needsGraph(steps, true);
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>([...graph.keys()].map((id) => [id, []]));
  for (const [id, needs] of graph) {
    waiting.set(id, needs.length);
    for (const need of needs) dependents.get(need)?.push(id);
  }
  const position = new Map([...graph.keys()].map((id, index) => [id, index]));
  const waves: string[][] = [];
  let wave = [...graph.keys()].filter((id) => waiting.get(id) === 0);
  let placed = 0;
  while (wave.length) {
    waves.push(wave);
    placed += wave.length;
    const next: string[] = [];
    for (const id of wave) {
      for (const dependent of dependents.get(id) ?? []) {
        const left = (waiting.get(dependent) ?? 0) - 1;
        waiting.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    wave = next.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  }
  if (placed < graph.size) throw new Error(`cycle: ${(findCycles(steps, 1)[0] ?? []).join(' -> ')}`);
  return waves;
}

/** Each step's transitive dependencies (not itself). Throws as topologicalWaves does. */
export function ancestors(steps: readonly OrderedStep[]): Map<string, Set<string>> {
  const order = topologicalWaves(steps).flat();
  const position = new Map(order.map((id, index) => [id, index]));
  const graph = needsGraph(steps, true);
  const result = new Map<string, Set<string>>([...graph.keys()].map((id) => [id, new Set<string>()]));
  for (const id of order) {
    const own = result.get(id) ?? new Set<string>();
    // Latest needs first: an earlier need already inside a later one's ancestry adds nothing, so skip it.
    const needs = [...(graph.get(id) ?? [])].sort((a, b) => (position.get(b) ?? 0) - (position.get(a) ?? 0));
    for (const need of needs) {
      if (own.has(need)) continue;
      own.add(need);
      for (const ancestor of result.get(need) ?? []) own.add(ancestor);
    }
  }
  return result;
}
