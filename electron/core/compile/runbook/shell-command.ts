import { irLiteral } from '../../../../shared/ir/references.ts';

/** Languages whose blocks are steps; any other block (json, yaml, console output…) is documentation. */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['sh', 'bash', 'shell', 'zsh']);

/**
 * The shell command of a block. The platform shell runs it (sh -c), so a block written for bash or zsh, or a
 * runbook that names its shell, is handed to that shell. The text is an IR literal: `${` becomes `$${`, so
 * `${HOME}` is the shell's, never a plan reference.
 */
export function blockCommand(body: string, language: string, program: string | undefined): string {
  const shell = program ?? (language === 'bash' || language === 'zsh' ? language : undefined);
  const script = shell === undefined || shell === 'sh' ? body : `${shell} -c ${singleQuoted(body)}`;
  return irLiteral(script);
}

const singleQuoted = (text: string) => `'${text.replaceAll("'", () => "'\\''")}'`;

/** `$NAME`, `${NAME}`, `${NAME:-x}`, `${#NAME}`: the variables a block reads. */
const VARIABLE = /\$\{?#?([A-Za-z_][A-Za-z0-9_]*)/g;

/** The declared parameters a block reads as shell variables, passed as environment variables (never pasted
 * into the text: a value is data, not code); and names that differ from a parameter only in case. */
export function parameterEnv(body: string, params: readonly string[]): { env: Record<string, string>; nearMisses: Map<string, string> } {
  const declared = new Set(params);
  const byLowerCase = new Map(params.map((name) => [name.toLowerCase(), name]));
  const env: [string, string][] = [];
  const nearMisses = new Map<string, string>();
  for (const [, name] of body.matchAll(VARIABLE)) {
    const param = byLowerCase.get(name!.toLowerCase());
    if (declared.has(name!)) env.push([name!, `\${params.${name}}`]);
    else if (param !== undefined) nearMisses.set(name!, param);
  }
  return { env: Object.fromEntries(env), nearMisses };
}

/** `${params.x}` / `${steps.x.stdout}` written in shell text: plan references, which a block cannot hold. */
export function planReferencesIn(body: string): string[] {
  return [...new Set([...body.matchAll(/\$\{(?:params|steps)\.[^}\s]*\}/g)].map((match) => match[0]))];
}
