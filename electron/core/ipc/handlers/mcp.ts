import type { mcpMethods } from '../../../../shared/ipc/methods/mcp.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const mcpHandlers = (core: Core): Handlers<keyof typeof mcpMethods> => ({
  'mcp.list': () => core.mcp.list(),
  'mcp.add': (config) => core.mcp.add(config),
  'mcp.remove': async ({ name }) => {
    await core.mcp.remove(name);
    return { removed: name };
  },
  'mcp.setEnabled': ({ name, enabled }) => core.mcp.setEnabled(name, enabled),
  'mcp.import': (input) => ('path' in input ? core.mcp.import(input.path) : core.mcp.importText(input.text, input.source)),
  'mcp.test': ({ name }) => core.mcp.test(name),
  'mcp.tools': ({ server, refresh }) => core.mcp.tools(server, { refresh }),
});
