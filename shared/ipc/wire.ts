import { z } from 'zod';
import { IpcErrorSchema } from './errors.ts';

/**
 * The envelopes every transport carries. Electron IPC sends them as structured clones; the headless
 * WebSocket sends them as JSON through encodeWire/decodeWire, which keep Date values Dates.
 */
export const RequestSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  input: z.unknown(),
});
export type Request = z.infer<typeof RequestSchema>;

export const ResponseSchema = z.union([
  z.strictObject({ id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.strictObject({ id: z.number().int().nullable(), ok: z.literal(false), error: IpcErrorSchema }),
]);
export type Response = z.infer<typeof ResponseSchema>;

export const PushSchema = z.strictObject({ event: z.string(), data: z.unknown() });
export type Push = z.infer<typeof PushSchema>;

const DATE_TAG = '$date';

/** JSON with Dates tagged as {"$date": ms}, so both ends get the Date back (JSON alone turns it into text). */
export function encodeWire(message: Request | Response | Push): string {
  return JSON.stringify(message, function (this: Record<string, unknown>, key, value) {
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.getTime() } : value;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE_TAG && typeof value[DATE_TAG] === 'number') return new Date(value[DATE_TAG]);
    }
    return value;
  });
}
