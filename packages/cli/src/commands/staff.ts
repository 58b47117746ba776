import { createAudit } from '@yat/server/audit/audit.ts';
import { createCounterStore } from '@yat/server/counter/counters.ts';
import { normalizeIdNumber } from '@yat/server/identity/id-number.ts';
import { createResidentStore } from '@yat/server/identity/residents.ts';
import { createStaffStore, isStaffRole, staffRoles } from '@yat/server/identity/staff.ts';
import { inTransaction } from '@yat/server/storage/transaction.ts';
import { CliError, parse, printJson, required, withContext, type Command } from '../cli.ts';

const help = `Usage:
  yat staff grant --id-number ID --role counter|operator [--counter COUNTER_ID]
  yat staff list

Staff are residents with roles. "grant" is the bootstrap: the first staff have no one to
grant them a role or check them in person, so a role granted here is in force at the
standard level; roles granted later by operators need the plus level. The resident must
have registered a wallet. --counter (a counter id, see "yat counter list") is required for
the counter role.`;

export const command: Command = async (args) => {
  const [sub, ...rest] = args;
  const { values } = parse(rest, { 'id-number': { type: 'string' }, role: { type: 'string' }, counter: { type: 'string' } }, help);
  if (sub === 'list') {
    return withContext(async (ctx) => printJson(await createStaffStore(ctx.storage.db).list()));
  }
  if (sub !== 'grant') throw new CliError(help);
  const idNumber = normalizeIdNumber(required(values['id-number'], 'id-number'));
  if (!idNumber) throw new CliError('--id-number is not a valid identity card number (e.g. A123456(3))');
  const role = required(values.role, 'role');
  if (!isStaffRole(role)) throw new CliError(`--role must be one of: ${staffRoles.join(', ')}`);
  if (role === 'counter' && !values.counter) throw new CliError('--counter is required for the counter role');
  await withContext(async (ctx) => {
    const db = ctx.storage.db;
    await createCounterStore(db).seed();
    const counterId = values.counter ?? null;
    if (counterId && !(await createCounterStore(db).find(counterId))) throw new CliError(`no counter "${counterId}" (see "yat counter list")`);
    const residentId = await createResidentStore({ db, crypto: ctx.crypto }).findIdByRegistryRef(ctx.crypto.lookupHash(idNumber));
    if (!residentId) throw new CliError('no resident with this identity number has registered a wallet yet');
    const audit = createAudit({ db, log: ctx.log });
    const grant = await inTransaction(db, async (trx) => {
      const g = await createStaffStore(trx).grant({ residentId, role, counterId, grantedBy: 'cli', bootstrap: true });
      await audit.record(trx, { type: 'staff.granted', outcome: 'success', residentId, detail: { staffId: null, grantedBy: 'cli', role, counterId, bootstrap: true } });
      return g;
    });
    printJson(grant);
  });
};
