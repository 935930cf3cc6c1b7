import { ApprovalInputSchema } from '../../../shared/ir/operations.ts';
import type { ShellInput } from '../../../shared/ir/shell-input.ts';
import type { SqlTable } from '../db/postgres-query.ts';
import { approvalTool, type ApprovalDeps } from './approval/approval-tool.ts';
import { httpTool } from './http/http-tool.ts';
import { shellHandler } from './shell/shell-handler.ts';
import { sqlTool } from './sql/sql-tool.ts';
import type { StepContext, StepHandler, StepResult } from './step-handler.ts';

export interface BuiltinDeps {
  localQuery(text: string, params: unknown[]): Promise<SqlTable>;
  /** Runs a shell step through Desktop Commander's start_process; absent where no MCP pool exists. */
  dcShell?(input: ShellInput, ctx: StepContext): Promise<StepResult>;
  /** Where `approval` steps store what they show and read the decision; absent: approval steps fail. */
  approvals?: ApprovalDeps;
}

/** Built-in tools by name: shell (local, or through Desktop Commander), http, sql, approval. */
export function builtinHandlers(deps: BuiltinDeps): ReadonlyMap<string, StepHandler<any>> {
  const shell: StepHandler<ShellInput> = {
    ...shellHandler,
    run: (input, ctx) => {
      if (input.via !== 'desktop-commander') return shellHandler.run(input, ctx);
      // Desktop Commander runs commands with its own environment and output buffer: refuse what it would ignore.
      const ignored = (['env', 'envAllow', 'maxOutputBytes'] as const).filter((key) => input[key] !== undefined);
      if (ignored.length) return Promise.resolve({ ok: false, error: `${ignored.join(', ')} cannot be used with via "desktop-commander"` });
      if (!deps.dcShell) return Promise.resolve({ ok: false, error: 'Desktop Commander is not available in this worker' });
      return deps.dcShell(input, ctx);
    },
  };
  const approval: StepHandler<any> = deps.approvals ? approvalTool(deps.approvals)
    : { tool: 'approval', inputSchema: ApprovalInputSchema, run: () => Promise.resolve({ ok: false, error: 'approvals are not available in this worker' }) };
  return new Map<string, StepHandler<any>>([['shell', shell], ['http', httpTool], ['sql', sqlTool(deps.localQuery)], ['approval', approval]]);
}
