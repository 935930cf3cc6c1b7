import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, CoreError, type Core } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';

describe('typed parameters through runs.enqueue (embedded database, real lane threads)', () => {
  let core: Core;

  before(async () => {
    core = await createCore({ dataDir: join(tempDir().path, 'data'), lanes: ['A'], pollMs: 100 });
  });
  after(() => core.close());

  const plan = {
    irVersion: 1, name: 'typed',
    params: {
      count: { type: 'integer', min: 1, max: 5 },
      env: { type: 'enum', values: ['staging', 'production'] },
      name: { type: 'string', pattern: '[a-z]+' },
      note: { type: 'string', required: false },
      ratio: { type: 'number', default: 0.5 },
    },
    steps: [{
      id: 'show', tool: 'shell', verify: [{ kind: 'exit_code' }, { kind: 'output', regex: '^3 production web \\[\\] 0\\.5 3$' }],
      // A whole `${params.count}` resolves to the number 3: env sets it as its text.
      input: { command: 'echo "$VALUES $COUNT"', env: { VALUES: '${params.count} ${params.env} ${params.name} [${params.note}] ${params.ratio}', COUNT: '${params.count}' } },
    }],
  };

  test('values typed as text are converted, checked, stored typed and reach the step', async () => {
    const { run: queued } = await core.runs.enqueue({ plan, params: { count: '3', env: 'production', name: 'web' }, paramsAreText: true });
    assert.deepEqual(queued.input, { count: 3, env: 'production', name: 'web', note: '', ratio: 0.5 });
    const run = await core.runs.follow(queued.id, () => undefined);
    const log = (await core.runs.events(queued.id)).map((e) => e.message).join('\n');
    assert.equal(run.status, 'succeeded', log);
  });

  test('every bad value is refused at once, naming each parameter, and no run is created', async () => {
    const before = (await core.runs.list({})).length;
    await assert.rejects(core.runs.enqueue({ plan, params: { count: '7', env: 'prod', name: 'Web', extra: 'x' }, paramsAreText: true }), (error) => {
      assert.ok(error instanceof CoreError && error.code === 'INVALID_INPUT');
      assert.match(error.message, /unknown parameter "extra"/);
      assert.match(error.message, /parameter "count" \(integer\) must be at most 5, got 7/);
      assert.match(error.message, /parameter "env" \(enum\) must be one of staging, production, got "prod"/);
      assert.match(error.message, /parameter "name" \(string\) must match the pattern \[a-z\]\+, got "Web"/);
      return true;
    });
    assert.equal((await core.runs.list({})).length, before);
  });
});
