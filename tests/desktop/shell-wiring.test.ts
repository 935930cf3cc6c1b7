import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type { OpenTarget } from '../../shared/ipc/events.ts';
import { createOpenQueue } from '../../electron/main/links/open-queue.ts';
import { appPaths } from '../../electron/main/paths.ts';

describe('targets for the window', () => {
  test('wait until the page listens, go at once while it does, and wait again after a reload', () => {
    const sent: OpenTarget[] = [];
    const queue = createOpenQueue((target) => sent.push(target));
    queue.open({ kind: 'run', runId: 1 });
    queue.open({ kind: 'board', query: 'status=failed' });
    assert.equal(sent.length, 0, 'nobody listens yet');
    queue.listening();
    assert.deepEqual(sent.map((t) => t.kind), ['run', 'board'], 'in order');
    queue.open({ kind: 'plan', planId: 3 });
    assert.equal(sent.length, 3);
    queue.deaf();
    queue.open({ kind: 'run', runId: 2 });
    assert.equal(sent.length, 3);
    queue.listening();
    assert.deepEqual(sent.at(-1), { kind: 'run', runId: 2 });
    queue.listening();
    assert.equal(sent.length, 4, 'each target is sent once');
  });
});

describe('where the desktop app finds its files', () => {
  test('packaged: the build in app.asar, migrations unpacked, icons and runtime in resources', () => {
    const p = appPaths({ mainDir: '/opt/Ops/resources/app.asar/out/main', appPath: '/opt/Ops/resources/app.asar', resourcesPath: '/opt/Ops/resources', packaged: true });
    assert.equal(p.rendererDir, '/opt/Ops/resources/app.asar/out/renderer');
    assert.equal(p.preload, '/opt/Ops/resources/app.asar/out/preload/index.cjs');
    assert.equal(p.migrationsDir, '/opt/Ops/resources/app.asar.unpacked/migrations');
    assert.equal(p.resourcesDir, '/opt/Ops/resources');
    assert.equal(fileURLToPath(p.dbWorker), '/opt/Ops/resources/app.asar/out/main/db-worker.js');
    assert.equal(fileURLToPath(p.laneWorker), '/opt/Ops/resources/app.asar/out/main/lane-worker.js');
  });

  test('unpacked: the repository', () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const p = appPaths({ mainDir: join(repo, 'out/main'), appPath: repo.replace(/\/$/, ''), resourcesPath: '/usr/lib/electron/resources', packaged: false });
    assert.equal(p.resourcesDir, join(repo, 'resources'));
    assert.equal(p.migrationsDir, join(repo, 'migrations'));
  });
});
