/**
 * JSON with object keys sorted at every depth and no whitespace (RFC 8785 style), so one value always
 * serialises the same, whatever order its keys come in: what plan hashes, proof evidence hashes and approvals'
 * shown-document digests are taken over. Here in shared/ so the core, the CLI and the renderer (which hashes
 * the approval it displays) serialise alike.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
