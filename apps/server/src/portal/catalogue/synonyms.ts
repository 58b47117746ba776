/**
 * The common Chinese words residents type for the most used services, beside the words the
 * catalogue uses (both scripts). Bigram matching finds words inside longer ones, but not a
 * different word for the same thing: "驾照" shares no bigram with "驾驶执照", "續期" none with
 * "續領". A query containing one of these words is also searched with each other word of its
 * group; the best result of each service counts. Kept with its query-quality test
 * (test/portal/catalogue/search-quality.db.test.ts).
 */
export const chineseSynonyms: readonly (readonly string[])[] = [
  // Driving licences
  ['駕照', '駕駛執照', '車牌'],
  ['驾照', '驾驶执照', '车牌'],
  // Renewing
  ['續期', '續領', '續牌'],
  ['续期', '续领', '续牌'],
  // Identity card
  ['身份證', '身分證', '智能身份證'],
  ['身份证', '身分证', '智能身份证'],
  // Public housing
  ['公屋', '公共租住房屋'],
  ['居屋', '居者有其屋'],
  // Social security and allowances
  ['綜援', '綜合社會保障援助'],
  ['综援', '综合社会保障援助'],
  ['生果金', '高齡津貼'],
  ['生果金', '高龄津贴'],
  // Birth certificate
  ['出世紙', '出生證明書', '出生登記'],
  ['出世纸', '出生证明书', '出生登记'],
  // Tax
  ['報稅', '報稅表', '薪俸稅'],
  ['报税', '报税表', '薪俸税'],
  // Business registration
  ['商業登記', '商業登記證', '開公司'],
  ['商业登记', '商业登记证', '开公司'],
  // Voting
  ['選民登記', '登記做選民', '登記成為選民'],
  ['选民登记', '登记做选民', '登记成为选民'],
  // Marriage
  ['結婚', '婚姻登記', '註冊結婚'],
  ['结婚', '婚姻登记', '注册结婚'],
  // Mandatory Provident Fund
  ['強積金', '強制性公積金'],
  ['强积金', '强制性公积金'],
  // Student finance
  ['學資', '學生資助'],
  ['学资', '学生资助'],
];

const maxVariants = 8;

/** The query itself, then the query with each synonym in place of the word it contains. */
export function queryVariants(query: string): string[] {
  const out = [query];
  for (const group of chineseSynonyms) {
    // The longest word of the group found in the query is the one to replace ("駕駛執照" before "駕照").
    const found = [...group].sort((a, b) => b.length - a.length).find((w) => query.includes(w));
    if (!found) continue;
    for (const other of group) {
      if (other === found || out.length >= maxVariants) continue;
      const variant = query.replace(found, other);
      if (!out.includes(variant)) out.push(variant);
    }
  }
  return out;
}
