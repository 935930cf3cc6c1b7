import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical-json.ts';

// One definition for the core, the CLI and the renderer (which hashes the approvals it shows).
export { canonicalJson };

export const planHash = (plan: unknown): string => createHash('sha256').update(canonicalJson(plan)).digest('hex');
