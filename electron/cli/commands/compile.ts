import { createCore, missingMessage } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse } from '../args.ts';
import { COMPILE_OPTIONS, compileOptions, wordsToText } from '../compile-input.ts';
import { palette } from '../format.ts';
import { planSummary } from '../plan-summary.ts';

export const COMPILE_HELP = `opsroom compile TEXT… [options]

Prints the plan TEXT compiles to, as Pulser IR JSON (save it as a .opsplan.json and run or edit it), with the
same grammar as opsroom run and the command bar: a plan, runbook or tasks.md file, /skill k=v, a shell
command, or "? words" for a natural-language draft. Warnings go to stderr. Nothing runs.

  --param NAME=VALUE     a parameter (repeatable)
  --agent CMD            the command that carries out a Spec Kit task (or OPSROOM_AGENT_COMMAND)
  --summary              a readable summary (steps, needs, lanes, verifiers) instead of JSON
  --data-dir DIR         embedded database folder (or OPSROOM_DATA_DIR); skills are read from it
  --database-url URL     use a shared PostgreSQL (or OPSROOM_DATABASE_URL)`;

export async function compileCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATABASE_OPTIONS, ...COMPILE_OPTIONS, summary: { type: 'boolean' } });
  if (values.help) return console.log(COMPILE_HELP), 0;
  if (positionals.length === 0) throw new UsageError('give what to compile: a file, /skill k=v, a command or "? words"');
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    const outcome = await core.compile.preview(wordsToText(positionals), compileOptions(values));
    if (outcome.status === 'needs-params') throw new UsageError(missingMessage(outcome));
    for (const warning of outcome.warnings) console.error(`warning: ${warning}`);
    // Only the plan: bound values (secrets among them) are not part of it; parameters are given when it runs.
    console.log(values.summary ? planSummary(outcome, palette(process.stdout)) : JSON.stringify(outcome.plan, null, 2));
    return 0;
  } finally {
    await core.close();
  }
}
