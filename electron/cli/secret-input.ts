import { UsageError } from './args.ts';

/**
 * A secret's value comes from stdin (piped, or typed and ended with Ctrl-D), never from argv: a value on the
 * command line would sit in shell history and in every `ps` listing.
 */
export async function readSecretValue(name: string | undefined): Promise<string> {
  if (!name) throw new UsageError('mcp secret set needs the secret\'s name');
  if (process.stdin.isTTY) process.stderr.write(`value of ${name} (end with Ctrl-D): `);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const value = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!value) throw new UsageError(`no value given for ${name} on stdin`);
  return value;
}
