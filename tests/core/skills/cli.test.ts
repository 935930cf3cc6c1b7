import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/tmp.ts';

const PROBE = `skill: cli-probe
version: 0.3.1
title: A probe for the CLI
description: |
  Checks a port.
  Two lines of description.
params:
  port: { type: integer, default: 8080, min: 1, max: 65535, description: "the port" }
  name: { type: string, pattern: "[a-z]+", max: 20 }
  mode: { type: enum, values: [fast, slow] }
  token: { type: secret, required: false }
requires: { commands: [sh] }
steps:
  - { id: probe, tool: shell, input: { command: 'echo "$P"', env: { P: "\${params.port}" } }, verify: [{ kind: exit_code }] }
`;

describe('opsroom skills', () => {
  const dir = tempDir().path;
  const dataDir = join(dir, 'data');
  mkdirSync(join(dataDir, 'skills'), { recursive: true });
  writeFileSync(join(dataDir, 'skills', 'cli-probe.yaml'), PROBE);
  writeFileSync(join(dataDir, 'skills', 'cli-broken.yaml'), PROBE.replace('skill: cli-probe', 'skill: cli-broken').replace('version: 0.3.1', 'version: one'));

  test('check: a good file is ok (exit 0); a broken one prints file:line: field: message (exit 1)', async () => {
    const good = await cli(['skills', 'check', join(dataDir, 'skills', 'cli-probe.yaml')]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /cli-probe\.yaml: ok\n$/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'skill: bad\nversion: 1.0.0\ntitle: Bad\nsteps:\n  - id: run\n    tool: shell\n    input: { command: "rm -rf ${params.dir}" }\n    verify: [{ kind: exit_code }]\n');
    const broken = await cli(['skills', 'check', bad]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^bad\.yaml:7: steps\[0\]\.input\.command: a shell command must not paste in/);
  });

  test('list shows the user skills with their source, and the files that did not load', async () => {
    const list = await cli(['skills', 'list', '--data-dir', dataDir]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^cli-probe +0\.3\.1 +user +A probe for the CLI$/m);
    assert.match(list.stdout, /not loaded:\n {2}cli-broken\.yaml:2: version: a version is MAJOR\.MINOR\.PATCH/);
    const json = JSON.parse((await cli(['skills', '--json', '--data-dir', dataDir])).stdout);
    assert.equal(json.skills.find((s: { name: string }) => s.name === 'cli-probe').path, join(dataDir, 'skills', 'cli-probe.yaml'));
  });

  test('show prints the description, each parameter with its type, default and constraints, and the steps', async () => {
    const show = await cli(['skills', 'show', 'cli-probe', '--data-dir', dataDir]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^\/cli-probe 0\.3\.1: A probe for the CLI\n/);
    assert.match(show.stdout, /Checks a port\.\nTwo lines of description\.\n/);
    assert.match(show.stdout, / {2}port {2}integer, default 8080, 1\.\.65535\n {6}the port\n/);
    assert.match(show.stdout, / {2}name {2}string, required, at most 20 characters, matching \[a-z\]\+\n/);
    assert.match(show.stdout, / {2}mode {2}one of fast \| slow, required\n/);
    assert.match(show.stdout, / {2}token {2}secret, optional\n/);
    assert.match(show.stdout, /programs on PATH: sh\n/);
    assert.match(show.stdout, /steps:\n {2}probe {2}shell$/m);
    const unknown = await cli(['skills', 'show', 'cli-prob', '--data-dir', dataDir]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no skill named "cli-prob": did you mean cli-probe/);
  });
});
