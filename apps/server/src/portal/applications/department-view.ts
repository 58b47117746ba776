import { formBySlug } from './forms/index.ts';
import type { Application, StatusEvent } from './application-store.ts';
import type { FileMeta } from './file-store.ts';
import { z } from 'zod';

/** An application as a department receives it, in the API and in webhooks alike. */
export function departmentView(issuer: string, app: Application, files: readonly FileMeta[], events: readonly StatusEvent[]) {
  const base = `${issuer}/api/department/applications/${encodeURIComponent(app.reference)}`;
  return {
    reference: app.reference,
    service: app.slug,
    service_title: formBySlug(app.slug)?.title.en ?? app.slug,
    department: app.department,
    status: app.status,
    submitted_at: new Date(app.submittedAt).toISOString(),
    updated_at: new Date(app.updatedAt).toISOString(),
    answers: app.answers,
    attachments: files.map((f) => ({ id: f.id, field: f.field, filename: f.filename, content_type: f.mime, size: f.size, href: `${base}/files/${f.id}` })),
    timeline: events.map((e) => ({ status: e.status, at: new Date(e.at).toISOString(), ...(e.note ? { note: e.note } : {}) })),
  };
}

export const departmentSummary = (app: Application) => ({
  reference: app.reference,
  service: app.slug,
  status: app.status,
  submitted_at: new Date(app.submittedAt).toISOString(),
  updated_at: new Date(app.updatedAt).toISOString(),
});

/** The replies above as schemas, for the API document (http/openapi.ts). */
export const departmentSummarySchema = z.object({ reference: z.string(), service: z.string().describe("the service's slug"), status: z.string(), submitted_at: z.string(), updated_at: z.string() });
export const departmentViewSchema = departmentSummarySchema.extend({
  service_title: z.string(),
  department: z.string(),
  answers: z.record(z.string(), z.unknown()),
  attachments: z.array(z.object({ id: z.string(), field: z.string(), filename: z.string(), content_type: z.string(), size: z.number(), href: z.string() })),
  timeline: z.array(z.object({ status: z.string(), at: z.string(), note: z.string().optional() })),
});
