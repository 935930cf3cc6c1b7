import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../../shared/ir/plan.ts';

/** How many times each step's command ran: each appends a line to <dir>/<step>.count (the side effect a reuse
 * must not repeat). */
export const runsOf = (dir: string, stepId: string): number =>
  existsSync(join(dir, `${stepId}.count`)) ? readFileSync(join(dir, `${stepId}.count`), 'utf8').split('\n').filter(Boolean).length : 0;

const count = (dir: string, stepId: string) => `echo ran >> '${join(dir, `${stepId}.count`)}'`;

/**
 * make → build → check. make writes made.txt (proved by a file verifier: delete it and its recorded outcome no
 * longer holds); build prints built-42; check fails until fixed.txt exists, and prints what build printed (a
 * reused step's outputs must still reach it).
 */
export function threeSteps(dir: string): Plan {
  const made = join(dir, 'made.txt');
  return {
    irVersion: 1,
    name: 'make, build, check',
    steps: [
      { id: 'make', tool: 'shell', input: { command: `${count(dir, 'make')} && echo made > '${made}'` },
        verify: [{ kind: 'exit_code' }, { kind: 'file', path: made, contains: 'made' }] },
      { id: 'build', tool: 'shell', needs: ['make'], input: { command: `${count(dir, 'build')} && echo built-42` },
        verify: [{ kind: 'exit_code' }, { kind: 'output', regex: '^built-42$', flags: 'm' }] },
      { id: 'check', tool: 'shell', needs: ['build'],
        input: { command: `${count(dir, 'check')}; test -f '${join(dir, 'fixed.txt')}' && echo 'saw \${steps.build.stdout}'` },
        verify: [{ kind: 'exit_code' }, { kind: 'output', regex: '^saw built-42$', flags: 'm' }] },
    ],
  };
}

/** a → (b → d, c): rerun from b must run b and d, and reuse a and c. */
export function diamond(dir: string): Plan {
  const step = (id: string, needs: string[]) => ({
    id, tool: 'shell', needs, input: { command: `${count(dir, id)} && echo ${id}-done-\${params.tag}` }, verify: [{ kind: 'exit_code' as const }],
  });
  return { irVersion: 1, name: 'diamond', params: { tag: { type: 'string', default: 'v1' } },
    steps: [step('a', []), step('b', ['a']), step('c', ['a']), step('d', ['b'])] };
}
