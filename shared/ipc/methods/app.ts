import { z } from 'zod';
import { HealthStateSchema } from '../../domain/health.ts';
import { method } from './define.ts';

export const appMethods = {
  'app.info': method(z.strictObject({}), z.object({
    version: z.string(),
    mode: z.enum(['embedded', 'postgres']),
    dataDir: z.string().nullable(),
    /** The lanes this process's workers serve, in board order. */
    lanes: z.array(z.string()),
    /** Which shell answers: the desktop app or `opsroom serve`. */
    shell: z.enum(['desktop', 'headless']),
  }), 'what this app is and where its data lives'),
  'app.health': method(z.strictObject({}), HealthStateSchema,
    'crashes of the database and lane workers since start, how they were recovered, and whether the app gave up'),
};
