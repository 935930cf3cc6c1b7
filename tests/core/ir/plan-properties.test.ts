import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { z } from 'zod';
import { PlanSchema } from '../../../shared/ir/plan.ts';
import { ancestors, topologicalWaves } from '../../../shared/ir/step-order.ts';

/** OPSROOM_PROPERTY_RUNS raises the run count for a deeper search; the default keeps the file to seconds. */
const runs = (fallback: number) => Number(process.env.OPSROOM_PROPERTY_RUNS) || fallback;

// Near-valid plans: small pools so ids collide, needs loop and references hit and miss.
const ids = ['a', 'b', 'c', 'd', 'e'];
const anyId = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 4 }));
const paramName = fc.constantFrom('host', 'port', 'x', 'constructor');
const reference = fc.oneof(
  paramName.map((name) => `\${params.${name}}`),
  fc.tuple(anyId, fc.constantFrom('exitCode', 'stdout', 'stderr', 'result', 'result.content.0.text', 'nope', 'stdout.x'))
    .map(([id, field]) => `\${steps.${id}.${field}}`),
  fc.constantFrom('${steps.a}', '${foo.bar}', '${', '$${params.zz}', '${}', '${ params.x }'),
);
const template = fc.array(fc.oneof(fc.string({ maxLength: 6 }), reference), { maxLength: 4 }).map((parts) => parts.join(''));
const nonEmpty = template.map((text) => `x${text}`);
const validVerifier = fc.oneof(
  fc.constant({ kind: 'exit_code' }),
  nonEmpty.map((regex) => ({ kind: 'output', regex })),
  nonEmpty.map((url) => ({ kind: 'http', url, expectStatus: 200 })),
  nonEmpty.map((path) => ({ kind: 'file', path })),
);
const templates = fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(template, fc.array(template, { maxLength: 2 })));
const validParamDecl = fc.oneof(
  fc.constant({ type: 'string' }),
  fc.integer().map((n) => ({ type: 'number', default: n })),
  fc.boolean().map((b) => ({ type: 'boolean', default: b })),
);
const sandbox = fc.record({ tools: fc.array(fc.constantFrom('shell', 'srv/*', 'srv/t', 'bad', 'a b/c'), { maxLength: 3 }) });
/** Every field well-typed, so the structure checks run: ids collide, needs loop or miss, references stray. */
const fieldValidPlan = fc.record({
  irVersion: fc.constant(1),
  name: fc.constant('p'),
  params: fc.dictionary(paramName, validParamDecl),
  sandbox,
  steps: fc.array(fc.record({
    id: fc.constantFrom(...ids),
    tool: fc.constantFrom('shell', 'srv/tool'),
    input: templates,
    needs: fc.array(fc.constantFrom(...ids, 'zz'), { maxLength: 3 }),
    verify: fc.array(validVerifier, { minLength: 1, maxLength: 2 }),
  }, { requiredKeys: ['id', 'tool', 'input', 'verify'] }), { minLength: 1, maxLength: 6 }),
}, { requiredKeys: ['irVersion', 'name', 'steps'] });
/** Anything goes per field too: wrong types, bad tools, empty verify, unknown keys. */
const messyPlan = fc.record({
  irVersion: fc.constantFrom(1, 2),
  name: fc.constantFrom('p', ''),
  params: fc.dictionary(paramName, fc.record({ type: fc.constantFrom('string', 'number', 'boolean'), default: fc.jsonValue() },
    { requiredKeys: ['type'] })),
  sandbox,
  steps: fc.array(fc.record({
    id: anyId,
    tool: fc.constantFrom('shell', 'srv/tool', 'bad tool', 'x/'),
    input: fc.oneof(templates, fc.jsonValue()),
    needs: fc.array(anyId, { maxLength: 4 }),
    verify: fc.array(fc.oneof(validVerifier, fc.jsonValue()), { maxLength: 3 }),
    timeoutMs: fc.oneof(fc.integer(), fc.double()),
  }, { requiredKeys: ['id', 'tool', 'input', 'verify'] }), { maxLength: 6 }),
  extra: fc.jsonValue(),
}, { requiredKeys: ['irVersion', 'name', 'steps'] });

/** An issue is actionable when it points at a field, or its message names the field or says the root is wrong. */
function namesAField(issue: z.core.$ZodIssue, candidate: unknown): boolean {
  if (issue.path.length > 0) return true;
  if (issue.code === 'unrecognized_keys') return issue.keys.every((key) => issue.message.includes(key));
  return (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) && /expected object/.test(issue.message);
}

describe('PlanSchema on arbitrary input', () => {
  test('never throws; every rejection has issues, each at a field or naming one; step issues name the step', () => {
    const seen = { accepted: 0, structural: 0 };
    // dagPlan (valid by construction) keeps "sometimes passes" from hanging on luck: fieldValidPlan alone was
    // accepted 0 times in 1,000 about one run in nine.
    const candidates = fc.oneof(fc.jsonValue(), fc.anything(), messyPlan, { arbitrary: fieldValidPlan, weight: 4 },
      dagPlan.map(({ plan }) => plan));
    fc.assert(fc.property(candidates, (candidate) => {
      const parsed = PlanSchema.safeParse(candidate);
      if (parsed.success) {
        seen.accepted += 1;
        return;
      }
      assert.ok(parsed.error.issues.length > 0);
      for (const issue of parsed.error.issues) {
        assert.ok(namesAField(issue, candidate), `issue names no field: ${JSON.stringify(issue)}`);
        // The structure checks' issues (field refinements such as the tool's are per value, not per step).
        if (issue.code === 'custom' && issue.path[0] === 'steps' && ['id', 'needs', 'input'].includes(issue.path[2] as string)) {
          seen.structural += 1;
          const id = (candidate as { steps: { id: string }[] }).steps[issue.path[1] as number]?.id;
          assert.ok(issue.message.includes(`"${id}"`), `"${issue.message}" does not name step "${id}"`);
        }
      }
    }), { numRuns: runs(1000) });
    // The generators must reach the structure checks and sometimes pass them, or the property proves little.
    assert.ok(seen.accepted > 0 && seen.structural > 0, JSON.stringify(seen));
  });
});

// Valid DAG plans: unique ids; step i needs some of steps 0..i-1 (so acyclic), references only params and
// ancestors; declared in a shuffled order so declaration order is not the dependency order.
const stepId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,8}$/);
const validParam = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).filter((name) => name !== '__proto__');
const literal = fc.string({ maxLength: 8 }).map((text) => text.replaceAll('${', () => '$${'));
const dagPlan = fc.tuple(fc.uniqueArray(stepId, { minLength: 1, maxLength: 9 }), fc.uniqueArray(validParam, { maxLength: 3 }))
  .chain(([stepIds, params]) => fc.record({
    stepIds: fc.constant(stepIds),
    params: fc.constant(params),
    needs: fc.tuple(...stepIds.map((_, i) => fc.subarray(stepIds.slice(0, i)))),
    picks: fc.tuple(...stepIds.map(() => fc.array(fc.tuple(fc.nat(), literal, fc.nat()), { maxLength: 3 }))),
    order: fc.tuple(...stepIds.map(() => fc.double({ noNaN: true }))),
  }))
  .map(({ stepIds, params, needs, picks, order }) => {
    const closure = new Map<string, Set<string>>();
    stepIds.forEach((id, i) => closure.set(id, new Set((needs[i] ?? []).flatMap((need) => [need, ...closure.get(need) ?? []]))));
    const steps = stepIds.map((id, i) => {
      const reachable = [...params.map((p) => `\${params.${p}}`),
        ...[...closure.get(id) ?? []].flatMap((s) => [`\${steps.${s}.stdout}`, `\${steps.${s}.result.items.0.name}`])];
      const command = (picks[i] ?? []).map(([pick, text]) =>
        text + (reachable.length ? reachable[pick % reachable.length] : '')).join(' ');
      return { id, tool: 'shell', needs: needs[i], input: { command: command || 'true' },
        verify: [{ kind: 'exit_code' }, { kind: 'output', regex: command || '.' }] };
    });
    const shuffled = steps.map((s, i) => ({ s, key: order[i] ?? 0 })).sort((x, y) => x.key - y.key).map(({ s }) => s);
    return { closure, plan: { irVersion: 1, name: 'dag', params: Object.fromEntries(params.map((p) => [p, { type: 'string' }])), steps: shuffled } };
  });

describe('valid DAG plans', () => {
  test('are accepted; waves place every step once, after its needs; ancestors match the closure', () => {
    fc.assert(fc.property(dagPlan, ({ plan, closure }) => {
      const parsed = PlanSchema.safeParse(plan);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      const waves = topologicalWaves(plan.steps);
      const waveOf = new Map(waves.flatMap((wave, index) => wave.map((id) => [id, index] as const)));
      assert.deepEqual(waves.flat().sort(), plan.steps.map((s) => s.id).sort());
      for (const s of plan.steps) {
        const needWaves = s.needs.map((need) => waveOf.get(need) ?? Infinity);
        // Each wave right after the latest of its needs: as early as possible, never before a need.
        assert.equal(waveOf.get(s.id), needWaves.length ? Math.max(...needWaves) + 1 : 0, `step ${s.id}`);
      }
      assert.deepEqual(ancestors(plan.steps), closure);
    }), { numRuns: runs(200) });
  });

  test('a reference to a step outside the needs closure is refused at that field', () => {
    fc.assert(fc.property(dagPlan, fc.nat(), fc.nat(), ({ plan, closure }, which, other) => {
      const target = plan.steps[which % plan.steps.length];
      const outsiders = plan.steps.map((s) => s.id).filter((id) => id !== target?.id && !closure.get(target?.id ?? '')?.has(id));
      fc.pre(target !== undefined && outsiders.length > 0);
      const outsider = outsiders[other % outsiders.length];
      const broken = structuredClone(plan);
      const index = plan.steps.indexOf(target as (typeof plan.steps)[number]);
      broken.steps[index]!.input.command = `echo \${steps.${outsider}.exitCode}`;
      const parsed = PlanSchema.safeParse(broken);
      assert.ok(!parsed.success);
      assert.deepEqual(parsed.error.issues.map((issue) => issue.path), [['steps', index, 'input', 'command']]);
      assert.match(parsed.error.issues[0]?.message ?? '', new RegExp(`add "${outsider}" to its needs`));
    }), { numRuns: runs(200) });
  });
});
