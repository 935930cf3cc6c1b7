import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuesByField, parseArgs, parseEnv } from '../../renderer/src/features/servers/server-form.ts';

test('arguments: one per line, or split on spaces with quotes grouping', () => {
  assert.deepEqual(parseArgs('-y @scope/server "/my dir" \'a b\''), ['-y', '@scope/server', '/my dir', 'a b']);
  assert.deepEqual(parseArgs('--root\n/path with spaces\n\n'), ['--root', '/path with spaces']);
  assert.deepEqual(parseArgs('   '), []);
});

test('environment lines: KEY=VALUE, comments and blanks skipped, bad lines reported', () => {
  assert.deepEqual(parseEnv('A=1\n# note\n\nTOKEN=${secret:gh}=x\nbroken\n=v'), {
    env: { A: '1', TOKEN: '${secret:gh}=x' },
    errors: ['line 5: write KEY=VALUE', 'line 6: write KEY=VALUE'],
  });
});

test('issues are grouped by their first path segment', () => {
  assert.deepEqual(issuesByField([
    { path: 'name', message: 'bad name' }, { path: 'env.9X', message: 'bad key' }, { path: 'args[0]', message: 'x' }, { path: '', message: 'y' },
  ]), { name: ['bad name'], env: ['bad key'], args: ['x'], '': ['y'] });
});
