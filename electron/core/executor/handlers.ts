import type { ShellInput } from '../../../shared/ir/shell-input.ts';
import type { SqlTable } from '../db/postgres-query.ts';
import { httpTool } from './http/http-tool.ts';
import { shellHandler } from './shell/shell-handler.ts';
import { sqlTool } from './sql/sql-tool.ts';
import type { StepContext, StepHandler, StepResult } from './step-handler.ts';

export interface BuiltinDeps {
  localQuery(text: string, params: unknown[]): Promise<SqlTable>;
  /** Runs a shell step through Desktop Commander's start_process; absent where no MCP pool exists. */
  dcShell?(input: ShellInput, ctx: StepContext): Promise<StepResult>;
}

/** Built-in tools by name: shell (local, or through Desktop Commander), http, sql. */
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
  return new Map<string, StepHandler<any>>([['shell', shell], ['http', httpTool], ['sql', sqlTool(deps.localQuery)]]);
}
