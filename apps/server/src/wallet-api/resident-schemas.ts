import { z } from 'zod';
import { inLanguages } from '../http/validate.ts';

/** Replies of the signed-in wallet's API (resident-routes.ts), for the API document. */
export const meReply = z.object({
  assurance: z.enum(['standard', 'plus']),
  registry: z.object({
    name_en: z.string(),
    name_zh: z.string().nullable(),
    birthdate: z.string(),
    gender: z.enum(['male', 'female', 'other']),
    id_number: z.string().describe('masked'),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  resident: z.object({
    preferred_email: z.string().nullable(),
    preferred_phone: z.string().nullable(),
    postal_address: z.string().nullable(),
    education_level: z.string().nullable(),
    marital_status: z.string().nullable(),
    title: z.string().nullable(),
  }),
});

const service = z.object({
  clientId: z.string(),
  name: z.string(),
  names: inLanguages,
  department: z.string().nullable(),
  departmentNames: inLanguages.nullable(),
  logoUri: z.string().nullable(),
});

export const servicesReply = z.object({
  services: z.array(service.extend({ fields: z.array(z.string()), notGiven: z.array(z.string()).describe('granted while empty: nothing was released'), grantedAt: z.string(), lastUsedAt: z.string(), suspended: z.boolean().describe('an operator suspended the service: it cannot sign you in or use its tokens') })),
  revoked: z.array(service.extend({ fields: z.array(z.string()), revokedAt: z.string() })),
});

export const activityReply = z.object({
  events: z.array(z.object({ id: z.number(), at: z.string(), type: z.string(), outcome: z.string(), service: service.nullable(), fields: z.array(z.string()) })),
});

export const ledgerReply = z.object({
  origin: z.string(),
  checkpoint: z.string().nullable().describe('the latest signed checkpoint (C2SP signed note)'),
  secret: z.string(),
  entries: z.array(z.object({ index: z.number(), entry: z.string(), opening: z.string(), proof: z.array(z.string()) })),
  pending: z.array(z.string()),
});

export const deviceView = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), current: z.boolean() });
export const devicesReply = z.object({ devices: z.array(deviceView) });
