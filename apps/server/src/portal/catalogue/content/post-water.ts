import { servicesOf } from './define.ts';

const hkp = 'https://www.hongkongpost.hk/en';
const wsd = 'https://www.wsd.gov.hk/en';

/** Hongkong Post and Water Supplies Department. */
export const post = servicesOf('post-office', [
  { s: 'mail-redirection', n: ['Redirect your mail to a new address', '郵件轉遞服務', '邮件转递服务'],
    m: ['Have your post sent on to your new address for up to 12 months when you move.', '搬屋後將郵件轉遞至新地址，最長12個月。', '搬家后将邮件转递至新地址，最长12个月。'],
    c: ['identity-immigration'], l: ['moving-home'], e: ['anyone'], d: ['hkid', 'address'], fee: 150, feeNote: ['HK$150 for 3 months; longer periods cost more.', '3個月 150 港元；較長期間收費較高。', '3个月 150 港元；较长期间收费较高。'], days: 5, on: 'elsewhere', url: `${hkp}/redirection`, pop: 23, k: ['forward mail', 'change of address', '轉寄', '转寄'] },
  { s: 'po-box-rental', n: ['Rent a post office box', '租用郵政信箱', '租用邮政信箱'],
    m: ['Get your mail at a private box in a post office.', '在郵政局的私人信箱收取郵件。', '在邮政局的私人信箱收取邮件。'],
    c: ['business'], l: ['starting-a-business'], e: ['anyone'], d: ['hkid', 'br'], fee: 1350, days: 0, on: 'none', k: ['PO box', '信箱'] },
  { s: 'track-mail', n: ['Track a parcel or registered letter', '追蹤郵件', '追踪邮件'],
    m: ['See where your parcel or registered letter is.', '查看郵包或掛號信的位置。', '查看邮包或挂号信的位置。'],
    c: ['identity-immigration'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: `${hkp}/track`, counter: false, id: false, k: ['parcel tracking', '包裹', '查件'] },
  { s: 'ezcollect', n: ['Collect parcels at iPostal stations', '在智郵站領取郵件', '在智邮站领取邮件'],
    m: ['Pick up your parcels at a self-service locker any time.', '隨時在自助櫃領取郵件。', '随时在自助柜领取邮件。'],
    c: ['identity-immigration'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: `${hkp}/ipostal`, counter: false },
  { s: 'send-parcel-overseas', n: ['Send a parcel overseas', '寄送海外郵包', '寄送海外邮包'],
    m: ['Prices, size limits and customs forms for parcels abroad.', '海外郵包的郵費、尺寸限制及報關表格。', '海外邮包的邮费、尺寸限制及报关表格。'],
    c: ['identity-immigration'], e: ['anyone'], d: ['none'], fee: 110, feeNote: ['From HK$110 depending on weight and destination.', '視乎重量及目的地，由 110 港元起。', '视乎重量及目的地，由 110 港元起。'], days: 0, on: 'elsewhere', url: `${hkp}/parcels`, id: false, k: ['postage', 'EMS', '郵費', '邮费'] },
  { s: 'stamp-collecting', n: ['Buy stamps and philatelic products', '購買郵票及集郵產品', '购买邮票及集邮产品'],
    m: ['Buy special stamps and collector sets online or at philatelic offices.', '網上或在集郵組購買特別郵票及集郵套裝。', '网上或在集邮组购买特别邮票及集邮套装。'],
    c: ['leisure'], e: ['anyone'], d: ['none'], fee: 0, days: 3, on: 'elsewhere', url: 'https://shop.hongkongpost.hk', id: false, k: ['stamps', '郵票', '邮票'] },
  { s: 'bulk-mail-business', n: ['Open a business mailing account', '開立商業郵件帳戶', '开立商业邮件账户'],
    m: ['Discounts for businesses sending large amounts of mail.', '為寄送大量郵件的商業機構提供折扣。', '为寄送大量邮件的商业机构提供折扣。'],
    c: ['business'], e: ['business'], d: ['br'], fee: 0, days: 7, on: 'elsewhere', url: `${hkp}/business` },
  { s: 'postal-complaint', n: ['Report a lost or damaged item in the post', '查詢遺失或損壞郵件', '查询遗失或损坏邮件'],
    m: ['Ask us to trace a lost item or claim for damage.', '要求追查遺失郵件或索償損壞郵件。', '要求追查遗失邮件或索偿损坏邮件。'],
    c: ['identity-immigration'], e: ['anyone'], d: ['notice'], fee: 0, days: 30, on: 'elsewhere', url: `${hkp}/enquiry`, id: false },
]);

export const water = servicesOf('water-supplies-department', [
  { s: 'open-water-account', n: ['Open a water account', '開立水費帳戶', '开立水费账户'],
    m: ['Open an account in your name when you move into a flat.', '入住單位時以你的名義開立水費帳戶。', '入住单位时以你的名义开立水费账户。'],
    c: ['environment', 'housing'], l: ['moving-home', 'buying-a-home'], e: ['owner', 'tenant'], d: ['hkid', 'tenancy'], fee: 0, feeNote: ['A deposit of about HK$300 is usually needed.', '一般須繳付約 300 港元按金。', '一般须缴付约 300 港元按金。'], days: 3, on: 'elsewhere', url: `${wsd}/accounts/open`, pop: 24, k: ['water bill', 'water meter', '水錶', '水表', '水費', '水费'] },
  { s: 'close-water-account', n: ['Close a water account', '結束水費帳戶', '结束水费账户'],
    m: ['Close your account and get your deposit back when you move out.', '遷出時結束帳戶並取回按金。', '迁出时结束账户并取回按金。'],
    c: ['environment', 'housing'], l: ['moving-home'], e: ['registered'], d: ['hkid'], fee: 0, days: 7, on: 'elsewhere', url: `${wsd}/accounts/close` },
  { s: 'pay-water-bill', n: ['Pay your water bill', '繳交水費', '缴交水费'],
    m: ['Pay by autopay, online banking, PPS, at a post office or convenience store.', '透過自動轉帳、網上銀行、繳費靈、郵局或便利店繳費。', '透过自动转账、网上银行、缴费灵、邮局或便利店缴费。'],
    c: ['environment'], e: ['registered'], d: ['notice'], fee: 0, days: 0, on: 'elsewhere', url: `${wsd}/bills`, k: ['water bill'] },
  { s: 'report-water-leak', n: ['Report a burst water main or no water', '舉報爆水管或停水', '举报爆水管或停水'],
    m: ['Report burst pipes, leaks in the street or loss of water supply.', '舉報爆水管、街道漏水或停水。', '举报爆水管、街道漏水或停水。'],
    c: ['environment'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: `${wsd}/report`, counter: false, id: false, k: ['burst pipe', '爆水管', '停水'] },
  { s: 'plumbing-works-application', n: ['Apply for approval of plumbing works', '申請水喉工程批准', '申请水喉工程批准'],
    m: ['A licensed plumber applies before new water pipes are installed.', '安裝新水管前由持牌水喉匠提出申請。', '安装新水管前由持牌水喉匠提出申请。'],
    c: ['environment', 'land-property'], e: ['owner'], d: ['plans'], fee: 0, days: 21, on: 'elsewhere', url: `${wsd}/plumbing` },
  { s: 'water-quality-test', n: ['Ask for a water quality check', '要求檢驗食水質素', '要求检验食水质素'],
    m: ['Ask us to check the water from your tap if it looks or tastes wrong.', '如食水外觀或味道有異，可要求檢驗。', '如食水外观或味道有异，可要求检验。'],
    c: ['environment', 'health'], e: ['anyone'], d: ['none'], fee: 0, days: 14, on: 'elsewhere', url: `${wsd}/quality`, id: false, k: ['tap water', '食水', '自來水', '自来水'] },
  { s: 'water-bill-installments', n: ['Ask to pay a water bill in instalments', '申請分期繳交水費', '申请分期缴交水费'],
    m: ['Spread a large water bill over several months.', '將大額水費分數月繳交。', '将大额水费分数月缴交。'],
    c: ['environment', 'welfare'], e: ['registered'], d: ['notice', 'income'], fee: 0, days: 7, on: 'none' },
  { s: 'licensed-plumber', n: ['Become a licensed plumber', '申請成為持牌水喉匠', '申请成为持牌水喉匠'],
    m: ['Apply for a plumber\u2019s licence after the required training and experience.', '完成所需訓練及經驗後申請水喉匠牌照。', '完成所需训练及经验后申请水喉匠牌照。'],
    c: ['environment', 'employment'], e: ['resident'], d: ['hkid', 'school'], fee: 230, days: 30, on: 'none' },
]);
