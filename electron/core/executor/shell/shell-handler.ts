import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { ShellInputSchema, type ShellInput } from '../../../../shared/ir/shell-input.ts';
import { STOPPED, type StepHandler, type StopReason } from '../step-handler.ts';
import { childEnv } from './child-env.ts';
import { killTree } from './kill-tree.ts';
import { lineSplitter } from '../line-splitter.ts';
import { outputCap } from './output-cap.ts';

// After the shell exits, wait this long for its pipes to close. A background child that keeps them open
// (`daemon &`) must not hold the step forever; it is left running, as the person asked.
const PIPE_CLOSE_WAIT_MS = 1000;


/** The built-in `shell` tool: the command runs in the platform shell (sh -c / cmd.exe /d /s /c). */
export const shellHandler: StepHandler<ShellInput> = {
  tool: 'shell',
  inputSchema: ShellInputSchema,
  run(input, ctx) {
    if (ctx.signal.aborted) {
      // 'abort' never fires for a signal that is already aborted: a cancel that came during startStep
      return Promise.resolve({ ok: false, exitCode: null, error: STOPPED[ctx.signal.reason as StopReason] });
    }
    if (input.cwd && !statSync(input.cwd, { throwIfNoEntry: false })?.isDirectory()) {
      // spawn would report this as "spawn /bin/sh ENOENT", which points at the wrong thing
      return Promise.resolve({ ok: false, exitCode: null, error: `working directory ${input.cwd} does not exist` });
    }
    return new Promise((resolve) => {
      const cap = outputCap(input.maxOutputBytes);
      const child = spawn(input.command, {
        shell: true,
        cwd: input.cwd,
        env: childEnv(process.env, input.envAllow, input.env),
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
        if (cap.admit(line)) return ctx.output(stream, line);
        const marker = cap.takeMarker();
        if (marker) ctx.log('warn', marker);
      };
      const stdout = lineSplitter(onLine('stdout'));
      const stderr = lineSplitter(onLine('stderr'));
      child.stdout.on('data', stdout.write);
      child.stderr.on('data', stderr.write);

      const stop = () => killTree(child);
      ctx.signal.addEventListener('abort', stop, { once: true });

      let settled = false;
      const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
        if (settled) return;
        settled = true;
        ctx.signal.removeEventListener('abort', stop);
        stdout.end();
        stderr.end();
        const summary = cap.summary();
        if (summary) ctx.log('warn', summary);
        if (spawnError) return resolve({ ok: false, exitCode: null, error: `could not start the command: ${spawnError.message}` });
        if (ctx.signal.aborted) {
          const reason = ctx.signal.reason as StopReason;
          return resolve({ ok: false, exitCode: code, error: STOPPED[reason] ?? String(reason) });
        }
        // Any exit code is a completed call: the step's exit_code verifier judges it.
        if (code !== null) return resolve({ ok: true, exitCode: code });
        resolve({ ok: false, exitCode: null, error: `killed by ${signal}` });
      };
      child.on('error', (error) => finish(null, null, error));
      child.on('exit', (code, signal) => {
        const closeWait = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code, signal);
        }, PIPE_CLOSE_WAIT_MS);
        child.on('close', () => {
          clearTimeout(closeWait);
          finish(code, signal);
        });
      });
    });
  },
};
