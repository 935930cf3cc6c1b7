import type { StepHandler } from './step-handler.ts';
import { shellHandler } from './shell/shell-handler.ts';

/** Built-in tools by name. The IR/MCP issue adds `http`, `sql` and MCP server tools beside `shell`. */
export const HANDLERS: ReadonlyMap<string, StepHandler<any>> = new Map([[shellHandler.tool, shellHandler]]);
