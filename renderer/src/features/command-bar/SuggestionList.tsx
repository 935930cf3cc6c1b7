import { useEffect } from 'react';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { PinButton } from './PinButton.tsx';
import type { BarSuggestion } from './skill-suggestions.ts';
import { needsParamForm } from './suggestions.ts';
import './pin.css';

export const optionId = (listId: string, index: number) => `${listId}-${index}`;

/**
 * Skills (while a "/name" is typed), recent commands and plans (pinned ones first) under the Command box. Focus stays in the box
 * (aria-activedescendant points at the highlighted option); a click chooses without taking focus from it.
 * Each plan has a pin button beside its option, reached with Tab.
 */
export function SuggestionList({ id, items, active, onChoose, onHover }: {
  id: string;
  items: readonly BarSuggestion[];
  active: number;
  onChoose: (item: BarSuggestion) => void;
  onHover: (index: number) => void;
}) {
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(id, active))?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);
  if (!items.length) {
    return (
      <p id={id} className="suggestions-empty">
        Enter runs what you typed: a command, <code>/skill key=value</code>, a plan or runbook file, or <code>? a request</code>.
        Skills, recent commands and stored plans show up here.
      </p>
    );
  }
  // In the items' (arrow-key) order.
  const groups = [
    { label: 'Skills', kind: 'skill' as const },
    { label: 'Recent commands', kind: 'recent' as const },
    { label: 'Plans', kind: 'plan' as const },
  ];
  return (
    <div id={id} className="suggestions" role="listbox" aria-label="Suggestions">
      {groups.map(({ label, kind }) => {
        const entries = items.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === kind);
        if (!entries.length) return null;
        return (
          <div key={kind} role="group" aria-label={label} className="suggestion-group">
            <div className="suggestion-heading" aria-hidden="true">{label}</div>
            {entries.map(({ item, index }) => (
              <div key={item.key} className="suggestion-row">
                <div
                  id={optionId(id, index)}
                  role="option"
                  aria-selected={index === active}
                  className={`suggestion${index === active ? ' active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => index !== active && onHover(index)}
                  onClick={() => onChoose(item)}
                >
                  {item.kind === 'skill' ? (
                    <>
                      <span className="suggestion-plan">
                        <span className="sr-only">Skill </span>/{item.skill.name}
                        <span className="suggestion-description"> — {item.skill.title}</span>
                      </span>
                      <span className="suggestion-meta">
                        v{item.skill.version}{needsParamForm(item.skill) && ' · asks for parameters'}
                      </span>
                    </>
                  ) : item.kind === 'recent' ? (
                    <>
                      <code className="suggestion-command">{item.command}</code>
                      <span className="suggestion-meta">
                        {item.uses > 1 && `${item.uses}× · `}<TimeAgo date={item.lastRunAt} />
                      </span>
                    </>
                  ) : (
                    <>
                      <span className="suggestion-plan">
                        <span className="sr-only">Plan </span>{item.plan.name}
                        {item.plan.description && <span className="suggestion-description"> — {item.plan.description}</span>}
                      </span>
                      <span className="suggestion-meta">
                        {item.pinned && 'pinned · '}
                        {item.plan.steps.length} {item.plan.steps.length === 1 ? 'step' : 'steps'}
                        {needsParamForm(item.plan) && ' · asks for parameters'}
                      </span>
                    </>
                  )}
                </div>
                {item.kind === 'plan' && <PinButton plan={item.plan} pinned={item.pinned} />}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
