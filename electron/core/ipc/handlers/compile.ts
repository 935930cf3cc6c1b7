import type { compileMethods } from '../../../../shared/ipc/methods/compile.ts';
import { maskSecretValues } from '../../../../shared/ir/params.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

/** The command bar's grammar. Secret values never go back to a page: a preview shows them as "***". */
export const compileHandlers = (core: Core): Handlers<keyof typeof compileMethods> => ({
  'compile.preview': async ({ text, params }) => {
    const outcome = await core.compile.preview(text, { params });
    return outcome.status === 'compiled' ? { ...outcome, params: maskSecretValues(outcome.plan.params ?? {}, outcome.params) } : outcome;
  },
  'runs.runText': ({ text, params, sessionId, lane }) => core.compile.run(text, { params, sessionId, lane, remember: true }),
  'runs.runDraft': ({ plan, params, sessionId, lane }) => core.compile.runDraft(plan, { params, sessionId, lane }),
});
