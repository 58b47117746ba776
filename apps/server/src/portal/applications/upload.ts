import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { T } from '../../i18n/index.ts';
import { attachmentTypes, maxAttachmentBytes, type Answers } from './forms/schema.ts';

/**
 * Reads a multipart form: fields into answers, files into memory (at most 5 MB each, the
 * limit enforced while streaming). A file's type is decided by its first bytes, not by its
 * name or the browser's claim, and only PDF, JPEG and PNG are kept.
 */
export type Upload = { field: string; filename: string; mime: keyof typeof attachmentTypes; bytes: Buffer };
export type ParsedForm = { fields: Answers; files: Upload[]; fileErrors: Map<string, string> };

export function sniffType(bytes: Buffer): keyof typeof attachmentTypes | undefined {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

export async function readMultipartForm(req: FastifyRequest, t: T, labelOf: (field: string) => string | undefined): Promise<ParsedForm> {
  const fields: Answers = {};
  const files: Upload[] = [];
  const fileErrors = new Map<string, string>();
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      const value = String(part.value);
      const prev = fields[part.fieldname];
      fields[part.fieldname] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
      continue;
    }
    const bytes = await part.toBuffer();
    const label = labelOf(part.fieldname);
    // An empty file input is sent as a part with no name and no bytes: nothing was chosen.
    if (!label || (!part.filename && bytes.length === 0)) continue;
    const mime = sniffType(bytes);
    if (part.file.truncated) fileErrors.set(part.fieldname, t('applications.validation.fileSize', { label, size: maxAttachmentBytes / 1024 / 1024 }));
    else if (bytes.length === 0) fileErrors.set(part.fieldname, t('applications.validation.fileEmpty', { label }));
    else if (!mime) fileErrors.set(part.fieldname, t('applications.validation.fileType', { label }));
    else files.push({ field: part.fieldname, filename: safeFilename(part.filename), mime, bytes });
  }
  return { fields, files, fileErrors };
}

/** The name is shown back and used in downloads: no paths, no control characters, not too long. */
function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 120);
  return clean || 'attachment';
}
