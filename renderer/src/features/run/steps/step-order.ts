/** A plan step as far as ordering goes. */
export interface StepNode {
  id: string;
  needs: readonly string[];
}

/**
 * The steps in DAG order: a step comes after every step it needs; among the steps that are ready at the same
 * time, the one written first in the plan goes first. Needs naming no step are ignored; if a cycle slipped
 * through (the plan validator rejects them), its steps follow in plan order rather than vanish.
 */
export function dagOrder(steps: readonly StepNode[]): string[] {
  const known = new Set(steps.map((step) => step.id));
  const done = new Set<string>();
  const left = [...steps];
  const order: string[] = [];
  while (left.length > 0) {
    const ready = left.findIndex((step) => step.needs.every((need) => done.has(need) || !known.has(need) || need === step.id));
    const [next] = left.splice(Math.max(ready, 0), 1);
    done.add(next!.id);
    order.push(next!.id);
  }
  return order;
}
