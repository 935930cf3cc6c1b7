import { existsSync } from 'node:fs';

/** runuser lives in sbin, which a CI environment's PATH may not include. */
export const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((path) => existsSync(path)) ?? 'runuser';
