import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlanOutline } from '../../shared/ipc/methods/runs.ts';
import { barSuggestions, skillQuery, skillText, suggestSkills, type SkillChoice } from '../../renderer/src/features/command-bar/skill-suggestions.ts';

const skill = (name: string, title: string, tags: string[] = []): SkillChoice => ({ name, title, version: '1.0.0', tags, params: {} });
const SKILLS = [
  skill('tls-expiry', 'TLS certificate expiry', ['tls', 'http']),
  skill('http-health', 'HTTP health check', ['http', 'monitoring']),
  skill('pg-migrate', 'Apply pending SQL migrations', ['postgres']),
  skill('pg-backup-verify', 'Back up and prove a restore', ['postgres', 'backup']),
];
const names = (text: string) => suggestSkills(text, SKILLS).map((s) => s.skill.name);

test('the skill name is what follows a leading "/" while it is one word', () => {
  assert.equal(skillQuery('/'), '');
  assert.equal(skillQuery('  /pg'), 'pg');
  assert.equal(skillQuery('/pg-migrate url=x'), null, 'arguments are being typed');
  assert.equal(skillQuery('/pg-migrate '), null);
  assert.equal(skillQuery('echo /pg'), null);
  assert.equal(skillQuery(''), null);
});

test('"/" lists every skill alphabetically; nothing is listed for other text', () => {
  assert.deepEqual(names('/'), ['http-health', 'pg-backup-verify', 'pg-migrate', 'tls-expiry']);
  assert.deepEqual(names('pg'), []);
  assert.deepEqual(names('/pg-migrate url=postgres://x'), []);
});

test('names starting with the typed text come first, then names, titles or tags containing it', () => {
  assert.deepEqual(names('/pg'), ['pg-backup-verify', 'pg-migrate']);
  assert.deepEqual(names('/http'), ['http-health', 'tls-expiry'], 'tls-expiry matches by its tag, after the prefix match');
  assert.deepEqual(names('/BACKUP'), ['pg-backup-verify'], 'case does not matter');
  assert.deepEqual(names('/restore'), ['pg-backup-verify'], 'a word of the title');
  assert.deepEqual(names('/nothing-like-it'), []);
  assert.equal(suggestSkills('/', SKILLS, 2).length, 2, 'the limit holds');
});

test('the bar lists skills first, then recent commands and plans, in arrow-key order', () => {
  const plan: PlanOutline & { pinned: boolean } = { id: 7, name: 'pg nightly', description: null, contentHash: 'h', params: {}, steps: [], createdAt: new Date(0), pinned: false };
  const recent = [{ command: '/pg-migrate url=postgres://db', uses: 2, lastRunAt: new Date(0) }, { command: 'uptime', uses: 1, lastRunAt: new Date(0) }];
  const keys = barSuggestions('/pg', recent, [plan], SKILLS).map((s) => s.key);
  assert.deepEqual(keys, ['skill:pg-backup-verify', 'skill:pg-migrate', 'recent:/pg-migrate url=postgres://db']);
  assert.deepEqual(barSuggestions('pg', recent, [plan], SKILLS).map((s) => s.key), ['recent:/pg-migrate url=postgres://db', 'plan:7'],
    'no skills without the "/"');
});

test('choosing a skill puts "/name " in the box, ready for its key=value words', () => {
  assert.equal(skillText(SKILLS[1]!), '/http-health ');
  assert.deepEqual(names(skillText(SKILLS[1]!)), [], 'the list then leaves skills for the arguments');
});
