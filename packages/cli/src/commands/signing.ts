import { createApp } from '@yat/server/app.ts';
import { CliError, parse, printJson, required, withContext, type Command } from '../cli.ts';

const help = `Usage:
  yat signing ca                                  print the root and issuing CA certificates (PEM)
  yat signing revoke --resident ID [--reason R]   revoke a resident's signing certificates

revoke: R is keyCompromise (lost or stolen phone; the default), affiliationChanged, superseded,
        cessationOfOperation or unspecified. The CRL (/signing/crl/issuing.crl) lists the
        certificates at once; the resident's next approved signature gets a new certificate.`;

const reasons = ['keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'unspecified'] as const;

export const command: Command = async (args) => {
  const { values, positionals } = parse(args, { resident: { type: 'string' }, reason: { type: 'string' } } as const, help);
  const sub = positionals[0];
  if (sub !== 'ca' && sub !== 'revoke') throw new CliError(help);
  await withContext(async (ctx) => {
    const app = await createApp(ctx);
    try {
      if (sub === 'ca') {
        const chain = await app.signing.ca.chain();
        process.stdout.write(`${chain.root.cert.toString('pem')}\n${chain.issuing.cert.toString('pem')}\n`);
        return;
      }
      const reason = (values.reason ?? 'keyCompromise') as (typeof reasons)[number];
      if (!reasons.includes(reason)) throw new CliError(`--reason must be one of: ${reasons.join(', ')}`);
      const serials = await app.signing.revoke(required(values.resident, 'resident'), reason);
      printJson({ revoked: serials, reason });
    } finally {
      await app.close();
    }
  });
};
