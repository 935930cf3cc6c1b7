import { canonicalJson } from '../../../../../shared/domain/canonical-json.ts';

/**
 * The sha256 of the document as this window displays it (its canonical JSON, the rule the core and the CLI
 * use), taken in the browser: the decision quotes what was shown here, not a digest the server says it showed.
 */
export async function shownDigest(shown: Record<string, unknown>): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(shown));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
