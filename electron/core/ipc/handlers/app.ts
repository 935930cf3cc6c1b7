import type { appMethods } from '../../../../shared/ipc/methods/app.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export interface AppInfoOptions {
  shell: 'desktop' | 'headless';
  version: string;
}

export const appHandlers = (core: Core, options: AppInfoOptions): Handlers<keyof typeof appMethods> => ({
  'app.info': async () => ({
    version: options.version, mode: core.mode, dataDir: core.dataDir, lanes: [...core.lanes.served], shell: options.shell,
  }),
  'app.health': async () => core.health(),
});
