import type { z } from 'zod';
import type { RunEvent } from '../../../shared/domain/run.ts';
import type { Sandbox } from '../../../shared/ir/sandbox.ts';

/** Why a step was stopped from outside: the run was cancelled, the step ran past its timeout, the worker
 * lost its claim, or the worker is shutting down. */
export type StopReason = 'cancel' | 'timeout' | 'lost' | 'drain';

/** How a tool reports being stopped, in words a person reads in the step's error. */
export const STOPPED: Record<StopReason, string> = {
  cancel: 'cancelled',
  timeout: 'timed out',
  lost: 'stopped: this worker lost the run',
  drain: 'stopped: the worker is shutting down',
};

export interface StepContext {
  runId: number;
  attempt: number;
  stepId: string;
  /** Aborted with a StopReason as its reason. */
  signal: AbortSignal;
  /** One line of the tool's output; stored as an event, in order, before anyone sees it. */
  output(stream: 'stdout' | 'stderr', line: string): void;
  log(level: RunEvent['level'], message: string, payload?: Record<string, unknown>): void;
  /** The step's own deadline per try, if it has one (a tool with its own timeout should stay inside it). */
  timeoutMs?: number;
  /** The plan's sandbox; tools on MCP servers must pass it as well as their server's. */
  planSandbox?: Sandbox;
}

export interface StepResult {
  ok: boolean;
  exitCode?: number | null;
  /** Why it failed, in words a person can act on. */
  error?: string;
  result?: unknown;
}

export interface StepHandler<Input = unknown> {
  tool: string;
  inputSchema: z.ZodType<Input>;
  run(input: Input, ctx: StepContext): Promise<StepResult>;
}
