/**
 * The renderer's Content-Security-Policy has one source: the meta tag in renderer/index.html. The dev server
 * serves that file as is, and both shells send the same policy as a response header (read from the built
 * index.html), adding `frame-ancestors`, which only a header can carry, so no other page can frame the UI.
 */
const CSP_META = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i;
const CONTENT = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/** The policy of the page's meta tag, or null when it has none (or an empty one). */
export function policyFromHtml(html: string): string | null {
  const meta = CSP_META.exec(html)?.[0];
  const content = meta ? CONTENT.exec(meta) : null;
  const policy = content ? (content[1] ?? content[2] ?? '').trim() : '';
  return policy || null;
}

/** The header's policy: the page's own, plus what a meta tag cannot say. */
export const headerPolicy = (pagePolicy: string): string => `${pagePolicy.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
