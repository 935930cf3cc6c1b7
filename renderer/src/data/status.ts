import { RunStatusSchema, type RunStatus } from '../../../shared/domain/run.ts';

/** Board order: what needs attention (running, queued) before what is done. */
export const RUN_STATUSES: readonly RunStatus[] = RunStatusSchema.options;

/**
 * Each status as an icon plus a word, so a status never depends on colour alone (WCAG 1.4.1); the icon is
 * decoration for sighted readers, the word is what a screen reader says.
 */
export const STATUS_ICON: Record<RunStatus, string> = {
  queued: '○',
  running: '●',
  succeeded: '✓',
  failed: '✗',
  cancelled: '⊘',
};

export const isRunStatus = (value: string): value is RunStatus => (RUN_STATUSES as readonly string[]).includes(value);

export const isActive = (status: RunStatus): boolean => status === 'queued' || status === 'running';
