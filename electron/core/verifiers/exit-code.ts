import type { ExitCodeVerifier } from '../../../shared/ir/verifier.ts';
import type { VerifierModule } from './verifier.ts';

export const exitCodeVerifier: VerifierModule<ExitCodeVerifier> = {
  kind: 'exit_code',
  async verify(config, ctx) {
    const expected = [config.expect ?? 0].flat();
    const wanted = expected.length === 1 ? String(expected[0]) : `one of ${expected.join(', ')}`;
    const exitCode = ctx.step.exitCode ?? null;
    const evidence = { exitCode, expected };
    if (exitCode === null) {
      // Killed by a signal, or a tool (an MCP call) that has no exit code: nothing to compare, so no proof.
      return { passed: false, summary: `no exit code (killed by a signal, or the tool has none), expected ${wanted}`, evidence };
    }
    const passed = expected.includes(exitCode);
    return { passed, summary: passed ? `exit code ${exitCode}` : `exit code ${exitCode}, expected ${wanted}`, evidence };
  },
};
