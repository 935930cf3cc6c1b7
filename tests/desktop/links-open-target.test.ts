import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openAction } from '../../renderer/src/app/open-target.ts';
import { parseRoute } from '../../renderer/src/app/route.ts';
import { parseFilter } from '../../renderer/src/features/board/filter-url.ts';
import { parseDeepLink } from '../../electron/main/links/deep-link.ts';

// What the window does with an app.open push: go to a route, or offer a plan. Nothing here runs anything.

test('a run and a board become routes', () => {
  assert.deepEqual(openAction({ kind: 'run', runId: 42 }), { navigate: '#/runs/42' });
  assert.deepEqual(openAction({ kind: 'board', query: 'status=failed&session=3' }), { navigate: '#/?status=failed&session=3' });
  assert.deepEqual(openAction({ kind: 'board', query: '' }), { navigate: '#/' });
});

test('a plan is offered in the command bar, never run', () => {
  assert.deepEqual(openAction({ kind: 'plan', planId: 7 }), { offerPlan: 7 });
});

test('a deep link reaches the same view as the board URL it mirrors', () => {
  const target = parseDeepLink('opsroom://board?status=failed,running&lane=A&session=3&q=nginx%20restart&since=24h');
  const action = openAction(target);
  assert.ok('navigate' in action);
  const route = parseRoute(action.navigate);
  assert.equal(route.name, 'board');
  assert.deepEqual(parseFilter(route.name === 'board' ? route.query : ''),
    parseFilter('status=failed,running&lane=A&session=3&q=nginx restart&since=24h'));
  assert.deepEqual(parseRoute((openAction(parseDeepLink('opsroom://run/9')) as { navigate: string }).navigate), { name: 'run', id: 9 });
});
