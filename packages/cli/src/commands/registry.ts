import cliProgress from 'cli-progress';
import { AppError } from '@yat/server/errors.ts';
import { formatIdNumber, GENERATED_ID_CAPACITY } from '@yat/server/identity/id-number.ts';
import { createEmbeddedRegistry, parseRegistryRecord, type RegistryRecord } from '@yat/server/identity/registry.ts';
import { seedRegistry } from '@yat/server/identity/synthetic-registry.ts';
import { CliError, parse, printJson, required, withContext, type Command } from '../cli.ts';

const help = `Usage:
  yat registry add --id-number ID --name NAME --dob YYYY-MM-DD [options]
  yat registry seed --count N [--seed S] [--start I]

Manage the embedded civil registry (DATA_DIR, or DATABASE_URL for PostgreSQL).

add: insert or replace one record and print it as JSON.
  --id-number ID      e.g. "A123456(3)" or A1234563 (the check digit is verified)
  --name NAME         English name; the family name is the word (or run of words) written in
                      CAPITALS at the start or the end: "CHAN Tai Man", "Tai Man CHAN",
                      "AU YEUNG Ka Yan". "CHAN, Tai Man" also works. Without capitals to
                      tell, the first word is the family name, as Chinese names are written.
  --dob YYYY-MM-DD    date of birth
  --name-zh TEXT      name in Chinese characters (default: none)
  --gender M|F|X      default X
  --phone NUMBER      E.164, or 8 local digits which get +852 (default: none)
  --email ADDRESS     default: none
  --address LINE      e.g. "Flat A, 12/F, 88 Nathan Road" (default: none)
  --district NAME     e.g. "Yau Tsim Mong" (default: none)

seed: insert N synthetic residents (progress bar on stderr; on stdout
  {"inserted", "seconds", "perSecond"}, perSecond counting every record processed).
  --count N           how many
  --seed S            PRNG seed for the personal data (default 1)
  --start I           first index (default 0); the same range seeded twice inserts nothing,
                      so use --start N to add N more after a first --count N`;

export const command: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest);
  if (sub === 'seed') return seed(rest);
  if (sub === '--help' || sub === '-h') {
    process.stdout.write(`${help}\n`);
    return;
  }
  throw new CliError(sub ? `Unknown sub-command "registry ${sub}".\n\n${help}` : help);
};

const addOptions = {
  'id-number': { type: 'string' },
  name: { type: 'string' },
  dob: { type: 'string' },
  'name-zh': { type: 'string' },
  gender: { type: 'string' },
  phone: { type: 'string' },
  email: { type: 'string' },
  address: { type: 'string' },
  district: { type: 'string' },
} as const;

async function add(args: string[]): Promise<void> {
  const { values: v } = parse(args, addOptions, help);
  const record = validated({
    idNumber: required(v['id-number'], 'id-number'),
    nameEn: splitName(required(v.name, 'name')),
    nameZh: v['name-zh'] ?? '',
    dob: required(v.dob, 'dob'),
    gender: (v.gender ?? 'X').toUpperCase(),
    address: { line: v.address ?? '', district: v.district ?? '' },
    phone: v.phone ?? '',
    email: v.email ?? '',
  });
  await withContext(async (ctx) => {
    const registry = createEmbeddedRegistry({ db: ctx.storage.db, crypto: ctx.crypto });
    await registry.add(record);
    // Read back what was stored, so the output shows the record as the platform will see it.
    const stored = await registry.find(record.idNumber);
    if (!stored) throw new Error('the record was not found after adding it');
    printJson({ ...stored, idNumber: formatIdNumber(stored.idNumber) });
  });
}

async function seed(args: string[]): Promise<void> {
  const { values: v } = parse(args, { count: { type: 'string' }, seed: { type: 'string' }, start: { type: 'string' } }, help);
  const count = wholeNumber(required(v.count, 'count'), 'count');
  const seedValue = v.seed === undefined ? 1 : wholeNumber(v.seed, 'seed');
  const start = v.start === undefined ? 0 : wholeNumber(v.start, 'start');
  if (start + count > GENERATED_ID_CAPACITY) throw new CliError(`--start + --count must not exceed ${GENERATED_ID_CAPACITY}`);
  await withContext(async (ctx) => {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'seeding [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}', etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(count, 0);
    let result: { inserted: number; seconds: number };
    try {
      result = await seedRegistry(
        { db: ctx.storage.db, dialect: ctx.storage.dialect, crypto: ctx.crypto },
        { count, seed: seedValue, start, onProgress: (done) => bar.update(done) },
      );
    } finally {
      bar.stop();
    }
    const { inserted, seconds } = result;
    printJson({ inserted, seconds, perSecond: seconds > 0 ? Math.round(count / seconds) : count });
  });
}

/**
 * The family name is the run of all-capital words at the start or the end; otherwise the
 * first word (Chinese order, as on the identity card). "Family, Given" is taken literally.
 */
export function splitName(name: string): { family: string; given: string } {
  const comma = name.indexOf(',');
  if (comma >= 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  const words = name.trim().split(/\s+/);
  const caps = words.map((w) => w.length > 1 && /[A-Z]/.test(w) && w === w.toUpperCase());
  if (caps.includes(false) && caps[0]) {
    const n = caps.indexOf(false);
    return { family: words.slice(0, n).join(' '), given: words.slice(n).join(' ') };
  }
  if (caps.includes(false) && caps.at(-1)) {
    const n = caps.lastIndexOf(false) + 1;
    return { family: words.slice(n).join(' '), given: words.slice(0, n).join(' ') };
  }
  return { family: words[0] ?? '', given: words.slice(1).join(' ') };
}

/** Validation errors are the caller's mistake: shown as a usage error, without a stack. */
function validated(input: unknown): RegistryRecord {
  try {
    return parseRegistryRecord(input);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  }
}

function wholeNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new CliError(`--${flag} must be a whole number, got "${text}"`);
  return n;
}

