import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectReferences, formatReference, parseTemplate, type TemplatePart } from '../../../shared/ir/references.ts';

function parts(text: string): TemplatePart[] {
  const parsed = parseTemplate(text);
  assert.ok(parsed.ok, `expected "${text}" to parse, got ${parsed.ok ? '' : parsed.error}`);
  return parsed.parts;
}

function error(text: string): string {
  const parsed = parseTemplate(text);
  assert.ok(!parsed.ok, `expected "${text}" to be refused`);
  return parsed.error;
}

describe('parseTemplate', () => {
  test('plain text is one literal; empty text has no parts', () => {
    assert.deepEqual(parts('echo hi $HOME {x}'), [{ kind: 'literal', text: 'echo hi $HOME {x}' }]);
    assert.deepEqual(parts(''), []);
  });

  test('param and step references between literals', () => {
    assert.deepEqual(parts('curl ${params.host}:${steps.port-1.stdout}/x'), [
      { kind: 'literal', text: 'curl ' },
      { kind: 'reference', reference: { kind: 'param', name: 'host' }, source: '${params.host}' },
      { kind: 'literal', text: ':' },
      { kind: 'reference', reference: { kind: 'step', step: 'port-1', field: 'stdout', path: [] }, source: '${steps.port-1.stdout}' },
      { kind: 'literal', text: '/x' },
    ]);
  });

  test('every step field; result takes a path of names and indexes', () => {
    for (const field of ['exitCode', 'stdout', 'stderr', 'result'] as const) {
      assert.deepEqual(parts(`\${steps.a.${field}}`)[0], {
        kind: 'reference', reference: { kind: 'step', step: 'a', field, path: [] }, source: `\${steps.a.${field}}`,
      });
    }
    const [part] = parts('${steps.list.result.content.0.text}');
    assert.deepEqual(part?.kind === 'reference' && part.reference,
      { kind: 'step', step: 'list', field: 'result', path: ['content', 0, 'text'] });
  });

  test('$${ is a literal ${ and is not parsed as a reference', () => {
    assert.deepEqual(parts('echo $${params.x} ${params.y}'), [
      { kind: 'literal', text: 'echo ${params.x} ' },
      { kind: 'reference', reference: { kind: 'param', name: 'y' }, source: '${params.y}' },
    ]);
    assert.deepEqual(parts('$${unclosed'), [{ kind: 'literal', text: '${unclosed' }]);
  });

  test('malformed references say what is wrong', () => {
    assert.match(error('${steps.x}'), /"\$\{steps\.x\}": missing the field: use \$\{steps\.x\.exitCode\|stdout\|stderr\|result\}/);
    assert.match(error('${foo.bar}'), /"\$\{foo\.bar\}": not a reference: use \$\{params\.NAME\}/);
    assert.match(error('echo ${params.x'), /unterminated "\$\{" at character 5/);
    assert.match(error('${}'), /not a reference/);
    assert.match(error('${ params.x }'), /not a reference/);
    assert.match(error('${params.x.y}'), /a parameter reference is \$\{params\.NAME\}/);
    assert.match(error('${params.1x}'), /a parameter reference is/);
    assert.match(error('${steps.a.code}'), /unknown field "code"/);
    assert.match(error('${steps.a.stdout.0}'), /"stdout" has no path/);
    assert.match(error('${steps.a.result.a b}'), /segment "a b" is neither a name nor an array index/);
    assert.match(error('${steps.a.result.}'), /segment "" is neither/);
    assert.match(error('${steps.a.result.01}'), /segment "01"/);
    assert.match(error('${steps.-a.stdout}'), /"-a" is not a step id/);
  });

  test('escaping every ${ makes any text parse back to itself', () => {
    for (const text of ['${', '$${', '$$${x}', 'a${b}c${', '${${}}', '$', '$$', '}']) {
      const rendered = parts(text.replaceAll('${', () => '$${')).map((p) => p.kind === 'literal' ? p.text : '?').join('');
      assert.equal(rendered, text);
    }
  });

  test('formatReference writes the reference back as it was written', () => {
    for (const source of ['${params.x}', '${steps.a.exitCode}', '${steps.a.result.items.3.name}']) {
      const [part] = parts(source);
      assert.ok(part?.kind === 'reference');
      assert.equal(formatReference(part.reference), source);
    }
  });
});

describe('collectReferences', () => {
  test('finds references in nested values with their paths, skipping keys and non-strings', () => {
    const { references, errors } = collectReferences({
      command: 'echo ${params.a}', n: 3, nothing: null,
      env: { '${params.key}': '${steps.s.stdout}' },
      args: ['x', { deep: ['${steps.t.result.x} ${params.b}'] }],
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(references.map((r) => [r.path, r.source]), [
      [['command'], '${params.a}'],
      [['env', '${params.key}'], '${steps.s.stdout}'],
      [['args', 1, 'deep', 0], '${steps.t.result.x}'],
      [['args', 1, 'deep', 0], '${params.b}'],
    ]);
  });

  test('reports malformed strings with their paths and keeps the good ones', () => {
    const { references, errors } = collectReferences(['${params.ok}', { bad: 'x ${steps.y}' }, '${oops']);
    assert.deepEqual(references.map((r) => r.path), [[0]]);
    assert.deepEqual(errors.map((e) => e.path), [[1, 'bad'], [2]]);
    assert.match(errors[0]?.message ?? '', /missing the field/);
    assert.match(errors[1]?.message ?? '', /unterminated/);
  });

  test('a bare string is walked at the empty path', () => {
    assert.deepEqual(collectReferences('${params.p}').references.map((r) => r.path), [[]]);
    assert.deepEqual(collectReferences(42), { references: [], errors: [] });
  });
});
