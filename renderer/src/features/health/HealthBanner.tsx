import { useState } from 'react';
import { describeIncident } from '../../../../shared/domain/health.ts';
import { formatTimestamp } from '../../data/format.ts';
import { useHealth } from './use-health.ts';
import { clockTime, visibleIncidents } from './visible-incidents.ts';
import './health.css';

/**
 * Says when the database or a lane worker stopped unexpectedly and what the core did about it (restarted,
 * replaced, runs requeued), until dismissed; when the core gave up, says what to do, and cannot be dismissed.
 */
export function HealthBanner() {
  const { data: health } = useHealth();
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set());
  if (!health) return null;
  if (health.fatal) {
    return (
      <div className="banner banner-error" role="alert">
        <span aria-hidden="true">⚠</span>
        <span>
          {health.fatal.message} <strong>What to do:</strong> {health.fatal.action}
        </span>
      </div>
    );
  }
  return visibleIncidents(health, dismissed).map((incident) => (
    <div key={incident.id} className="banner banner-warn" role="status">
      {incident.state === 'recovering' ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">⚠</span>}
      <span>
        {describeIncident(incident, clockTime(incident.at))}{' '}
        <span className="health-error" title={formatTimestamp(incident.at)}>{incident.error}</span>
      </span>
      {incident.state !== 'recovering' && (
        <button type="button" className="btn btn-small" onClick={() => setDismissed(new Set([...dismissed, incident.id]))}>
          Dismiss
        </button>
      )}
    </div>
  ));
}
