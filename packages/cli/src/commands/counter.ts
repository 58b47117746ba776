import { documentTypes } from '@yat/server/counter/protocol.ts';
import { createCounterStore } from '@yat/server/counter/counters.ts';
import { CliError, parse, printJson, required, withContext, type Command } from '../cli.ts';
import { confirmAtCounter } from '../wallet/counter.ts';
import { loadWallet, saveWallet, WalletError } from '../wallet/headless-wallet.ts';

const help = `Usage:
  yat counter verify --staff-store DIR --code CODE --document-type hkid|passport|travel_document --document-number NUMBER
  yat counter list

verify: the counter staff member's confirmation that they checked the resident's document in
person, for the code the resident's wallet shows ("yat wallet upgrade-code"). It is signed by
the staff member's own headless wallet (--staff-store), which must hold the counter role.
list: the registration counters and service centres (JSON).`;

export const command: Command = async (args) => {
  const [sub, ...rest] = args;
  const { values } = parse(rest, { 'staff-store': { type: 'string' }, code: { type: 'string' }, 'document-type': { type: 'string' }, 'document-number': { type: 'string' } }, help);
  if (sub === 'list') {
    return withContext(async (ctx) => {
      const counters = createCounterStore(ctx.storage.db);
      await counters.seed();
      printJson(await counters.list());
    });
  }
  if (sub !== 'verify') throw new CliError(help);
  const store = required(values['staff-store'], 'staff-store');
  const documentType = required(values['document-type'], 'document-type');
  if (!(documentTypes as readonly string[]).includes(documentType)) throw new CliError(`--document-type must be one of: ${documentTypes.join(', ')}`);
  try {
    const { result, state } = await confirmAtCounter(loadWallet(store), { code: required(values.code, 'code'), documentType, documentNumber: required(values['document-number'], 'document-number') });
    saveWallet(store, state);
    printJson(result);
  } catch (err) {
    if (err instanceof WalletError) throw new CliError(`${err.message} (${err.code})`);
    throw err;
  }
};
