import type { Core } from '../../core.ts';
import { appHandlers, type AppInfoOptions } from './app.ts';
import { approvalHandlers } from './approvals.ts';
import { compileHandlers } from './compile.ts';
import { laneHandlers } from './lanes.ts';
import { mcpHandlers } from './mcp.ts';
import { planHandlers } from './plans.ts';
import { scheduleHandlers } from './schedules.ts';
import { proofHandlers } from './proofs.ts';
import { retentionHandlers } from './retention.ts';
import { runHandlers } from './runs.ts';
import { sessionHandlers } from './sessions.ts';
import { skillHandlers } from './skills.ts';
import type { Handlers } from './types.ts';

/** One handler per contract method, each calling only the Core's public API. */
export const createHandlers = (core: Core, options: AppInfoOptions): Handlers => ({
  ...appHandlers(core, options),
  ...sessionHandlers(core),
  ...laneHandlers(core),
  ...runHandlers(core),
  ...approvalHandlers(core),
  ...planHandlers(core),
  ...scheduleHandlers(core),
  ...compileHandlers(core),
  ...proofHandlers(core),
  ...retentionHandlers(core),
  ...mcpHandlers(core),
  ...skillHandlers(core),
});
