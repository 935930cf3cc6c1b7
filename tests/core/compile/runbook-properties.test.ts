import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CoreError } from '../../../electron/core/index.ts';
import { compileRunbook } from '../../../electron/core/compile/runbook/compile-runbook.ts';
import { PlanSchema } from '../../../shared/ir/plan.ts';

/** OPSROOM_PROPERTY_RUNS raises the run count for a deeper search; the default keeps the file to seconds. */
const runs = (fallback: number) => Number(process.env.OPSROOM_PROPERTY_RUNS) || fallback;

/** Compiles, and checks the contract either way: a valid plan with located warnings, or a CoreError whose every
 * line names the file and, but for "no shell code blocks", the line. */
function compilesOrRefusesWell(text: string): void {
  let result: ReturnType<typeof compileRunbook>;
  try {
    result = compileRunbook(text, { path: '/srv/ops/rb.md' });
  } catch (error) {
    assert.ok(error instanceof CoreError, `threw ${String(error)}: ${(error as Error).stack}`);
    assert.equal(error.code, 'INVALID_PLAN');
    for (const line of error.message.split('\n')) {
      assert.match(line, /^rb\.md:\d+: \S|^rb\.md: no shell code blocks found/, `a problem without its place: ${error.message}`);
    }
    return;
  }
  assert.ok(PlanSchema.safeParse(result.plan).success);
  for (const warning of result.warnings) assert.match(warning, /^rb\.md:\d+: \S/);
}

// Pieces a runbook is made of, right and wrong, so random documents hit the compiler's every branch.
const word = fc.constantFrom('build', 'a', 'b', 'Ship it', '', 'x y', '__proto__', 'REGION', 'constructor');
const attributes = fc.oneof(
  fc.constant(''),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ` ${JSON.stringify(value)}`),
  fc.dictionary(fc.constantFrom('name', 'needs', 'cwd', 'timeout', 'retry', 'lane', 'verify', 'env', 'skip', 'background', 'nope', 'excludeFromRunme'),
    fc.oneof(word, fc.boolean(), fc.integer(), fc.array(word, { maxLength: 2 }), fc.constant([{ kind: 'exit_code' }]), fc.constant({ A: 1 })),
    { maxKeys: 3 }).map((attrs) => ` ${JSON.stringify(attrs)}`),
  fc.array(fc.tuple(fc.constantFrom('name', 'needs', 'interactive', 'timeout', 'x'), fc.constantFrom('a', 'b', 'false', '30s', '"q q"', '[]')),
    { maxLength: 3 }).map((pairs) => ` { ${pairs.map(([key, value]) => `${key}=${value}`).join(' ')} }`),
  fc.string({ maxLength: 12 }).map((text) => ` {${text}`),
);
// Opening and closing fences that belong together (or not quite: a list item's, an indented code block's).
const fences = fc.constantFrom(['```', '```'], ['````', '````'], ['~~~', '~~~'], ['   ```', '```'], ['    ```', '    ```'], ['- ```', '  ```'], ['```', '~~~']);
const language = fc.constantFrom('sh', 'sh', 'bash', 'zsh', 'shell', 'SH', 'json', 'console', '');
const annotation = fc.constantFrom('<!-- opsroom: {needs: [a], timeout: 5m} -->', '<!-- opsroom: {verify: [{kind: http}]} -->', '<!-- opsroom: [ -->',
  '<!-- opsroom: {name: b, needs: "a, build"} -->', '<!-- opsroom: {verify: [{kind: output, regex: ok}], lane: B} -->', '<!-- opsroom:\nneeds: []\n-->');
const noise = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('```', '~~~', '````', '', '# Title', '## Step', 'Title', '===', '---', '...', '1. item', '   - nested',
    'echo $REGION ${HOME} $${x} ${params.REGION}', 'make && echo "${steps.a.stdout}"', '<!--', '-->', '<!-- note -->',
    '<!-- opsroom:', 'lane: B', 'verify: [{kind: output, regex: ok}]', 'params:', '  REGION: { type: string }',
    '  port: { type: float }', 'name: Runbook', 'runme:', '  id: 01HF7BT3HD84GWTQB8ZY0GBA06', 'cwd: app', 'shell: bash', 'owner: me',
    '\0', '\r', '\t```sh', 'needs: "a, b"'),
);
const block = fc.tuple(fc.option(annotation), fences, language, attributes, fc.array(noise, { maxLength: 3 }))
  .map(([comment, [open, close], lang, attrs, body]) => [...(comment ? [comment] : []), `${open}${lang}${attrs}`, ...body, close].join('\n'));
const markdownish = fc.array(fc.oneof({ arbitrary: block, weight: 3 }, { arbitrary: noise, weight: 2 }), { maxLength: 20 })
  .map((parts) => parts.join('\n'));

describe('compileRunbook: properties', () => {
  test('any text compiles to a valid plan or is refused with a CoreError that says where', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), compilesOrRefusesWell), { numRuns: runs(300) });
  });

  test('Markdown-ish text (fences, attributes, annotations, front matter) likewise', () => {
    fc.assert(fc.property(markdownish, compilesOrRefusesWell), { numRuns: runs(2000) });
    fc.assert(fc.property(markdownish.map((text) => `---\n${text}`), compilesOrRefusesWell), { numRuns: runs(500) });
  });

  test('each plain ```sh block becomes one step whose command is its text, needing the block above', () => {
    // Lines that are neither fences nor comments, and no plan references (refused by design).
    const plain = fc.string({ maxLength: 20 }).filter((text) => !/^\s*(```|~~~|<!--)|[\r\n\0]|\$\{(params|steps)\./.test(text));
    const block = fc.array(plain, { minLength: 1, maxLength: 4 }).filter((lines) => lines.some((text) => text.trim()));
    const runbook = fc.array(fc.tuple(fc.array(plain, { maxLength: 3 }), block), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(runbook, (sections) => {
      const text = ['# T', ...sections.flatMap(([prose, body]) => ['', ...prose, '', '```sh', ...body, '```'])].join('\n');
      const { plan } = compileRunbook(text);
      assert.equal(plan.steps.length, sections.length);
      plan.steps.forEach((step, index) => {
        assert.equal((step.input.command as string).replaceAll('$${', '${'), sections[index]![1].join('\n'));
        assert.deepEqual(step.needs, index === 0 ? undefined : [plan.steps[index - 1]!.id]);
      });
      assert.equal(new Set(plan.steps.map((step) => step.id)).size, plan.steps.length);
    }), { numRuns: runs(300) });
  });
});
