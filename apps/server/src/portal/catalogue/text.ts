/**
 * How search sees text. Chinese has no spaces between words, so Han characters are indexed
 * as single characters and overlapping pairs (bigrams): "駕駛執照" → 駕 駛 執 照 駕駛 駛執 執照.
 * A query of two or more characters is matched by its bigrams only, which finds the words in
 * any order and without a dictionary; a one-character query falls back to single characters.
 * Latin text is split into words, lower-cased, lightly stemmed and mapped onto one spelling
 * (license → licence, driver → driving).
 */
const han = /\p{Script=Han}/u;
const runs = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;

export const isHan = (s: string): boolean => han.test(s);

function hanTerms(run: string, forQuery: boolean): string[] {
  const chars = [...run];
  const bigrams = chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
  if (forQuery) return chars.length === 1 ? chars : bigrams;
  return [...chars, ...bigrams];
}

function tokenize(text: string, forQuery: boolean): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(runs)) {
    const run = m[0];
    if (isHan(run)) out.push(...hanTerms(run, forQuery));
    else out.push(run);
  }
  return out;
}

export const tokenizeForIndex = (text: string): string[] => tokenize(text, false);
export const tokenizeForQuery = (text: string): string[] => tokenize(text, true);

const stopwords = new Set(['a', 'an', 'the', 'of', 'for', 'to', 'my', 'and', 'or', 'in', 'on', 'at', 'by', 'with', 'i', 'me', 'how', 'do', 'can', 'is', 'what', 'where', 'get', 'getting', 'want', 'need', 's', 'hk', 'hong', 'kong']);

/** One spelling for words residents write several ways. */
const synonyms: Record<string, string> = {
  license: 'licence', licenses: 'licence', licensing: 'licence', licenced: 'licence', licensed: 'licence',
  driver: 'driving', drivers: 'driving', drive: 'driving', driven: 'driving',
  center: 'centre', centers: 'centre', program: 'programme', programs: 'programme',
  id: 'identity', hkid: 'identity', identification: 'identity',
  apartment: 'flat', apartments: 'flat', home: 'housing', house: 'housing', homes: 'housing',
  renewal: 'renew', renewing: 'renew', renewed: 'renew',
  registering: 'register', registration: 'register', registered: 'register',
  voting: 'voter', vote: 'voter', voters: 'voter', elector: 'voter', electors: 'voter',
  replacement: 'replace', replacing: 'replace',
  applying: 'apply', application: 'apply', applications: 'apply',
  born: 'birth', baby: 'birth', newborn: 'birth',
  wedding: 'marriage', marry: 'marriage', married: 'marriage',
  taxes: 'tax', taxation: 'tax',
  car: 'vehicle', cars: 'vehicle', motorcycle: 'vehicle',
  pension: 'allowance', benefit: 'allowance', benefits: 'allowance',
  doctor: 'medical', clinic: 'medical', hospital: 'medical',
  company: 'companies', firm: 'business',
};

function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Applied to every term, indexed or searched: null drops the term. */
export function processTerm(term: string): string | null {
  if (isHan(term)) return term;
  const w = term.toLowerCase();
  if (stopwords.has(w)) return null;
  return synonyms[w] ?? synonyms[stem(w)] ?? stem(w);
}
