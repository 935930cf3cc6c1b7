import { useState } from 'react';
import type { RetentionPolicy } from '../../../../shared/domain/retention.ts';
import type { SessionSummary } from '../../../../shared/ipc/methods/sessions.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormField } from '../../components/FormField.tsx';
import { errorMessage } from '../../data/errors.ts';
import { PurgeSummary } from './PurgeSummary.tsx';
import { SessionRetentionFields } from './SessionRetentionFields.tsx';
import { daysText, parseDays, useRetention } from './use-retention.ts';

const sessionTexts = (policy: RetentionPolicy) =>
  Object.fromEntries(policy.sessions.map((s) => [s.id, String(s.retentionDays)])) as Record<number, string>;

/**
 * How long finished runs are kept (settings.json of the app's data folder, and per session), how long their
 * proofs, and "Purge now". The app purges what is due once a day on its own.
 */
export function RetentionDialog({ policy, sessions, onClose }: {
  policy: RetentionPolicy;
  sessions: readonly SessionSummary[];
  onClose: () => void;
}) {
  const { setPolicy, setSession, purge } = useRetention();
  const [runs, setRuns] = useState(daysText(policy.runsDays));
  const [proofs, setProofs] = useState(daysText(policy.proofsDays));
  const [perSession, setPerSession] = useState(() => sessionTexts(policy));
  const [errors, setErrors] = useState<{ runs?: string; proofs?: string; sessions: Record<number, string> }>({ sessions: {} });
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const r = parseDays(runs);
    const p = parseDays(proofs);
    const bySession = sessions.map((s) => [s.id, parseDays(perSession[s.id] ?? '')] as const);
    const sessionErrors = Object.fromEntries(bySession.flatMap(([id, parsed]) => (parsed.ok ? [] : [[id, parsed.error]])));
    setErrors({ runs: r.ok ? undefined : r.error, proofs: p.ok ? undefined : p.error, sessions: sessionErrors });
    if (!r.ok || !p.ok || Object.keys(sessionErrors).length > 0) return;
    setSaving(true);
    setSaveError(null);
    try {
      await setPolicy.mutateAsync({ runsDays: r.days, proofsDays: p.days });
      const before = sessionTexts(policy);
      for (const [id, parsed] of bySession) {
        if (parsed.ok && daysText(parsed.days) !== (before[id] ?? '')) await setSession.mutateAsync({ sessionId: id, days: parsed.days });
      }
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog label="Retention" onClose={onClose}>
      <form onSubmit={(e) => void save(e)} noValidate>
        <h2 className="dialog-title">Retention</h2>
        <p className="field-hint">Finished runs older than this are purged once a day (log, steps, artifacts, proofs), then the database is vacuumed. Empty keeps them.</p>
        <FormField label="Keep runs (days)" value={runs} onChange={setRuns} errors={errors.runs ? [errors.runs] : undefined} autoFocus />
        <FormField label="Keep proofs (days)" value={proofs} onChange={setProofs} errors={errors.proofs ? [errors.proofs] : undefined}
          hint="Longer than runs: a run is first trimmed to its proofs and the artifacts they point at." />
        <SessionRetentionFields sessions={sessions} values={perSession} errors={errors.sessions}
          onChange={(id, text) => setPerSession((all) => ({ ...all, [id]: text }))} />
        {saveError !== null && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(saveError)}</p>}
        {purge.error && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(purge.error)}</p>}
        {purge.data ? <PurgeSummary report={purge.data} title={purge.data.dryRun ? 'Dry run' : 'Purged'} />
          : policy.lastPurge && <PurgeSummary report={policy.lastPurge} title="Last purge" />}
        <div className="dialog-actions">
          <button type="button" className="btn" disabled={purge.isPending} onClick={() => purge.mutate(true)}>What would go?</button>
          <button type="button" className="btn" disabled={purge.isPending} onClick={() => purge.mutate(false)}>
            {purge.isPending ? 'Purging…' : 'Purge now'}
          </button>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </Dialog>
  );
}
