import type { FastifySchema } from 'fastify';
import { categories, textsSchema } from './content.ts';

/**
 * JSON Schemas shared by the capability's routes (Fastify validates requests and serialises
 * responses with them; /api/openapi.json is built from them).
 */
/**
 * A route's schema with its OpenAPI documentation (tags, summary, security): those keys are
 * typed once @fastify/swagger is registered; until then they pass through as data.
 */
export const doc = (schema: { tags: string[]; summary: string } & Record<string, unknown>): FastifySchema => schema as FastifySchema;

export const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
} as const;

/** The error answers a route gives, each with the shared error body. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorSchema]));

export const deliverySchema = {
  type: 'object',
  description: 'Delivery state per channel',
  properties: {
    inbox: { type: 'string', enum: ['delivered', 'withdrawn'] },
    push: { type: 'string', enum: ['pending', 'sent', 'failed', 'no_subscription', 'withdrawn'] },
    sms: { type: 'string', enum: ['pending', 'sent', 'failed', 'not_applicable', 'no_phone', 'withdrawn'] },
  },
} as const;

export const notificationStateSchema = {
  type: 'object',
  required: ['id', 'category', 'languages', 'created_at', 'expires_at', 'delivery', 'read'],
  properties: {
    id: { type: 'string' },
    category: { type: 'string', enum: [...categories] },
    languages: { type: 'array', items: { type: 'string' }, description: 'the languages the service wrote' },
    created_at: { type: 'string', format: 'date-time' },
    expires_at: { type: 'string', format: 'date-time' },
    delivery: deliverySchema,
    read: { type: 'boolean' },
    read_at: { type: ['string', 'null'], format: 'date-time' },
    replayed: { type: 'boolean', description: 'true when this answers a retried send with the same Idempotency-Key' },
  },
} as const;

export const sendBodySchema = {
  type: 'object',
  required: ['sub', 'category', 'title', 'body'],
  additionalProperties: false,
  properties: {
    sub: { type: 'string', minLength: 1, maxLength: 100, description: "the resident's pairwise subject identifier at this service" },
    category: { type: 'string', enum: [...categories] },
    title: { ...textsSchema(120), description: 'the title in one to three of en, zh-Hant, zh-Hans' },
    body: { ...textsSchema(2000), description: 'the body, in the same languages as the title' },
    link: { type: 'string', maxLength: 2000, description: "an https link on one of the service's registered origins" },
    expires_in: { type: 'integer', minimum: 60, maximum: 90 * 86_400, description: 'seconds until the notification expires (default 30 days)' },
  },
} as const;

export const texts3Schema = {
  type: 'object',
  properties: { en: { type: 'string' }, 'zh-Hant': { type: 'string' }, 'zh-Hans': { type: 'string' } },
} as const;
