import crypto from 'node:crypto';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import type { Db } from '../../storage/db.ts';

/**
 * Attachments, encrypted in the database (so every instance and every backup treats them
 * like the rest of the personal data). A file belongs to the resident's draft until the
 * application is submitted, then to the application.
 */
export type FileMeta = { id: string; field: string; filename: string; mime: string; size: number };

export function createFileStore(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  const cols = ['id', 'field', 'meta_enc', 'mime', 'size'] as const;
  const toMeta = (r: { id: string; field: string; meta_enc: string; mime: string; size: number }): FileMeta => ({
    id: r.id,
    field: r.field,
    filename: fc.decryptJson<{ filename: string }>(r.meta_enc, `${r.id}\nmeta`).filename,
    mime: r.mime,
    size: Number(r.size),
  });

  return {
    /** A new upload for a field replaces the draft's earlier one. */
    async saveDraftFile(owner: string, slug: string, field: string, file: { filename: string; mime: string; bytes: Buffer }): Promise<void> {
      const id = `file_${crypto.randomBytes(12).toString('base64url')}`;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('application_files').where('owner_hash', '=', owner).where('slug', '=', slug).where('field', '=', field).where('application_id', 'is', null).execute();
        await trx
          .insertInto('application_files')
          .values({
            id,
            owner_hash: owner,
            slug,
            application_id: null,
            field,
            meta_enc: fc.encryptJson({ filename: file.filename }, `${id}\nmeta`),
            mime: file.mime,
            size: file.bytes.length,
            content_enc: fc.encrypt(file.bytes.toString('base64'), `${id}\ncontent`),
            created_at: Date.now(),
          })
          .execute();
      });
    },

    async draftFiles(owner: string, slug: string): Promise<FileMeta[]> {
      const rows = await db.selectFrom('application_files').select(cols).where('owner_hash', '=', owner).where('slug', '=', slug).where('application_id', 'is', null).execute();
      return rows.map(toMeta);
    },

    async filesOf(applicationId: string): Promise<FileMeta[]> {
      const rows = await db.selectFrom('application_files').select(cols).where('application_id', '=', applicationId).orderBy('created_at').execute();
      return rows.map(toMeta);
    },

    async read(applicationId: string, fileId: string): Promise<{ meta: FileMeta; bytes: Buffer } | undefined> {
      const row = await db.selectFrom('application_files').select([...cols, 'content_enc']).where('id', '=', fileId).where('application_id', '=', applicationId).executeTakeFirst();
      if (!row) return undefined;
      return { meta: toMeta(row), bytes: Buffer.from(fc.decrypt(row.content_enc, `${row.id}\ncontent`), 'base64') };
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
