import type { proofMethods } from '../../../../shared/ipc/methods/proofs.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const proofHandlers = (core: Core): Handlers<keyof typeof proofMethods> => ({
  'proofs.list': ({ runId }) => core.proofs.list(runId),
  'proofs.bundle': ({ runId, includeArtifacts }) => core.proofs.bundle(runId, { includeArtifacts }),
  'artifacts.list': ({ runId }) => core.artifacts.list(runId),
  'artifacts.get': async ({ runId, sha256 }) => {
    const { content, ...info } = await core.artifacts.get(runId, sha256);
    // Base64 text: the headless transport is JSON, which has no bytes.
    return { ...info, contentBase64: Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64') };
  },
});
