import type { HealthIncident, HealthState } from '../../../shared/domain/health.ts';

export type HealthListener = (incident: HealthIncident, health: HealthState) => void;
export type NewIncident = Pick<HealthIncident, 'component' | 'worker' | 'error' | 'state'> & Partial<HealthIncident>;

/** Kept for a window opened later; a crash loop ends in 'fatal' long before this many. */
const KEEP = 20;

/** The incidents of this process and whether the core gave up; every change goes to the listeners. */
export function createHealthMonitor() {
  let nextId = 1;
  let incidents: HealthIncident[] = [];
  let fatal: HealthState['fatal'] = null;
  const listeners = new Set<HealthListener>();

  const state = (): HealthState => ({
    status: fatal ? 'fatal' : incidents.some((i) => i.state === 'recovering') ? 'recovering' : 'ok',
    fatal,
    incidents: incidents.map((i) => ({ ...i, requeuedRunIds: [...i.requeuedRunIds] })),
  });
  const emit = (incident: HealthIncident) => {
    const health = state();
    for (const listener of listeners) {
      try {
        listener({ ...incident }, health);
      } catch {
        // one broken listener must not keep the others from the news
      }
    }
  };

  const update = (id: number, changes: Partial<Omit<HealthIncident, 'id'>>): void => {
    const index = incidents.findIndex((i) => i.id === id);
    if (index < 0) return;
    const incident = { ...incidents[index]!, ...changes };
    if (changes.state === 'recovered') incident.recoveredAt ??= new Date();
    incidents = incidents.map((i, at) => (at === index ? incident : i));
    emit(incident);
  };

  return {
    state,
    update,
    /** Records a new incident; returns its id for update(). */
    report(fields: NewIncident): number {
      const incident: HealthIncident = {
        id: nextId++, at: new Date(), recoveredAt: fields.state === 'recovered' ? new Date() : null, requeuedRunIds: [], ...fields,
      };
      incidents = [incident, ...incidents].slice(0, KEEP);
      emit(incident);
      return incident.id;
    },
    /** The core gave up: `message` says what stopped, `action` what the person can do. */
    giveUp(id: number, message: string, action: string): void {
      fatal = { message, action };
      update(id, { state: 'fatal' });
    },
    subscribe(listener: HealthListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
