import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileVerifier } from '../../../shared/ir/verifier.ts';
import type { VerifierModule, VerifierOutcome } from './verifier.ts';

/** `contains` reads the whole file into memory; past this it fails rather than exhaust the worker. */
export const CONTAINS_MAX_BYTES = 64 * 1024 * 1024;

async function streamSha256(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest('hex');
}

const fail = (summary: string, evidence: Record<string, unknown>): VerifierOutcome => ({ passed: false, summary, evidence });

export const fileVerifier: VerifierModule<FileVerifier> = {
  kind: 'file',
  async verify(config, ctx) {
    const { path } = config;
    const wantExists = config.exists ?? true;
    const checksContent = config.sha256 !== undefined || config.contains !== undefined;
    if (!isAbsolute(path)) return fail(`file path must be absolute, got "${path}"`, { path, exists: null });
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return fail(`cannot stat ${path}: ${(error as Error).message}`, { path, exists: null });
      const evidence = { path, exists: false };
      return wantExists ? fail(`${path} does not exist`, evidence) : { passed: true, summary: `${path} does not exist`, evidence };
    }
    const type = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
    const base = { path, exists: true, type, size: info.size, mtime: info.mtime.toISOString() };
    if (!wantExists) return fail(`${path} exists (a ${type}), expected it to be absent`, base);
    if (type !== 'file') {
      if (checksContent) return fail(`${path} is a ${type}, not a file: sha256 and contains need a regular file`, base);
      return { passed: true, summary: `${path} exists (a ${type})`, evidence: { ...base, sha256: null, matched: null } };
    }
    if (config.contains !== undefined && info.size > CONTAINS_MAX_BYTES) {
      return fail(`${path} is too large for \`contains\` (${info.size} bytes, the limit is ${CONTAINS_MAX_BYTES})`, base);
    }
    try {
      // contains needs the bytes in memory anyway, so hash those. Without a content check the file is still
      // hashed (up to the cap), so the proof pins which file it saw.
      const content = config.contains !== undefined ? await readFile(path, { signal: ctx.signal }) : null;
      const sha256 = content ? createHash('sha256').update(content).digest('hex')
        : config.sha256 !== undefined || info.size <= CONTAINS_MAX_BYTES ? await streamSha256(path, ctx.signal) : null;
      const matched = {
        sha256: config.sha256 === undefined ? null : config.sha256.toLowerCase() === sha256,
        contains: content && config.contains !== undefined ? content.includes(Buffer.from(config.contains, 'utf8')) : null,
      };
      const evidence = { ...base, sha256, matched };
      const problems = [
        matched.sha256 === false ? `has sha256 ${sha256}, expected ${config.sha256!.toLowerCase()}` : null,
        matched.contains === false ? `does not contain ${JSON.stringify(config.contains)}` : null,
      ].filter((problem) => problem !== null);
      if (problems.length) return fail(`${path} ${problems.join('; ')}`, evidence);
      const checks = [matched.sha256 ? 'sha256 matches' : null, matched.contains ? `contains ${JSON.stringify(config.contains)}` : null]
        .filter((check) => check !== null);
      return { passed: true, summary: `${path} ${checks.length ? checks.join(', ') : `exists (${info.size} bytes)`}`, evidence };
    } catch (error) {
      return fail(`cannot read ${path}: ${(error as Error).message}`, base);
    }
  },
};
