import { useEffect, useId, useRef } from 'react';
import type { CompiledView } from './compile-flow.ts';
import { paramLines, previewRows } from './plan-preview-rows.ts';
import './plan-preview.css';

const SOURCE_NAMES: Record<CompiledView['source'], string> = {
  'shell': 'Shell command',
  'skill': 'Skill',
  'plan-file': 'Plan file',
  'runbook': 'Runbook',
  'spec-kit': 'Spec Kit task list',
  'natural-language': 'Request',
};

/**
 * What typed text compiles to, with nothing run: where it came from, the resolved parameters (secrets as ***),
 * the compiler's warnings, then one row per step — what it does, what it waits for, its lane and what proves
 * it. A natural-language draft is the same view under its own heading: it runs only once a person approves it.
 * The heading takes focus, so a screen reader starts here; Run and Back are the bar's own buttons.
 */
export function PlanPreview({ outcome, onBack }: { outcome: CompiledView; onBack: () => void }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { plan } = outcome;
  const params = paramLines(plan.params ?? {}, outcome.params);
  const rows = previewRows(plan);
  const version = plan.origin?.kind === 'skill' && plan.origin.version ? ` ${plan.origin.version}` : '';
  return (
    <>
      <div className="plan-head">
        <button type="button" className="btn btn-small btn-quiet" onClick={onBack}>← Back</button>
        <h2 id={headingId} ref={heading} tabIndex={-1} className="plan-preview-title">
          {outcome.draft ? 'Draft — review before running' : 'Dry run'}
        </h2>
        <span className="plan-preview-note">nothing has run</span>
      </div>
      <section className="plan-preview" aria-labelledby={headingId}>
        <p className="plan-preview-source">
          {SOURCE_NAMES[outcome.source]} <code>{outcome.label}</code>{version} → plan <strong>{plan.name}</strong>,{' '}
          {rows.length} {rows.length === 1 ? 'step' : 'steps'}
        </p>
        {plan.description && <p className="plan-preview-description">{plan.description}</p>}
        <h3 className="plan-preview-subtitle">Parameters</h3>
        {params.length ? (
          <ul className="plan-preview-params">{params.map((line) => <li key={line}><code>{line}</code></li>)}</ul>
        ) : <p className="plan-preview-none">None</p>}
        {outcome.warnings.length > 0 && (
          <>
            <h3 className="plan-preview-subtitle">Warnings</h3>
            <ul className="plan-preview-warnings">{outcome.warnings.map((warning, i) => <li key={i}>{warning}</li>)}</ul>
          </>
        )}
        <table className="plan-preview-steps" aria-label="Steps">
          <thead>
            <tr><th scope="col">Step</th><th scope="col">Does</th><th scope="col">Needs</th><th scope="col">Lane</th><th scope="col">Proven by</th></tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row"><code>{row.id}</code>{row.name && <span className="plan-preview-step-name">{row.name}</span>}</th>
                <td><code className="plan-preview-does">{row.does}</code></td>
                <td>{row.needs.length ? row.needs.join(', ') : '—'}</td>
                <td>{row.lane ?? 'the run\'s'}</td>
                <td><ul className="plan-preview-proofs">{row.provenBy.map((proof, i) => <li key={i}>{proof}</li>)}</ul></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
