import type { VerifyContext } from '../../../electron/core/verifiers/verifier.ts';

/** A finished step as a verifier sees it; tests override what they check. */
export function verifyContext(step: Partial<VerifyContext['step']> = {}, rest: Partial<Omit<VerifyContext, 'step'>> = {}): VerifyContext {
  return {
    step: { exitCode: 0, stdout: '', stderr: '', truncated: false, result: null, ...step },
    signal: new AbortController().signal,
    localSql: async () => {
      throw new Error('this test gives the verifier no local database');
    },
    ...rest,
  };
}
