import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir('opsroom-git-release-');
let core: Core;

before(async () => {
  core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
});

after(async () => {
  await core?.close();
  dir.remove();
});

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** A bare repository as the remote, and a clone of it with two commits and `origin` pointing at it. */
function repositories(name: string): { remote: string; work: string } {
  const remote = join(dir.path, `${name}.git`);
  const work = join(dir.path, name);
  git(dir.path, 'init', '--quiet', '--bare', remote);
  git(dir.path, 'init', '--quiet', work);
  git(work, 'config', 'user.name', 'Release Bot');
  git(work, 'config', 'user.email', 'release@example.test');
  for (const file of ['one', 'two']) {
    writeFileSync(join(work, file), `${file}\n`);
    git(work, 'add', file);
    git(work, 'commit', '--quiet', '-m', file);
  }
  git(work, 'remote', 'add', 'origin', remote);
  return { remote, work };
}

const outputOf = (events: { stepId: string | null; kind: string; message: string }[], stepId: string) =>
  events.filter((event) => event.stepId === stepId && event.kind === 'output').map((event) => event.message);

test('tags HEAD, pushes the tag and proves the remote holds the same tag object and commit', async () => {
  const { remote, work } = repositories('healthy');
  const { run, steps, proofs, events } = await runSkill(core, 'git-release', { repo: work, tag: 'v1.2.0' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['tag', 'succeeded'], ['push', 'succeeded'], ['remote-ref', 'succeeded']]);
  assert.ok(proofs.every((proof) => proof.passed));

  const tagObject = git(work, 'rev-parse', 'refs/tags/v1.2.0');
  const commit = git(work, 'rev-parse', 'HEAD');
  assert.equal(git(work, 'cat-file', '-t', tagObject), 'tag', 'an annotated tag');
  assert.match(git(work, 'cat-file', '-p', tagObject), /tagger Release Bot <release@example\.test>[\s\S]*\n\nRelease v1\.2\.0$/);
  assert.equal(git(remote, 'rev-parse', 'refs/tags/v1.2.0'), tagObject);
  assert.deepEqual(outputOf(events, 'remote-ref'), [`tag ${tagObject}`, `commit ${commit}`]);
  const proof = proofs.find((p) => p.stepId === 'remote-ref' && p.verifierKind === 'output')!;
  assert.equal(proof.config.regex, `^tag ${tagObject}\ncommit ${commit}$`, 'the local side, as the tag step printed it');
  assert.equal(proof.evidence.matched, `tag ${tagObject}\ncommit ${commit}`);

  // Again, as after a push that failed: the existing tag is pushed as it is, not recreated.
  const again = await runSkill(core, 'git-release', { repo: work, tag: 'v1.2.0' });
  assert.equal(again.run.status, 'succeeded', again.run.error ?? '');
  assert.equal(git(work, 'rev-parse', 'refs/tags/v1.2.0'), tagObject);
});

test('tags an older commit with a message of its own', async () => {
  const { remote, work } = repositories('older');
  const { run } = await runSkill(core, 'git-release', { repo: work, tag: 'v0.9.0', ref: 'HEAD~1', message: 'First beta' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(git(remote, 'rev-parse', 'refs/tags/v0.9.0^{commit}'), git(work, 'rev-parse', 'HEAD~1'));
  assert.match(git(remote, 'cat-file', '-p', 'refs/tags/v0.9.0'), /\n\nFirst beta$/);
});

test('a remote that refuses the tag fails the run with the rejection as evidence', async () => {
  const { remote, work } = repositories('protected');
  const hook = join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "release tags are frozen this week" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  const { run, steps, proofs, events } = await runSkill(core, 'git-release', { repo: work, tag: 'v2.0.0' });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['tag', 'succeeded'], ['push', 'failed'], ['remote-ref', 'skipped']]);
  const rejection = proofs.find((proof) => proof.stepId === 'push' && proof.verifierKind === 'output')!;
  assert.equal(rejection.passed, false);
  assert.match(String(rejection.evidence.matched), /! \[remote rejected\] v2\.0\.0 -> v2\.0\.0 \(pre-receive hook declined\)/);
  assert.equal(proofs.find((proof) => proof.stepId === 'push' && proof.verifierKind === 'exit_code')?.passed, false);
  assert.ok(outputOf(events, 'push').some((line) => line.includes('release tags are frozen this week')), 'the hook\'s own words are in the log');
  assert.equal(git(remote, 'tag', '--list'), '', 'nothing was pushed');
});

test('a tag the remote already has on another commit is rejected, not overwritten', async () => {
  const { remote, work } = repositories('taken');
  // Someone else released v3.0.0 from the first commit.
  git(work, 'tag', '-a', '-m', 'theirs', 'v3.0.0', 'HEAD~1');
  git(work, 'push', '--quiet', 'origin', 'refs/tags/v3.0.0');
  git(work, 'tag', '-d', 'v3.0.0');
  const theirs = git(remote, 'rev-parse', 'refs/tags/v3.0.0');

  const { run, proofs } = await runSkill(core, 'git-release', { repo: work, tag: 'v3.0.0' });
  assert.equal(run.status, 'failed');
  const rejection = proofs.find((proof) => proof.stepId === 'push' && proof.verifierKind === 'output')!;
  assert.match(String(rejection.evidence.matched), /! \[rejected\]\s+v3\.0\.0 -> v3\.0\.0 \(already exists\)/);
  assert.equal(git(remote, 'rev-parse', 'refs/tags/v3.0.0'), theirs);
});

test('a local tag of that name on another commit stops the release before anything is pushed', async () => {
  const { remote, work } = repositories('moved');
  git(work, 'tag', '-a', '-m', 'old', 'v4.0.0', 'HEAD~1');
  const { run, steps, events } = await runSkill(core, 'git-release', { repo: work, tag: 'v4.0.0' });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => step.status), ['failed', 'skipped', 'skipped']);
  assert.ok(outputOf(events, 'tag').some((line) => /^tag v4\.0\.0 already exists on [0-9a-f]{40}, not on [0-9a-f]{40} \(HEAD\)$/.test(line)));
  assert.equal(git(remote, 'tag', '--list'), '');
});
