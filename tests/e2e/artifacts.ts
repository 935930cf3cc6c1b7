import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the Chromium tests leave their screenshots (CI uploads the folder): OPSROOM_TEST_ARTIFACTS or .tmp/test-artifacts. */
export function artifactPath(name: string): string {
  const dir = resolve(process.env.OPSROOM_TEST_ARTIFACTS ?? join(import.meta.dirname, '../../.tmp/test-artifacts'));
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
