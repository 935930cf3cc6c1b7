import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { startReplayServer, type ReplayServer } from '../helpers/loopback-vendor.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { tempDir } from '../helpers/tmp.ts';

// A loopback server replaying GitHub's documented REST responses (shapes from docs.github.com: "Get a pull
// request", "List check runs for a Git reference", "Get the combined status for a specific reference").
const HEAD = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const BASE = 'c35e23b1bb6ae5c8a1a4f39d7e1e0c3d6f5e1a07';
const TOKEN = 'ghp_H5gateToken0123456789abcdefXYZ';

const user = { login: 'octocat', id: 1, node_id: 'MDQ6VXNlcjE=', type: 'User', site_admin: false };
const repository = (name: string) => ({ id: 1296269, node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5', name, full_name: `octo/${name}`, owner: user, private: false });

/** A pull request as GitHub returns it, pretty-printed (as api.github.com does for curl). */
const pullRequest = (name: string, number: number) => JSON.stringify({
  url: `https://api.github.com/repos/octo/${name}/pulls/${number}`,
  id: 1, node_id: 'MDExOlB1bGxSZXF1ZXN0MQ==', number, state: 'open', locked: false,
  title: 'Amazing new feature', user, body: 'Please pull these awesome changes in! "head": {"sha": "0000"}',
  review_comment_url: `https://api.github.com/repos/octo/${name}/pulls/comments{/number}`,
  milestone: { id: 1002604, number: 1, state: 'open', title: 'v1.0' },
  merge_commit_sha: 'e5bd3914e2e596debea16f433f57875b5b90bcd6',
  head: { label: 'octocat:new-topic', ref: 'new-topic', sha: HEAD, user, repo: repository(name) },
  base: { label: 'octocat:master', ref: 'master', sha: BASE, user, repo: repository(name) },
  _links: { self: { href: `https://api.github.com/repos/octo/${name}/pulls/${number}` } },
}, null, 2);

const checkRun = (id: number, name: string, status: string, conclusion: string | null) => ({
  id, head_sha: HEAD, node_id: 'MDg6Q2hlY2tSdW40', external_id: '', url: `https://api.github.com/repos/octo/x/check-runs/${id}`,
  html_url: `https://github.com/octo/x/runs/${id}`, details_url: 'https://example.com', status, conclusion,
  started_at: '2018-05-04T01:14:52Z', completed_at: conclusion ? '2018-05-04T01:14:52Z' : null,
  output: { title: `${name} report`, summary: 'There are 0 failures, 2 warnings, and 1 notice.', text: null, annotations_count: 2 },
  name, check_suite: { id: 5 },
  app: { id: 1, slug: 'octoapp', node_id: 'MDExOkludGVncmF0aW9uMQ==', owner: user, name: 'Octocat App', events: ['push', 'pull_request'] },
  pull_requests: [{ url: 'https://api.github.com/repos/octo/x/pulls/1', id: 1934, number: 1, head: { ref: 'new-topic', sha: HEAD }, base: { ref: 'master', sha: BASE } }],
});
const checkRuns = (...runs: ReturnType<typeof checkRun>[]) => ({ body: { total_count: runs.length, check_runs: runs } });

const commitStatus = (id: number, context: string, state: string) => ({
  url: `https://api.github.com/repos/octo/x/statuses/${HEAD}`, avatar_url: 'https://github.com/images/error/hubot_happy.gif',
  id, node_id: 'MDY6U3RhdHVzMQ==', state, description: `Build is ${state}`, target_url: 'https://ci.example.com/1000/output',
  context, created_at: '2012-07-20T01:19:13Z', updated_at: '2012-07-20T01:19:13Z',
});
const combined = (state: string, ...statuses: ReturnType<typeof commitStatus>[]) => ({
  body: { state, statuses, sha: HEAD, total_count: statuses.length, repository: repository('x'), commit_url: `https://api.github.com/repos/octo/x/${HEAD}` },
});

const json = (body: string) => ({ body, headers: { 'content-type': 'application/json; charset=utf-8' } });
const commit = (name: string) => `/repos/octo/${name}/commits/${HEAD}`;

const dir = tempDir('opsroom-github-pr-gate-');
let github: ReplayServer;
let core: Core;

before(async () => {
  github = await startReplayServer({
    // Green: checks still running on the first polls, then all finished well.
    'GET /repos/octo/green/pulls/1347': json(pullRequest('green', 1347)),
    [`GET ${commit('green')}/check-runs`]: [
      checkRuns(checkRun(4, 'build', 'completed', 'success'), checkRun(5, 'test', 'in_progress', null)),
      checkRuns(checkRun(4, 'build', 'completed', 'success'), checkRun(5, 'test', 'in_progress', null)),
      checkRuns(checkRun(4, 'build', 'completed', 'success'), checkRun(5, 'test', 'completed', 'neutral')),
    ],
    [`GET ${commit('green')}/status`]: [
      combined('pending', commitStatus(1, 'continuous-integration/jenkins', 'pending')),
      combined('success', commitStatus(1, 'continuous-integration/jenkins', 'success')),
    ],
    // Red: a check run failed and a status reports an error.
    'GET /repos/octo/red/pulls/7': json(pullRequest('red', 7)),
    [`GET ${commit('red')}/check-runs`]: checkRuns(checkRun(4, 'build', 'completed', 'success'), checkRun(6, 'lint', 'completed', 'failure')),
    [`GET ${commit('red')}/status`]: combined('error', commitStatus(2, 'security/brakeman', 'error')),
    // Quiet: no CI registered any check: the gate waits, then fails at its deadline.
    'GET /repos/octo/quiet/pulls/3': json(pullRequest('quiet', 3)),
    [`GET ${commit('quiet')}/check-runs`]: checkRuns(),
    [`GET ${commit('quiet')}/status`]: combined('pending'),
  });
  core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
});

after(async () => {
  await core?.close();
  await github?.close();
  dir.remove();
});

const requestsFor = (name: string) => github.requests.filter((request) => request.path.startsWith(`/repos/octo/${name}/`));

test('waits for running checks and pending statuses, then passes; the token is sent but never stored', async () => {
  const { plan, run, steps, proofs, events } = await runSkill(core, 'github-pr-gate', {
    api: github.url, owner: 'octo', repo: 'green', pr: 1347, token: TOKEN, waitMs: 30_000, intervalMs: 1000,
  });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['head', 'succeeded'], ['check-runs', 'succeeded'], ['statuses', 'succeeded']]);
  assert.ok(proofs.every((proof) => proof.passed), proofs.filter((proof) => !proof.passed).map((proof) => proof.summary).join('\n'));
  const [waited] = proofs.filter((proof) => proof.stepId === 'check-runs');
  assert.equal(waited!.evidence.attempts, 3, 'polled until the last check run completed');
  assert.equal(proofs.find((proof) => proof.stepId === 'statuses')!.evidence.attempts, 2);
  assert.equal(waited!.evidence.url, `${github.url}/repos/octo/green/commits/${HEAD}/check-runs?per_page=100`, 'the head commit, not the base');

  const sent = requestsFor('green');
  assert.ok(sent.length >= 1 + 3 + 1 + 2, `${sent.length} requests`);
  for (const request of sent) {
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`, request.path);
    assert.equal(request.headers.accept, 'application/vnd.github+json', request.path);
    assert.equal(request.headers['x-github-api-version'], '2022-11-28', request.path);
  }
  const stored = JSON.stringify({ plan, run, proofs, events, bundle: await core.proofs.bundle(run.id) });
  assert.equal(stored.includes(TOKEN), false, 'the token is in what the app stored');
});

test('a failed check run and an errored status fail the gate, with the responses as evidence; no token, no header', async () => {
  const { run, steps, proofs } = await runSkill(core, 'github-pr-gate', { api: github.url, owner: 'octo', repo: 'red', pr: 7, waitMs: 5000, intervalMs: 1000 });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['head', 'succeeded'], ['check-runs', 'failed'], ['statuses', 'failed']]);
  const [finished, succeeded] = proofs.filter((proof) => proof.stepId === 'check-runs');
  assert.equal(finished!.passed, true, 'all check runs had completed');
  assert.equal(succeeded!.passed, false);
  assert.match(succeeded!.summary, /^HTTP 200 from .*: body does not match/);
  assert.match(succeeded!.evidence.bodyExcerpt as string, /"conclusion":"failure"[\s\S]*"name":"lint"/);
  const errored = proofs.filter((proof) => proof.stepId === 'statuses').at(-1)!;
  assert.equal(errored.passed, false);
  assert.match(errored.evidence.bodyExcerpt as string, /"state":"error"[\s\S]*"context":"security\/brakeman"/);
  for (const request of requestsFor('red')) assert.equal(request.headers.authorization, undefined, request.path);
});

test('a pull request without checks is waited for until the deadline; an unknown one stops at the first step', async () => {
  const quiet = await runSkill(core, 'github-pr-gate', { api: github.url, owner: 'octo', repo: 'quiet', pr: 3, waitMs: 2000, intervalMs: 1000 });
  assert.equal(quiet.run.status, 'failed');
  const none = quiet.proofs.find((proof) => proof.stepId === 'check-runs')!;
  assert.equal(none.passed, false);
  assert.ok((none.evidence.attempts as number) >= 2);
  assert.match(none.evidence.bodyExcerpt as string, /"total_count":0/);
  assert.equal(quiet.proofs.find((proof) => proof.stepId === 'statuses')!.passed, true, 'no statuses at all is not a wait');

  const missing = await runSkill(core, 'github-pr-gate', { api: github.url, owner: 'octo', repo: 'gone', pr: 9, waitMs: 0 });
  assert.equal(missing.run.status, 'failed');
  assert.deepEqual(missing.steps.map((step) => step.status), ['failed', 'skipped', 'skipped']);
  const exit = missing.proofs.find((proof) => proof.verifierKind === 'exit_code')!;
  assert.equal(exit.evidence.exitCode, 1);
  const stderr = missing.events.filter((event) => event.stepId === 'head' && event.kind === 'output').map((event) => event.message);
  assert.ok(stderr.some((line) => line.includes('/repos/octo/gone/pulls/9 answered 404: {"message":"Not Found"}')), stderr.join('\n'));
});
