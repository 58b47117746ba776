import type { z } from 'zod';
import { badRequest } from '../errors.ts';

/** Parses untrusted input; the first problems are named in the message, all in `details`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message }));
  const summary = issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join('; ');
  throw badRequest('invalid_request', `The ${what} is not valid (${summary}).`, { issues });
}
