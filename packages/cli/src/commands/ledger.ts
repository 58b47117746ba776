import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { auditLog, type AuditState } from '@yat/server/ledger/auditor.ts';
import { COSIGNATURE_V1, ed25519Signer, parseVkey, vkeyOf } from '@yat/server/ledger/note.ts';
import { createWitness } from '@yat/server/ledger/witness.ts';
import { CliError, parse, printJson, required, type Command } from '../cli.ts';

const help = `Usage:
  yat ledger audit URL [--state FILE] [--key VKEY] [--witness VKEY ...]
      Checks the transparency log at URL (e.g. https://id.example/ledger): the checkpoint's
      signature, every tile against the tree recomputed from the entries, and — with the
      state file from the previous run — that the log only grew. Prints a JSON verdict;
      exit code 1 when a check fails. The state file is updated only when all checks pass.
  yat ledger witness --log URL --key FILE --port P [--name NAME] [--log-key VKEY] [--state FILE]
      Runs a C2SP tlog-witness for the log at URL: POST /add-checkpoint cosigns checkpoints
      that extend the last one it cosigned. The key FILE is created on first use; the
      witness's verifier key (for LEDGER_WITNESSES) is printed as JSON on stdout.`;

export const command: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub === 'audit') return audit(rest);
  if (sub === 'witness') return witness(rest);
  if (sub === '--help' || sub === '-h') return void process.stdout.write(`${help}\n`);
  throw new CliError(`Unknown ledger command "${sub ?? ''}".\n\n${help}`);
};

async function audit(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { state: { type: 'string' }, key: { type: 'string' }, witness: { type: 'string', multiple: true } }, help);
  const url = positionals[0];
  if (!url || !/^https?:\/\//.test(url)) throw new CliError(`audit needs the log's URL, e.g. http://localhost:3000/ledger\n\n${help}`);
  const state = values.state && fs.existsSync(values.state) ? (JSON.parse(fs.readFileSync(values.state, 'utf8')) as AuditState) : undefined;
  if (state && state.log !== url.replace(/\/+$/, '')) throw new CliError(`the state file ${values.state} belongs to ${state.log}, not ${url}`);
  const { verdict, state: next } = await auditLog({ url, ...(state ? { state } : {}), ...(values.key ? { vkey: values.key } : {}), witnesses: values.witness ?? [] });
  if (next && values.state) {
    const tmp = `${values.state}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
    fs.renameSync(tmp, values.state);
  }
  printJson(verdict);
  if (!verdict.ok) process.exitCode = 1;
}

async function witness(args: string[]): Promise<void> {
  const { values } = parse(args, { log: { type: 'string' }, key: { type: 'string' }, port: { type: 'string' }, name: { type: 'string' }, 'log-key': { type: 'string' }, state: { type: 'string' }, host: { type: 'string' } }, help);
  const logUrl = required(values.log, 'log').replace(/\/+$/, '');
  const keyFile = required(values.key, 'key');
  const port = Number(required(values.port, 'port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a port number');

  if (!fs.existsSync(keyFile)) {
    const name = values.name ?? `${os.hostname()}/witness`;
    fs.writeFileSync(keyFile, JSON.stringify({ name, seed: crypto.randomBytes(32).toString('base64url') }, null, 2), { mode: 0o600 });
  }
  const key = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { name: string; seed: string };
  const signer = ed25519Signer(key.name, Buffer.from(key.seed, 'base64url'), COSIGNATURE_V1);
  // The log's key: given, else fetched once from the log (trust on first use, kept in the state).
  const stateFile = values.state ?? `${keyFile}.state.json`;
  const trustFile = `${stateFile}.log-key`;
  let logKey = values['log-key'] ?? (fs.existsSync(trustFile) ? fs.readFileSync(trustFile, 'utf8').trim() : undefined);
  if (!logKey) {
    const res = await fetch(`${logUrl}/key`);
    if (!res.ok) throw new CliError(`could not fetch the log's key from ${logUrl}/key: HTTP ${res.status}`);
    logKey = (await res.text()).trim();
    fs.writeFileSync(trustFile, `${logKey}\n`);
  }
  const w = createWitness({ signer, logs: [parseVkey(logKey)], stateFile });

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/add-checkpoint') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: POST /add-checkpoint\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const answer = w.addCheckpoint(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, values.host ?? '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  printJson({ witness: key.name, vkey: vkeyOf(signer), url: `http://${values.host ?? '127.0.0.1'}:${address.port}`, log: logUrl, logKey });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
