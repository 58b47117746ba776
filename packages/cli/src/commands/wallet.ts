import { CliError, parse, printJson, required, type Command } from '../cli.ts';
import { approveUpgrade, isUpgradeUrl, recoverWallet, upgradeCode } from '../wallet/counter.ts';
import {
  approveCibaRequest,
  approveRequest,
  approveSigning,
  declineCibaRequest,
  declineRequest,
  declineSigning,
  describeRequest,
  describeSigning,
  isSigningUrl,
  loadWallet,
  pendingCibaRequests,
  registerWallet,
  saveWallet,
  WalletError,
} from '../wallet/headless-wallet.ts';

const help = `Usage:
  yat wallet register --store DIR --id-number ID --dob YYYY-MM-DD [--server URL] [--code CODE] [--device-name NAME]
  yat wallet approve  --store DIR URL --code NN [--share all|none|field,field]   (a sign-in link)
  yat wallet approve  --store DIR URL [--code CODE]                             (a signing or upgrade link)
  yat wallet decline  --store DIR URL
  yat wallet show     --store DIR URL
  yat wallet pending  --store DIR
  yat wallet approve  --store DIR --ciba ID
  yat wallet decline  --store DIR --ciba ID
  yat wallet upgrade-code --store DIR
  yat wallet recover  --store DIR --code CODE [--server URL] [--device-name NAME]

The headless wallet: a software phone. "register" creates a device credential for a resident
of the civil registry (in development the one-time code is read from the SMS outbox unless
--code is given). URL is the sign-in link a browser shows (the QR code's content, also the
"open on this device" link), or a signing link (/wallet/sign#…): approving one signs the
documents it lists (plus level needed); for a signing link --code checks the verification code
the service shows first. --share defaults to "all"; field names: name_en, name_zh,
birthdate, gender, email, phone, address, id_number. --code is the two-digit verification code
the sign-in page shows next to the QR code: the wallet offers three codes and the resident
picks that one ("show" lists the three); a wrong code cancels the request.

"pending" lists the backchannel (CIBA) requests services sent this resident (a call centre, a
counter, a step-up): each with its id, the service and its binding message. "--ciba ID"
approves (with the device key) or declines one of them.

"upgrade-code" is the wallet's "Upgrade at a counter": it prints {"code", "url"}; staff
confirm the code at the counter, then "approve" with that url is the resident's own
confirmation (it fails until staff have confirmed). "recover" binds this store as a new
device with the one-time code a counter issued; the resident's old devices stop working.`;

const options = {
  store: { type: 'string' },
  'id-number': { type: 'string' },
  dob: { type: 'string' },
  server: { type: 'string' },
  code: { type: 'string' },
  'device-name': { type: 'string' },
  share: { type: 'string' },
  ciba: { type: 'string' },
} as const;

function shareOf(value: string | undefined): 'all' | 'none' | string[] {
  if (!value || value === 'all') return 'all';
  if (value === 'none') return 'none';
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export const command: Command = async (args) => {
  const { values, positionals } = parse(args, options, help);
  const [sub, url] = positionals;
  const store = required(values.store, 'store');
  try {
    if (sub === 'register') {
      const server = values.server ?? process.env.ISSUER ?? `http://localhost:${process.env.PORT ?? 3000}`;
      const code = values.code;
      const state = await registerWallet({
        server,
        idNumber: required(values['id-number'], 'id-number'),
        dob: required(values.dob, 'dob'),
        deviceName: values['device-name'],
        ...(code ? { code: async () => code } : {}),
      });
      saveWallet(store, state);
      return printJson({ status: 'registered', residentId: state.residentId, server: state.server, store });
    }
    if (sub === 'pending') {
      const { requests, state } = await pendingCibaRequests(loadWallet(store));
      saveWallet(store, state);
      return printJson({ requests });
    }
    if ((sub === 'approve' || sub === 'decline') && values.ciba) {
      const state = loadWallet(store);
      const { result, state: next } = sub === 'approve' ? await approveCibaRequest(state, values.ciba) : await declineCibaRequest(state, values.ciba);
      saveWallet(store, next);
      return printJson(result);
    }
    if (sub === 'upgrade-code') {
      const { result, state } = await upgradeCode(loadWallet(store));
      saveWallet(store, state);
      return printJson(result);
    }
    if (sub === 'recover') {
      const server = values.server ?? process.env.ISSUER ?? `http://localhost:${process.env.PORT ?? 3000}`;
      const state = await recoverWallet({ server, code: required(values.code, 'code'), deviceName: values['device-name'] });
      saveWallet(store, state);
      return printJson({ status: 'recovered', residentId: state.residentId, server: state.server, store });
    }
    if (sub === 'approve' && url && isUpgradeUrl(url)) {
      const { result, state } = await approveUpgrade(loadWallet(store), url);
      saveWallet(store, state);
      return printJson(result);
    }
    if (sub === 'approve' || sub === 'decline' || sub === 'show') {
      if (!url) throw new CliError(`the sign-in URL is required\n\n${help}`);
      const state = loadWallet(store);
      if (isSigningUrl(url)) {
        if (sub === 'show') return printJson(await describeSigning(state, url));
        if (sub === 'decline') return printJson(await declineSigning(state, url));
        const { result, view, state: next } = await approveSigning(state, url, values.code ? { expectCode: values.code } : {});
        saveWallet(store, next);
        return printJson({ ...result, verificationCode: view.verificationCode, documents: view.documents.map((d) => ({ name: d.name, sha256: d.sha256 })) });
      }
      if (sub === 'show') return printJson(await describeRequest(state, url));
      if (sub === 'decline') return printJson(await declineRequest(state, url));
      const code = values.code;
      if (!code || !/^\d{2}$/.test(code)) throw new CliError('--code NN is required: the two-digit code the sign-in page shows next to the QR code');
      const { result, state: next } = await approveRequest(state, url, shareOf(values.share), code);
      saveWallet(store, next);
      return printJson(result);
    }
    throw new CliError(help);
  } catch (err) {
    if (err instanceof WalletError) throw new CliError(`${err.message} (${err.code})`);
    throw err;
  }
};
