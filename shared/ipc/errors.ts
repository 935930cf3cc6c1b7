import { z } from 'zod';

/**
 * Every error code a caller of the contract can see. The first group is the transport's (a message that never
 * reached a handler); the rest are the core's, so a screen can branch on a code instead of on wording.
 */
export const TRANSPORT_ERROR_CODES = ['BAD_MESSAGE', 'UNKNOWN_METHOD', 'UNAUTHORIZED', 'DISCONNECTED', 'INTERNAL'] as const;
export const CORE_ERROR_CODES = [
  'DATA_DIR_IN_USE', 'DATA_DIR_UNWRITABLE', 'INVALID_PLAN', 'UNKNOWN_LANE', 'UNKNOWN_SESSION', 'UNKNOWN_RUN',
  'UNKNOWN_PLAN', 'UNKNOWN_ARTIFACT', 'INVALID_STATE', 'DATABASE_UNAVAILABLE', 'WORKER_FAILED', 'INVALID_INPUT',
  'UNKNOWN_SERVER', 'MCP_SERVER_FAILED', 'UNKNOWN_SKILL', 'AMBIGUOUS_INPUT', 'NOT_CONFIGURED',
  // issue 8: schedules
  'UNKNOWN_SCHEDULE',
] as const;

export const ErrorCodeSchema = z.enum([...TRANSPORT_ERROR_CODES, ...CORE_ERROR_CODES]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export const IpcErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** For INVALID_INPUT: each problem with the path of the field it is about. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;
