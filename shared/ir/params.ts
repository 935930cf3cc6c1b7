import { z } from 'zod';

export const ParamNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  'a parameter name is a letter or "_" then up to 63 letters, digits or "_"');

/** A typed plan parameter. Without a default it must be given (`--param name=value`). */
export const ParamSchema = z.strictObject({
  type: z.enum(['string', 'number', 'boolean']),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().max(500).optional(),
}).refine((p) => p.default === undefined || typeof p.default === p.type,
  { message: 'the default must have the parameter\'s type', path: ['default'] });

export type Param = z.infer<typeof ParamSchema>;
export type ParamValue = string | number | boolean;
