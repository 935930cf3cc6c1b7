import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ShownDocumentSchema, type Approval } from '../../../../../shared/domain/approval.ts';
import { formatTimestamp } from '../../../data/format.ts';
import { errorMessage } from '../../../data/errors.ts';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import { DiffView } from './DiffView.tsx';
import { ShownEvidence } from './ShownEvidence.tsx';
import { shownDigest } from './shown-digest.ts';

/**
 * The digest of exactly the document object displayed now, or undefined while it is being taken. Not cached by
 * the digest the core stores: a document read again with other content (changed in the database, the digest
 * column not) would keep the old digest and approve what was not shown.
 */
function useShownDigest(shown: Record<string, unknown>): string | undefined {
  const [taken, setTaken] = useState<{ of: Record<string, unknown>; sha256: string } | null>(null);
  useEffect(() => {
    let current = true;
    void shownDigest(shown).then((sha256) => current && setTaken({ of: shown, sha256 }));
    return () => {
      current = false;
    };
  }, [shown]);
  return taken?.of === shown ? taken.sha256 : undefined;
}

/**
 * A pending approval as a person decides it: the prompt, the run and plan, the evidence of earlier steps, the
 * diff, a comment, Approve / Reject. The decision quotes the digest of the document displayed here (taken in
 * this window), so it holds for exactly what was shown; the core refuses it as void otherwise.
 */
export function ApprovalCard({ approval }: { approval: Approval }) {
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const doc = ShownDocumentSchema.safeParse(approval.shown);
  const digest = useShownDigest(approval.shown);
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => client.call('approvals.decide', {
      runId: approval.runId, stepId: approval.stepId, decision, shownSha256: digest!, comment: comment.trim() || undefined,
    }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.approvalsAll });
      void queryClient.invalidateQueries({ queryKey: keys.run(approval.runId) });
    },
  });
  const busy = decide.isPending || !digest;
  return (
    <section className="approval-card" aria-label={`Approval at step ${approval.stepId}`}>
      <div className="approval-head">
        <h2 className="approval-title">Waiting for your approval</h2>
        <span className="approval-step">step <code>{approval.stepId}</code></span>
        {approval.expiresAt && (
          <span className="approval-expiry">until {formatTimestamp(approval.expiresAt)}, then {approval.onTimeout === 'continue' ? 'it goes on' : 'it fails'}</span>
        )}
      </div>
      <p className="approval-prompt">{doc.success ? doc.data.prompt : approval.prompt}</p>
      {doc.success ? (
        <>
          <p className="approval-meta">
            plan <strong>{doc.data.run.plan}</strong> <code className="sha">sha256:{doc.data.run.planSha256.slice(0, 12)}</code>
            {Object.entries(doc.data.run.params).map(([name, value]) => (
              <span key={name} className="approval-param"><code>{name}={typeof value === 'string' ? value : JSON.stringify(value)}</code></span>
            ))}
          </p>
          <h3 className="approval-subtitle">Evidence</h3>
          <ShownEvidence evidence={doc.data.evidence} />
          {doc.data.diff !== null && (
            <>
              <h3 className="approval-subtitle">Diff</h3>
              <DiffView text={doc.data.diff} />
            </>
          )}
        </>
      ) : (
        <pre className="approval-diff" aria-label="Shown document">{JSON.stringify(approval.shown, null, 2)}</pre>
      )}
      <div className="approval-decide">
        <label className="approval-comment" htmlFor={commentId}>Comment</label>
        <textarea id={commentId} className="input approval-comment-input" rows={2} maxLength={2000} value={comment}
          onChange={(event) => setComment(event.target.value)} placeholder="Why (kept with the decision)" />
        <div className="approval-actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => decide.mutate('approve')}>Approve</button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => decide.mutate('reject')}>Reject</button>
          <span className="approval-digest">
            shown document <code className="sha" data-testid="shown-digest">{digest ? `sha256:${digest}` : 'hashing…'}</code>
          </span>
        </div>
        {decide.error && <p className="approval-error" role="alert">{errorMessage(decide.error)}</p>}
      </div>
    </section>
  );
}
