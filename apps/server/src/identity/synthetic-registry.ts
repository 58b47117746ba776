import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db, Dialect } from '../storage/db.ts';
import { GENERATED_ID_CAPACITY, idNumberFromIndex } from './id-number.ts';
import { sealRecord, type RegistryRecord } from './registry.ts';

/**
 * Synthetic residents for development, tests and load generation. Every record is a pure
 * function of (seed, index): any range can be regenerated identically, batches can be
 * built in any order, and seeding the same range twice finds every row already there.
 */

type Pair = readonly [en: string, zh: string];

/** Common Hong Kong surnames in HK government romanisation, weighted roughly by frequency. */
const SURNAMES: readonly (readonly [en: string, zh: string, weight: number])[] = [
  ['Chan', '陳', 10], ['Wong', '黃', 8], ['Lee', '李', 8], ['Cheung', '張', 6], ['Lau', '劉', 5],
  ['Ho', '何', 4], ['Ng', '吳', 4], ['Leung', '梁', 4], ['Lam', '林', 4], ['Tam', '譚', 3],
  ['Wong', '王', 2], ['Yip', '葉', 2], ['Tsang', '曾', 2], ['Cheng', '鄭', 2], ['Tang', '鄧', 2],
  ['Chow', '周', 2], ['Chu', '朱', 2], ['Kwok', '郭', 2], ['Fung', '馮', 2], ['Yeung', '楊', 2],
  ['Lai', '黎', 2], ['Lo', '盧', 2], ['Law', '羅', 2], ['Mak', '麥', 1], ['Wu', '胡', 1],
  ['Tse', '謝', 1], ['So', '蘇', 1], ['Choi', '蔡', 1], ['Hui', '許', 1], ['Poon', '潘', 1],
  ['Yuen', '袁', 1], ['Kwan', '關', 1], ['Siu', '蕭', 1], ['Au', '區', 1], ['Tsui', '徐', 1],
  ['Ma', '馬', 1], ['Chung', '鍾', 1], ['Lui', '呂', 1], ['Mok', '莫', 1], ['Chiu', '趙', 1],
  ['Yu', '余', 1], ['Kong', '江', 1], ['Au Yeung', '歐陽', 1], ['Szeto', '司徒', 1],
];

const MALE_SYLLABLES: readonly Pair[] = [
  ['Wai', '偉'], ['Chi', '志'], ['Man', '文'], ['Ka', '家'], ['Chun', '俊'], ['Kwok', '國'], ['Kin', '健'],
  ['Ming', '明'], ['Keung', '強'], ['Ho', '浩'], ['Kit', '傑'], ['Hung', '雄'], ['Fai', '輝'], ['Tak', '德'],
  ['Wing', '榮'], ['Wah', '華'], ['Hin', '軒'], ['Long', '朗'], ['Lok', '樂'], ['Yin', '賢'], ['Fung', '峰'],
  ['Tai', '大'], ['Shing', '成'], ['Yiu', '耀'], ['Hei', '熙'], ['Tsz', '梓'], ['Chung', '聰'], ['Pak', '柏'],
];

const FEMALE_SYLLABLES: readonly Pair[] = [
  ['Ka', '嘉'], ['Yan', '欣'], ['Wing', '詠'], ['Sze', '詩'], ['Mei', '美'], ['Ling', '玲'], ['Wai', '慧'],
  ['Man', '敏'], ['Ting', '婷'], ['Nga', '雅'], ['Lai', '麗'], ['Fong', '芳'], ['Shan', '珊'], ['Yee', '儀'],
  ['Kei', '琪'], ['Shuk', '淑'], ['Yi', '怡'], ['Ching', '晴'], ['Yan', '恩'], ['Man', '雯'], ['Po', '寶'],
  ['Chui', '翠'], ['Hoi', '凱'], ['Lam', '琳'], ['Tung', '彤'], ['Sum', '心'], ['Oi', '愛'], ['Suet', '雪'],
];

/** The 18 districts of Hong Kong, each with a few real streets. */
export const HK_DISTRICTS: readonly (readonly [district: string, streets: readonly string[]])[] = [
  ['Central and Western', ["Queen's Road Central", 'Des Voeux Road West', 'Caine Road', 'Bonham Road']],
  ['Wan Chai', ['Hennessy Road', 'Lockhart Road', 'Johnston Road', 'Tai Hang Road']],
  ['Eastern', ["King's Road", 'Shau Kei Wan Road', 'Chai Wan Road', 'Java Road']],
  ['Southern', ['Aberdeen Main Road', 'Ap Lei Chau Main Street', 'Pok Fu Lam Road', 'Wong Chuk Hang Road']],
  ['Yau Tsim Mong', ['Nathan Road', 'Canton Road', 'Shanghai Street', 'Reclamation Street']],
  ['Sham Shui Po', ['Cheung Sha Wan Road', 'Lai Chi Kok Road', 'Tai Po Road', 'Un Chau Street']],
  ['Kowloon City', ['Prince Edward Road West', 'Ma Tau Wai Road', 'Waterloo Road', 'Argyle Street']],
  ['Wong Tai Sin', ['Lung Cheung Road', 'Choi Hung Road', 'Shatin Pass Road', 'Ching Tak Street']],
  ['Kwun Tong', ['Hoi Bun Road', 'Hip Wo Street', 'Ngau Tau Kok Road', 'Kwun Tong Road']],
  ['Kwai Tsing', ['Kwai Chung Road', 'Tsing Yi Road', 'Hing Fong Road', 'Lai King Hill Road']],
  ['Tsuen Wan', ['Sha Tsui Road', 'Castle Peak Road Tsuen Wan', 'Yeung Uk Road', 'Tai Ho Road']],
  ['Tuen Mun', ['Tuen Mun Heung Sze Wui Road', 'Tsing Lun Road', 'Wu Chui Road', 'Hing Kwai Street']],
  ['Yuen Long', ['Castle Peak Road Yuen Long', 'Kau Yuk Road', 'Tin Shui Road', 'Ma Miu Road']],
  ['North', ['San Wan Road', 'Jockey Club Road', 'Fanling Station Road', 'Choi Yuen Road']],
  ['Tai Po', ['Kwong Fuk Road', 'Ting Kok Road', 'On Po Road', 'Tat Wan Road']],
  ['Sha Tin', ['Sha Tin Centre Street', 'Tai Chung Kiu Road', 'Ngau Pei Sha Street', 'Hang Hong Street']],
  ['Sai Kung', ['Po Tung Road', "Hiram's Highway", 'Tong Ming Street', 'Chung Wa Road']],
  ['Islands', ['Tung Chung Waterfront Road', 'Mui Wo Ferry Pier Road', 'Cheung Chau Praya Road', 'Yat Tung Street']],
];

const SURNAME_CUMULATIVE = cumulative(SURNAMES.map((s) => s[2]));
const DOB_FIRST_DAY = Date.UTC(1930, 0, 1) / 86_400_000;
const DOB_DAYS = Date.UTC(2008, 11, 31) / 86_400_000 - DOB_FIRST_DAY + 1;
/** Reserved for documentation (RFC 2606): seeded residents never get mail at a real address. */
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

function cumulative(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((w) => (total += w));
}

/** mulberry32: tiny, fast and good enough for test data (not for anything secret). */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes seed and index so neighbouring indexes start from unrelated PRNG states. */
function mix(seed: number, index: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

type Rng = () => number;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;

function givenName(rng: Rng, gender: RegistryRecord['gender']): Pair {
  const pool = gender === 'M' || (gender === 'X' && rng() < 0.5) ? MALE_SYLLABLES : FEMALE_SYLLABLES;
  const first = pick(rng, pool);
  if (rng() < 0.1) return first;
  const second = pick(rng, pool);
  return [`${first[0]} ${second[0]}`, `${first[1]}${second[1]}`];
}

function surname(rng: Rng): (typeof SURNAMES)[number] {
  const r = rng() * SURNAME_CUMULATIVE[SURNAME_CUMULATIVE.length - 1]!;
  return SURNAMES[SURNAME_CUMULATIVE.findIndex((c) => r < c)]!;
}

function address(rng: Rng): RegistryRecord['address'] {
  const [district, streets] = pick(rng, HK_DISTRICTS);
  const flat = 'ABCDEFGH'[int(rng, 8)];
  return { line: `Flat ${flat}, ${1 + int(rng, 40)}/F, ${1 + int(rng, 300)} ${pick(rng, streets)}`, district };
}

function email(rng: Rng, family: string, given: string, dob: string): string {
  const f = family.replace(/ /g, '').toLowerCase();
  const g = given.toLowerCase().split(' ');
  const local = rng() < 0.5 ? `${g.join('')}.${f}` : `${f}${g.map((s) => s[0]).join('')}${dob.slice(2, 4)}`;
  return `${local}${int(rng, 100)}@${pick(rng, EMAIL_DOMAINS)}`;
}

/** The synthetic resident number `index` of the population generated from `seed`. */
export function syntheticResident(index: number, seed = 1): RegistryRecord {
  const rng = mulberry32(mix(seed, index));
  const r = rng();
  const gender = r < 0.495 ? 'M' : r < 0.99 ? 'F' : 'X';
  const [familyEn, familyZh] = surname(rng);
  const [givenEn, givenZh] = givenName(rng, gender);
  const dob = new Date((DOB_FIRST_DAY + int(rng, DOB_DAYS)) * 86_400_000).toISOString().slice(0, 10);
  return {
    idNumber: idNumberFromIndex(index),
    nameEn: { family: familyEn.toUpperCase(), given: givenEn },
    nameZh: `${familyZh}${givenZh}`,
    dob,
    gender,
    address: address(rng),
    phone: `+852${pick(rng, ['5', '6', '9'])}${String(int(rng, 10_000_000)).padStart(7, '0')}`,
    email: email(rng, familyEn, givenEn, dob),
  };
}

/**
 * Known residents for development and tests, seeded on first start. They all use the
 * single-letter prefix A, which idNumberFromIndex never produces, so seeding can never
 * overwrite or shadow them.
 */
export const demoResidents: readonly RegistryRecord[] = [
  {
    idNumber: 'A1234563', nameEn: { family: 'CHAN', given: 'Tai Man' }, nameZh: '陳大文', dob: '1980-01-31', gender: 'M',
    address: { line: 'Flat A, 12/F, 88 Nathan Road', district: 'Yau Tsim Mong' }, phone: '+85291234567', email: 'taiman.chan@example.com',
  },
  {
    idNumber: 'A2345679', nameEn: { family: 'WONG', given: 'Ka Yan' }, nameZh: '黃嘉欣', dob: '1992-07-15', gender: 'F',
    address: { line: 'Flat C, 23/F, 8 Sha Tin Centre Street', district: 'Sha Tin' }, phone: '+85262345678', email: 'kayan.wong@example.com',
  },
  {
    idNumber: 'A3456784', nameEn: { family: 'LEE', given: 'Chi Keung' }, nameZh: '李志強', dob: '1958-11-03', gender: 'M',
    address: { line: 'Flat F, 5/F, 120 Hennessy Road', district: 'Wan Chai' }, phone: '+85253456789', email: 'chikeung.lee@example.net',
  },
  {
    idNumber: 'A456789A', nameEn: { family: 'CHEUNG', given: 'Wing Sze' }, nameZh: '張詠詩', dob: '2001-03-22', gender: 'F',
    address: { line: 'Flat B, 31/F, 2 Tung Chung Waterfront Road', district: 'Islands' }, phone: '+85294567890', email: 'wingsze.cheung@example.org',
  },
  {
    idNumber: 'A5678903', nameEn: { family: 'TAYLOR', given: 'Alex' }, nameZh: '', dob: '1975-09-09', gender: 'X',
    address: { line: 'Flat D, 9/F, 15 Caine Road', district: 'Central and Western' }, phone: '+85265678901', email: 'alex.taylor@example.com',
  },
];

export type SeedTarget = { db: Db; dialect: Dialect; crypto: FieldCrypto };
export type SeedOptions = {
  count: number;
  /** PRNG seed for the personal data (default 1); identity numbers depend only on the index. */
  seed?: number;
  /** First index (default 0): seed 0..N, then start at N to add N more. */
  start?: number;
  onProgress?: (done: number, total: number) => void;
};
export type SeedResult = { inserted: number; seconds: number };

/** 1,000 rows × 2 values per statement: far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;
/** SQLite: one commit per 20,000 rows; a commit per statement would dominate. */
const STATEMENTS_PER_TRANSACTION = 20;
/** PostgreSQL: statements in flight, so the server inserts while Node builds the next batch. */
const PG_IN_FLIGHT = 4;

export async function seedRegistry(target: SeedTarget, opts: SeedOptions): Promise<SeedResult> {
  const { count, seed = 1, start = 0 } = opts;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isSafeInteger(start) || start < 0 || start + count > GENERATED_ID_CAPACITY) {
    throw new RangeError(`start + count must stay within 0..${GENERATED_ID_CAPACITY}`);
  }
  const began = performance.now();
  const batches: Batch[] = [];
  for (let from = start; from < start + count; from += ROWS_PER_STATEMENT) {
    batches.push({ from, to: Math.min(from + ROWS_PER_STATEMENT, start + count) });
  }
  let done = 0;
  const progress = (b: Batch) => opts.onProgress?.((done += b.to - b.from), count);
  const build = (b: Batch) => sealBatch(target.crypto, seed, b);
  const inserted =
    target.dialect === 'sqlite'
      ? await seedSqlite(target.db, batches, build, progress)
      : await seedPostgres(target.db, batches, build, progress);
  return { inserted, seconds: Math.round(performance.now() - began) / 1000 };
}

type Batch = { from: number; to: number };
type Row = { id_hash: string; record_enc: string };

function sealBatch(crypto: FieldCrypto, seed: number, { from, to }: Batch): Row[] {
  const rows: Row[] = [];
  for (let i = from; i < to; i++) rows.push(sealRecord(crypto, syntheticResident(i, seed)));
  return rows;
}

async function insertRows(db: Db, rows: Row[]): Promise<number> {
  const result = await db
    .insertInto('registry_records')
    .values(rows)
    .onConflict((oc) => oc.column('id_hash').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

async function seedSqlite(db: Db, batches: Batch[], build: (b: Batch) => Row[], progress: (b: Batch) => void): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < batches.length; i += STATEMENTS_PER_TRANSACTION) {
    await db.transaction().execute(async (trx) => {
      for (const b of batches.slice(i, i + STATEMENTS_PER_TRANSACTION)) {
        inserted += await insertRows(trx, build(b));
        progress(b);
      }
    });
  }
  return inserted;
}

/** Each statement is its own transaction here, so several can run on separate connections. */
async function seedPostgres(db: Db, batches: Batch[], build: (b: Batch) => Row[], progress: (b: Batch) => void): Promise<number> {
  let inserted = 0;
  let failure: unknown;
  const inFlight = new Set<Promise<void>>();
  for (const b of batches) {
    if (failure) break;
    const p: Promise<void> = insertRows(db, build(b))
      .then(
        (n) => {
          inserted += n;
          progress(b);
        },
        (err: unknown) => {
          failure ??= err;
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= PG_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return inserted;
}
