import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CoreError } from '../errors.ts';

/** Whether `program` is an executable file in one of PATH's folders (with PATHEXT's endings on Windows). */
export function onPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const endings = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : [''];
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    for (const ending of endings) {
      const candidate = join(folder, program + ending);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        // not here: the next folder
      }
    }
  }
  return false;
}

/** Refuses the invocation, before anything is queued, when a program the skill runs is not installed. */
export function checkRequiredCommands(skill: string, commands: readonly string[] = []): void {
  const missing = commands.filter((program) => !onPath(program));
  if (missing.length) {
    const names = missing.map((program) => `"${program}"`).join(', ');
    throw new CoreError('NOT_CONFIGURED', `skill "${skill}" needs ${missing.length === 1 ? 'the program' : 'the programs'} ${names} on PATH: ` +
      'install it, or add its folder to PATH, and try again');
  }
}
