import type { LaneInfo } from '../../../../shared/ipc/methods/lanes.ts';
import type { SessionSummary } from '../../../../shared/ipc/methods/sessions.ts';
import type { RunTarget } from './use-queue-run.ts';

/** Where the run goes: "Session" (or none) and "Lane" (auto, or one lane, paused ones marked). */
export function RunTargetFields({ sessions, lanes, target, onChange }: {
  sessions: readonly SessionSummary[];
  lanes: readonly LaneInfo[];
  target: RunTarget;
  onChange: (next: RunTarget) => void;
}) {
  return (
    <div className="run-target">
      <label className="inline-field">
        <span className="field-label">Session</span>
        <select className="input" value={target.sessionId ?? ''}
          onChange={(e) => onChange({ ...target, sessionId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">No session</option>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>{s.title}{s.archivedAt ? ' (archived)' : ''}</option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span className="field-label">Lane</span>
        <select className="input" value={target.lane} onChange={(e) => onChange({ ...target, lane: e.target.value })}>
          <option value="auto">auto (least busy)</option>
          {lanes.map((lane) => (
            <option key={lane.name} value={lane.name}>{lane.name}{lane.paused ? ' (paused)' : ''}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
