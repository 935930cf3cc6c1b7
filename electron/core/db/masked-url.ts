/**
 * A URL as evidence may show: its password (in the user info or a `password` query parameter) becomes `***`,
 * because evidence is stored, exported in proof bundles and shown to people.
 */
export function maskedUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  if (copy.searchParams.has('password')) copy.searchParams.set('password', '***');
  return copy.href;
}
