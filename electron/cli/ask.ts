import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** One line answered at the terminal. */
export async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

/** One line typed at the terminal without echo: a secret's value, asked for instead of taken from argv (where
 * it would show in `ps` and the shell's history). */
export async function askHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  // The interface first: it puts the terminal in raw mode (no echo), so nothing typed after the question shows.
  const prompt = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(question);
  try {
    return await prompt.question('');
  } finally {
    prompt.close();
    process.stderr.write('\n');
  }
}
