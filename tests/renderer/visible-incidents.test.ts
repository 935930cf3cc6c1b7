import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthIncident, HealthState } from '../../shared/domain/health.ts';
import { visibleIncidents } from '../../renderer/src/features/health/visible-incidents.ts';

const incident = (id: number, state: HealthIncident['state']): HealthIncident => ({
  id, component: 'database', worker: null, at: new Date(0), error: 'boom', state, recoveredAt: null, requeuedRunIds: [],
});
const health = (incidents: HealthIncident[], fatal: HealthState['fatal'] = null): HealthState =>
  ({ status: fatal ? 'fatal' : 'ok', fatal, incidents });

describe('visibleIncidents', () => {
  it('shows what was not dismissed, newest first, at most three', () => {
    const all = [5, 4, 3, 2, 1].map((id) => incident(id, 'recovered'));
    assert.deepEqual(visibleIncidents(health(all), new Set([4])).map((i) => i.id), [5, 3, 2]);
  });

  it('keeps one still recovering even if dismissed', () => {
    assert.deepEqual(visibleIncidents(health([incident(2, 'recovering')]), new Set([2])).map((i) => i.id), [2]);
  });

  it('shows none once the core gave up: the fatal banner replaces them', () => {
    assert.deepEqual(visibleIncidents(health([incident(1, 'fatal')], { message: 'm', action: 'a' }), new Set()), []);
  });
});
