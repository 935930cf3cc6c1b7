import { createHash } from 'node:crypto';
import { canonicalJson } from '../plans/plan-hash.ts';

/** Lowercase hex sha256 of bytes (a string is hashed as its UTF-8 bytes). */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A proof's hash: sha256 of the evidence as canonical JSON (keys sorted at every depth, no whitespace), so the
 * same evidence hashes the same after a round trip through jsonb, whatever order its keys come back in.
 */
export const evidenceSha256 = (evidence: unknown): string => sha256Hex(canonicalJson(evidence));
