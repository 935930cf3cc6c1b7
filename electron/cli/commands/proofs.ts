import { readFile, writeFile } from 'node:fs/promises';
import { createCore, verifyProofBundle } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, requireId } from '../args.ts';
import { json, palette } from '../format.ts';
import { proofLines } from '../proof-lines.ts';

export const PROOFS_HELP = `opsroom proofs RUN                      each step's verdicts and evidence hashes
opsroom proofs RUN --export FILE        write the run's proof bundle (one JSON document)
  --artifacts                           include large evidence (HTTP bodies, long outputs) in the bundle
opsroom proofs verify FILE              re-check every hash in a bundle, as a third party would
  --json                                machine-readable output`;

export async function proofsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATABASE_OPTIONS, json: { type: 'boolean' }, export: { type: 'string' }, artifacts: { type: 'boolean' },
  });
  if (values.help) return console.log(PROOFS_HELP), 0;
  if (positionals[0] === 'verify') return verify(positionals[1], Boolean(values.json));
  const runId = requireId(positionals[0], 'run id');
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    if (values.export) {
      const bundle = await core.proofs.bundle(runId, { includeArtifacts: values.artifacts });
      await writeBundle(values.export, `${JSON.stringify(bundle, null, 2)}\n`);
      console.log(values.json ? json({ file: values.export, digest: bundle.digest })
        : `proof bundle of run ${runId} written to ${values.export} (digest sha256:${bundle.digest})`);
      return 0;
    }
    const [{ run, steps }, proofs] = await Promise.all([core.runs.get(runId), core.proofs.list(runId)]);
    if (values.json) return console.log(json(proofs)), 0;
    console.log(`run ${run.id} ${run.status}: ${run.title}`);
    console.log(proofLines(steps, proofs, palette(process.stdout)).join('\n'));
    return 0;
  } finally {
    await core.close();
  }
}

/** A path the person typed that cannot be written is their mistake to fix (exit 2), not a crash. */
async function writeBundle(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write the bundle to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function verify(file: string | undefined, asJson: boolean): Promise<number> {
  if (!file) throw new UsageError('give the bundle file: opsroom proofs verify bundle.json');
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const result = verifyProofBundle(doc);
  if (asJson) console.log(json(result));
  else if (result.ok) console.log(`${file}: every hash checks out (${result.checked.proofs} proofs, ${result.checked.artifacts} artifacts)`);
  else console.log(`${file}: NOT intact\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
  return result.ok ? 0 : 1;
}
