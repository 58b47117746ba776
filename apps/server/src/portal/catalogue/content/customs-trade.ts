import { servicesOf } from './define.ts';

const tid = 'https://www.tid.gov.hk/en';
const customs = 'https://www.customs.gov.hk/en';

/** Customs and Excise Department and Trade and Industry Department. */
export const customsExcise = servicesOf('customs-and-excise-department', [
  { s: 'dutiable-commodities-permit', n: ['Apply for a dutiable commodities permit', '申請應課稅品許可證', '申请应课税品许可证'],
    m: ['Import, export or move liquor, tobacco and fuel that carry duty.', '進口、出口或移走須課稅的酒類、煙草及燃油。', '进口、出口或移走须课税的酒类、烟草及燃油。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 0, days: 3, on: 'elsewhere', url: `${customs}/permits` },
  { s: 'declare-goods-at-border', n: ['Declare goods when you arrive', '入境時申報物品', '入境时申报物品'],
    m: ['Check your duty-free allowance and declare tobacco, alcohol or cash above the limit.', '查看免稅限額並申報超額的煙酒或現金。', '查看免税限额并申报超额的烟酒或现金。'],
    c: ['business', 'identity-immigration'], l: ['new-to-hong-kong'], e: ['anyone'], d: ['passport'], fee: 0, days: 0, on: 'none', id: false, k: ['duty free', 'customs allowance', '免稅', '免税'] },
  { s: 'money-service-operator-licence', n: ['Get a money service operator licence', '申領金錢服務經營者牌照', '申领金钱服务经营者牌照'],
    m: ['Money changers and remittance businesses need a licence.', '找換店及匯款業務須領取牌照。', '找换店及汇款业务须领取牌照。'],
    c: ['business'], e: ['business'], d: ['br', 'hkid'], fee: 4500, days: 60, on: 'elsewhere', url: `${customs}/mso` },
  { s: 'report-smuggling-or-fake-goods', n: ['Report smuggling or fake goods', '舉報走私或假冒貨品', '举报走私或假冒货品'],
    m: ['Tell customs about smuggling, counterfeit goods or unfair trade practices.', '向海關舉報走私、假冒貨品或不良營商手法。', '向海关举报走私、假冒货品或不良营商手法。'],
    c: ['business', 'safety'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: `${customs}/report`, counter: false, id: false, k: ['counterfeit', 'fake', '翻版', '假貨', '假货'] },
  { s: 'import-export-declaration', n: ['Lodge an import or export declaration', '提交進出口報關表', '提交进出口报关表'],
    m: ['Declare goods you import or export within 14 days.', '於14日內申報進口或出口的貨品。', '于14日内申报进口或出口的货品。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 0, feeNote: ['A small declaration charge applies based on the value.', '按貨值徵收少量報關費。', '按货值征收少量报关费。'], days: 0, on: 'elsewhere', url: 'https://www.tradelink.com.hk', k: ['TDEC'] },
  { s: 'authorised-economic-operator', n: ['Apply to be an Authorised Economic Operator', '申請成為認可經濟營運商', '申请成为认可经济营运商'],
    m: ['Faster customs clearance for trusted companies.', '獲信任公司可享較快清關。', '获信任公司可享较快清关。'],
    c: ['business'], e: ['company'], d: ['br', 'incorporation'], fee: 0, days: 180, on: 'none', k: ['AEO'] },
]);

export const tradeIndustry = servicesOf('trade-and-industry-department', [
  { s: 'certificate-of-origin', n: ['Apply for a certificate of origin', '申請產地來源證', '申请产地来源证'],
    m: ['Prove that your goods were made in Hong Kong for export.', '證明出口貨品在香港製造。', '证明出口货品在香港制造。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 160, days: 2, on: 'elsewhere', url: `${tid}/co`, k: ['CO', 'CEPA', '產地證', '产地证'] },
  { s: 'import-export-licence', n: ['Apply for an import or export licence', '申請進出口許可證', '申请进出口许可证'],
    m: ['Licences for controlled goods such as medicines, chemicals and strategic items.', '適用於藥物、化學品及戰略物品等受管制貨品。', '适用于药物、化学品及战略物品等受管制货品。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 80, days: 3, on: 'elsewhere', url: `${tid}/licensing` },
  { s: 'sme-export-marketing-fund', n: ['Apply for the SME Export Marketing Fund', '申請中小企業市場推廣基金', '申请中小企业市场推广基金'],
    m: ['Get back up to half the cost of promoting your products abroad.', '資助中小企最多一半的海外推廣開支。', '资助中小企最多一半的海外推广开支。'],
    c: ['business'], l: ['starting-a-business'], e: ['business'], d: ['br', 'bank'], fee: 0, days: 60, on: 'elsewhere', url: 'https://www.smefund.tid.gov.hk', pop: 22, k: ['EMF', 'SME grant', 'funding', '中小企', '資助', '资助'] },
  { s: 'bud-fund', n: ['Apply for the BUD Fund', '申請「BUD專項基金」', '申请“BUD专项基金”'],
    m: ['Funding to help companies develop their brands and expand into new markets.', '資助企業發展品牌及開拓新市場。', '资助企业发展品牌及开拓新市场。'],
    c: ['business'], e: ['business'], d: ['br', 'bank'], fee: 0, days: 60, on: 'elsewhere', url: 'https://www.bud.hkpc.org' },
  { s: 'sme-loan-guarantee', n: ['Get a government-guaranteed loan for your business', '申請中小企融資擔保', '申请中小企融资担保'],
    m: ['Help getting bank loans with a government guarantee.', '透過政府擔保協助中小企取得銀行貸款。', '透过政府担保协助中小企取得银行贷款。'],
    c: ['business'], l: ['starting-a-business'], e: ['business'], d: ['br', 'bank', 'taxReturn'], fee: 0, days: 30, on: 'elsewhere', url: `${tid}/sgs`, k: ['business loan', 'SGS', '貸款', '贷款'] },
  { s: 'rice-stockholder-registration', n: ['Register as a rice stockholder', '登記為儲米商', '登记为储米商'],
    m: ['Businesses that import rice must register and keep a reserve stock.', '進口食米的商號須登記並保持儲備。', '进口食米的商号须登记并保持储备。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 0, days: 14, on: 'none' },
  { s: 'strategic-commodities-licence', n: ['Apply for a strategic commodities licence', '申請戰略物品許可證', '申请战略物品许可证'],
    m: ['Licences to import or export goods that could be used for weapons.', '進出口可作武器用途物品的許可證。', '进出口可作武器用途物品的许可证。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 80, days: 5, on: 'elsewhere', url: `${tid}/strategic` },
  { s: 'sme-support-centre', n: ['Get free advice for small businesses', '中小企業免費諮詢', '中小企业免费咨询'],
    m: ['Free one-to-one advice on running a small business from the SME support centre.', '中小企支援中心提供免費一對一經營諮詢。', '中小企支援中心提供免费一对一经营咨询。'],
    c: ['business'], l: ['starting-a-business'], e: ['business'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: 'https://www.success.tid.gov.hk', id: false, k: ['SUCCESS', 'start-up advice'] },
]);
