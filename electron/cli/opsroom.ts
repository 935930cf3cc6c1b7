#!/usr/bin/env node
import { isCoreError, UsageError } from './args.ts';
import { approvalsCommand, APPROVALS_HELP, approveCommand, APPROVE_HELP, rejectCommand, REJECT_HELP } from './commands/approve.ts';
import { compileCommand, COMPILE_HELP } from './commands/compile.ts';
import { lanesCommand, LANES_HELP } from './commands/lanes.ts';
import { mcpCommand, MCP_HELP } from './commands/mcp.ts';
import { notifyCommand, NOTIFY_HELP } from './commands/notify.ts';
import { proofsCommand, PROOFS_HELP } from './commands/proofs.ts';
import { retentionCommand, RETENTION_HELP } from './commands/retention.ts';
import { runCommand, RUN_HELP } from './commands/run.ts';
import { runsCommand, RUNS_HELP } from './commands/runs.ts';
import { schedulesCommand, SCHEDULES_HELP } from './commands/schedules.ts';
import { secretsCommand, SECRETS_HELP } from './commands/secrets.ts';
import { serveCommand, SERVE_HELP } from './commands/serve.ts';
import { sessionsCommand, SESSIONS_HELP } from './commands/sessions.ts';
import { skillsCommand, SKILLS_HELP } from './commands/skills.ts';
import { workerCommand, WORKER_HELP } from './commands/worker.ts';

/** The CLI shell over the core: the same commands people run, and the ones the tests drive. */
const COMMANDS: Record<string, { run(argv: string[]): Promise<number>; help: string }> = {
  run: { run: runCommand, help: RUN_HELP },
  compile: { run: compileCommand, help: COMPILE_HELP },
  runs: { run: runsCommand, help: RUNS_HELP },
  schedules: { run: schedulesCommand, help: SCHEDULES_HELP },
  sessions: { run: sessionsCommand, help: SESSIONS_HELP },
  lanes: { run: lanesCommand, help: LANES_HELP },
  worker: { run: workerCommand, help: WORKER_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  mcp: { run: mcpCommand, help: MCP_HELP },
  proofs: { run: proofsCommand, help: PROOFS_HELP },
  retention: { run: retentionCommand, help: RETENTION_HELP },
  skills: { run: skillsCommand, help: SKILLS_HELP },
  approve: { run: approveCommand, help: APPROVE_HELP },
  reject: { run: rejectCommand, help: REJECT_HELP },
  approvals: { run: approvalsCommand, help: APPROVALS_HELP },
  secrets: { run: secretsCommand, help: SECRETS_HELP },
  notify: { run: notifyCommand, help: NOTIFY_HELP },
};

const USAGE = `Ops Control Room: operations work as structured, proven runs.

usage: opsroom <command> [options]     (opsroom <command> --help for its options)

  run        compile and queue a run (a plan, runbook, tasks.md, /skill, a command) and follow it live
  compile    print the plan a file, /skill or command compiles to (Pulser IR JSON), running nothing
  runs       list, show, cancel, rerun, resume or re-prove runs
  schedules  cron schedules of plans, skills and commands: list (next fire times), add, pause, resume, rm
  sessions   create, list, archive and restore sessions
  lanes      list, pause and resume lanes
  worker     run lane workers (on the embedded database or a shared PostgreSQL)
  serve      run lane workers and serve the UI to a browser on this machine (prints the URL to open)
  mcp        register, import, list and test MCP servers; their tools; secrets
  proofs     a run's proofs, its exported proof bundle, and checking a bundle
  retention  how long runs and proofs are kept (global, per session); purge what is due now
  skills     list, show and check skills (YAML files that expand to plans: /NAME key=value)
  approve    show what an approval step asks (prompt, evidence, diff) and approve exactly that
  reject     show what an approval step asks and reject it
  approvals  the approvals waiting for a decision
  secrets    set, list and remove secrets (webhook signing keys, server tokens); values never on the command line
  notify     send a test webhook delivery (notifications are set per plan and per schedule)

The embedded database lives in the app's data folder; --data-dir DIR or OPSROOM_DATA_DIR moves it,
--database-url URL or OPSROOM_DATABASE_URL uses a PostgreSQL instead.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(rest[0] && COMMANDS[rest[0]] ? COMMANDS[rest[0]]!.help : USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`opsroom: ${error.message}\n(opsroom --help lists the commands and their options)`);
    process.exitCode = 2;
  } else if (isCoreError(error)) {
    console.error(`opsroom: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(`opsroom: unexpected error: ${(error as Error).stack ?? error}`);
    process.exitCode = 70;
  }
}
