import { z } from 'zod';

/**
 * Plan-level settings for operating runs over time (issue 8): a person's approval before the first step, and
 * who is told when a run ends or waits.
 */

/** The built-in `approval` tool's input: what a person is asked, and what is shown to them. */
export const ApprovalInputSchema = z.strictObject({
  prompt: z.string().trim().min(1).max(2000),
  /** Earlier steps whose evidence (proofs) is shown; default: every step this one needs, transitively. */
  show: z.array(z.string()).max(1000).optional(),
  /** A diff (or any text) to approve, usually `${steps.plan.stdout}`; shown verbatim and covered by the digest. */
  diff: z.string().max(1_000_000).optional(),
  /** No decision within this long: onTimeout decides. Default: wait until decided or cancelled. */
  timeoutMs: z.number().int().positive().max(30 * 24 * 3600 * 1000).optional(),
  /** 'fail' (default) fails the step; 'continue' lets the run go on, the proof saying nobody decided. */
  onTimeout: z.enum(['fail', 'continue']).optional(),
});

/** `approval` on a plan: a gate step before every other ("run this in production?"). */
export const ApprovalGateSchema = ApprovalInputSchema.omit({ show: true, diff: true });

export const NotifyEventSchema = z.enum(['success', 'failure', 'approval']);

/** Who is told, per plan (and per schedule, which adds to its plan's). */
export const NotifySchema = z.strictObject({
  /** Default: failure and approval. */
  on: z.array(NotifyEventSchema).min(1).optional(),
  /** A native notification on the machine running the app; default true. */
  desktop: z.boolean().optional(),
  webhook: z.strictObject({
    url: z.string().regex(/^https?:\/\//, 'an http:// or https:// URL'),
    /** The name of a secret in the app's secret store: its value signs each delivery (HMAC-SHA256 of the body,
     * header X-Opsroom-Signature: sha256=<hex>). Never the value itself. */
    secret: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'a secret name: letters, digits, "_", "." or "-"').optional(),
  }).optional(),
});

export type ApprovalInput = z.infer<typeof ApprovalInputSchema>;
export type ApprovalGate = z.infer<typeof ApprovalGateSchema>;
export type NotifyEvent = z.infer<typeof NotifyEventSchema>;
export type Notify = z.infer<typeof NotifySchema>;
