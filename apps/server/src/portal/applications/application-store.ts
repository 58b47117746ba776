import crypto from 'node:crypto';
import { sha256, type FieldCrypto } from '../../crypto/field-crypto.ts';
import { conflict } from '../../errors.ts';
import type { Db } from '../../storage/db.ts';
import type { Answers, FormDefinition } from './forms/schema.ts';
import type { InboxStore } from './inbox-store.ts';
import type { Status } from './statuses.ts';

/**
 * Drafts, submitted applications and their status history. Answers and notes are personal
 * data and are encrypted, bound to their row. A submission carries the one-time token of the
 * form page it came from: the same token twice is the same application (a double click, a
 * resent POST), never a second one.
 */
export type Application = { id: string; reference: string; owner: string; slug: string; department: string; status: Status; answers: Answers; submittedAt: number; updatedAt: number };
export type StatusEvent = { status: Status; note: string | undefined; actor: string; at: number };
export type Submission = { owner: string; form: FormDefinition; answers: Answers; formToken: string; webhook: { url: string } | undefined };

type AppRow = { id: string; reference: string; owner_hash: string; slug: string; department: string; status: string; data_enc: string; submitted_at: number; updated_at: number };

export function createApplicationStore(deps: { db: Db; crypto: FieldCrypto; inbox: InboxStore }) {
  const { db, crypto: fc, inbox } = deps;
  const toApp = (r: AppRow): Application => ({
    id: r.id,
    reference: r.reference,
    owner: r.owner_hash,
    slug: r.slug,
    department: r.department,
    status: r.status as Status,
    answers: fc.decryptJson<Answers>(r.data_enc, r.id),
    submittedAt: Number(r.submitted_at),
    updatedAt: Number(r.updated_at),
  });
  const byToken = (tokenHash: string) => db.selectFrom('applications').selectAll().where('form_token_hash', '=', tokenHash).executeTakeFirst();

  async function nextReference(trx: Db, code: string): Promise<string> {
    const year = new Date().getUTCFullYear();
    const key = `${code}-${year}`;
    await trx.insertInto('application_counters').values({ key, value: 0 }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const r = await trx.updateTable('application_counters').set((eb) => ({ value: eb('value', '+', 1) })).where('key', '=', key).returning('value').executeTakeFirstOrThrow();
    return `${key}-${String(r.value).padStart(6, '0')}`;
  }

  return {
    async draft(owner: string, slug: string): Promise<Answers | undefined> {
      const row = await db.selectFrom('application_drafts').select('data_enc').where('owner_hash', '=', owner).where('slug', '=', slug).executeTakeFirst();
      return row ? fc.decryptJson<Answers>(row.data_enc, `${owner}\n${slug}`) : undefined;
    },

    async saveDraft(owner: string, slug: string, answers: Answers): Promise<void> {
      const row = { data_enc: fc.encryptJson(answers, `${owner}\n${slug}`), updated_at: Date.now() };
      await db
        .insertInto('application_drafts')
        .values({ owner_hash: owner, slug, ...row })
        .onConflict((oc) => oc.columns(['owner_hash', 'slug']).doUpdateSet(row))
        .execute();
    },

    /** Submits once per form token; returns the application and whether this call created it. */
    async submit(s: Submission): Promise<{ application: Application; created: boolean }> {
      const tokenHash = sha256(`form-token\n${s.formToken}`);
      const existing = await byToken(tokenHash);
      if (existing) return { application: ownApp(existing, s.owner), created: false };
      const id = `app_${crypto.randomBytes(12).toString('base64url')}`;
      const now = Date.now();
      const data_enc = fc.encryptJson(s.answers, id);
      let row: AppRow & { form_token_hash: string };
      try {
        // The reference, the application, its first event, its files, the inbox message and the
        // webhook outbox row are one transaction: all of them exist, or none (and no reference is spent).
        row = await db.transaction().execute(async (trx) => {
          const reference = await nextReference(trx, s.form.department.code);
          const row = { id, reference, owner_hash: s.owner, slug: s.form.slug, department: s.form.department.code, status: 'submitted', data_enc, form_token_hash: tokenHash, submitted_at: now, updated_at: now };
          await trx.insertInto('applications').values(row).execute();
          await trx.insertInto('application_events').values({ application_id: id, status: 'submitted', note_enc: null, actor: 'resident', at: now }).execute();
          await trx.updateTable('application_files').set({ application_id: id }).where('owner_hash', '=', s.owner).where('slug', '=', s.form.slug).where('application_id', 'is', null).execute();
          await trx.deleteFrom('application_drafts').where('owner_hash', '=', s.owner).where('slug', '=', s.form.slug).execute();
          await trx.insertInto('inbox_messages').values(inbox.row(s.owner, 'application_submitted', { reference, slug: s.form.slug, status: 'submitted' })).execute();
          // The outbox row commits with the application: a crash cannot lose the delivery.
          if (s.webhook) await trx.insertInto('webhook_outbox').values({ department: row.department, application_id: id, body_enc: fc.encryptJson({ event: 'application.submitted' }, `webhook\n${id}`), attempts: 0, next_attempt_at: now, delivered_at: null, last_error: null, created_at: now }).execute();
          return row;
        });
      } catch (err) {
        // The same token submitted concurrently: the other request won, and that is the answer.
        const winner = await byToken(tokenHash);
        if (winner) return { application: ownApp(winner, s.owner), created: false };
        throw err;
      }
      return { application: toApp(row), created: true };
    },

    async listFor(owner: string): Promise<Application[]> {
      const rows = await db.selectFrom('applications').selectAll().where('owner_hash', '=', owner).orderBy('submitted_at', 'desc').limit(200).execute();
      return rows.map(toApp);
    },

    async byReference(reference: string): Promise<Application | undefined> {
      const row = await db.selectFrom('applications').selectAll().where('reference', '=', reference).executeTakeFirst();
      return row ? toApp(row) : undefined;
    },

    async byId(id: string): Promise<Application | undefined> {
      const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toApp(row) : undefined;
    },

    async listForDepartment(department: string, opts: { status?: Status; limit: number; before?: number }): Promise<Application[]> {
      let q = db.selectFrom('applications').selectAll().where('department', '=', department);
      if (opts.status) q = q.where('status', '=', opts.status);
      if (opts.before) q = q.where('submitted_at', '<', opts.before);
      const rows = await q.orderBy('submitted_at', 'desc').limit(opts.limit).execute();
      return rows.map(toApp);
    },

    async events(applicationId: string): Promise<StatusEvent[]> {
      const rows = await db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId).orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({ status: r.status as Status, note: r.note_enc ? fc.decrypt(r.note_enc, `${applicationId}\n${r.at}`) : undefined, actor: r.actor, at: Number(r.at) }));
    },

    /** A department's decision or progress; the resident is told in the inbox, in the same transaction. */
    async setStatus(app: Application, status: Status, note: string | undefined, actor: string): Promise<void> {
      const now = Math.max(Date.now(), app.updatedAt + 1);
      await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('applications').set({ status, updated_at: now }).where('id', '=', app.id).where('status', '=', app.status).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw conflict('status_changed', 'The application changed meanwhile; fetch it again and retry.');
        await trx.insertInto('application_events').values({ application_id: app.id, status, note_enc: note ? fc.encrypt(note, `${app.id}\n${now}`) : null, actor, at: now }).execute();
        await trx.insertInto('inbox_messages').values(inbox.row(app.owner, 'application_status', { reference: app.reference, slug: app.slug, status, ...(note ? { note } : {}) })).execute();
      });
    },
  };

  function ownApp(row: AppRow, owner: string): Application {
    if (row.owner_hash !== owner) throw conflict('form_token_used', 'This form was already submitted. Start a new application.');
    return toApp(row);
  }
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>;
