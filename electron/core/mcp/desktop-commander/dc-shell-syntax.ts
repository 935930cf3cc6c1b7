/**
 * The shell Desktop Commander runs step commands in, and the command line given to it.
 *
 * POSIX: /bin/sh, the shell the built-in `shell` tool uses, so a step behaves the same either way. (DC runs
 * bash and zsh as login shells, and Debian's /etc/profile then resets PATH.) Windows: DC's own default.
 */
export function dcShell(): string {
  return process.platform === 'win32' ? 'powershell.exe' : '/bin/sh';
}

const isPowerShell = (shell: string) => /(^|[\\/])(powershell|pwsh)(\.exe)?$/i.test(shell);

/**
 * DC 0.2.52 keeps a finished process's output as it was at the 'exit' event, and the last chunk often arrives
 * after it, so a command's last lines would be lost. The shell lingers this long on exit (an EXIT trap, which
 * keeps the exit status) so DC has read everything first.
 */
const LINGER_ON_EXIT = "trap 'sleep 0.2' EXIT";

/**
 * The command line for start_process: `command`, in `cwd` when given (start_process has no working-directory
 * argument), stopping with an error when the directory cannot be entered. Parts are joined with ";" rather than
 * newlines: DC's blocked-command check splits on ; && || | & only, and must still see the command.
 */
export function dcCommandLine(shell: string, command: string, cwd?: string): string {
  if (isPowerShell(shell)) {
    return cwd === undefined ? command : `Set-Location -LiteralPath '${cwd.replaceAll("'", "''")}' -ErrorAction Stop; ${command}`;
  }
  const enter = cwd === undefined ? '' : `cd -- '${cwd.replaceAll("'", `'\\''`)}' || exit 1; `;
  return `${LINGER_ON_EXIT}; ${enter}${command}`;
}
