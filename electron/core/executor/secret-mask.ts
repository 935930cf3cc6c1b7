import { SECRET_MASK } from '../../../shared/domain/secret-marker.ts';
import type { NewRunEvent } from '../../../shared/domain/run.ts';
import { evidenceSha256, sha256Hex } from '../proofs/evidence.ts';
import type { NewProof, Store } from '../queue/store.ts';
import type { StepDeps } from './execute-step.ts';

/** What the executor writes through (execute-run's ExecuteDeps, named here without importing it back). */
type WritingDeps = StepDeps & { store: StepDeps['store'] & Pick<Store, 'skipSteps' | 'settleSteps' | 'listReusedSteps'> };

/** Output reaches the executor line by line: a multi-line secret is also masked line by line, for lines long
 * enough not to be ordinary text ("}" or "" would mask everything). */
const MIN_LINE_CHARS = 8;

export interface SecretMask {
  text(text: string): string;
  /** A copy with every string (and key) masked; numbers, booleans and null unchanged. */
  json<T>(value: T): T;
  bytes(content: Uint8Array): Uint8Array;
}

/** Replaces each secret value by `***`; null when there is nothing to mask. */
export function secretMask(secrets: readonly string[]): SecretMask | null {
  const lines = secrets.flatMap((secret) => (secret.includes('\n') ? secret.split(/\r?\n/).filter((line) => line.length >= MIN_LINE_CHARS) : []));
  // Longest first: a secret that contains another is masked whole, not around the shorter one's mask.
  const values = [...new Set([...secrets, ...lines])].filter((value) => value !== '').sort((a, b) => b.length - a.length);
  if (values.length === 0) return null;
  const needles = values.map((value) => Buffer.from(value, 'utf8'));
  const maskBytes = Buffer.from(SECRET_MASK, 'utf8');

  const text = (input: string) => values.reduce((masked, value) => masked.replaceAll(value, SECRET_MASK), input);
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    // fromEntries defines own properties, so a "__proto__" key stays data.
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), json(item)]));
    }
    return value;
  };
  const bytes = (content: Uint8Array) => {
    let buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    for (const needle of needles) {
      const parts: Buffer[] = [];
      let from = 0;
      for (let at = buffer.indexOf(needle, from); at >= 0; at = buffer.indexOf(needle, from)) {
        parts.push(buffer.subarray(from, at), maskBytes);
        from = at + needle.length;
      }
      if (parts.length > 0) buffer = Buffer.concat([...parts, buffer.subarray(from)]);
    }
    return buffer;
  };
  return { text, json: <T>(value: T) => json(value) as T, bytes };
}

/**
 * The executor's dependencies with every write masked: event messages and payloads (output lines too), step
 * errors, results and stored outputs, skip and settle reasons (and a reused step's copied outputs), proof
 * summaries, configs, evidence and large evidence (whose hashes are taken again, of what is stored). The one
 * place a run's secrets are kept out of what it writes.
 */
export function maskedDeps<Deps extends WritingDeps>(deps: Deps, mask: SecretMask): Deps {
  const { store, writer } = deps;
  const event = (e: NewRunEvent): NewRunEvent => ({ ...e, message: mask.text(e.message), payload: mask.json(e.payload) });
  return {
    ...deps,
    writer: { push: (e) => writer.push(event(e)), flush: () => writer.flush() },
    store: {
      startStep: (fence, idx) => store.startStep(fence, idx),
      localQuery: (text, params) => store.localQuery(text, params),
      skipSteps: (fence, idxs, reason) => store.skipSteps(fence, idxs, mask.text(reason)),
      finishStep: (fence, idx, outcome, message) => store.finishStep(fence, idx, {
        ...outcome, error: outcome.error == null ? outcome.error : mask.text(outcome.error), result: mask.json(outcome.result),
        ...(outcome.outputs ? { outputs: mask.json(outcome.outputs) } : {}),
      }, mask.text(message)),
      recordProof: (fence, proof) => store.recordProof(fence, maskedProof(proof, mask)),
      settleSteps: (fence, settlements) => store.settleSteps(fence, settlements.map((s) => ({
        ...s, reason: mask.text(s.reason), message: mask.text(s.message), ...(s.outputs ? { outputs: mask.json(s.outputs) } : {}),
      }))),
      listReusedSteps: (runId) => store.listReusedSteps(runId),
    },
  };
}

function maskedProof(proof: NewProof, mask: SecretMask): NewProof {
  const evidence = mask.json(proof.evidence);
  const content = proof.large && mask.bytes(proof.large.content);
  return {
    ...proof,
    config: mask.json(proof.config),
    summary: mask.text(proof.summary),
    evidence,
    evidenceSha256: evidenceSha256(evidence),
    // The evidence's own body hash (an http verifier's bodySha256) stays that of the body received.
    large: proof.large && content && { ...proof.large, content, sha256: sha256Hex(content) },
  };
}
