import { servicesOf } from './define.ts';

/** More services from the smaller departments. */
export default [
  ...servicesOf('employees-retraining-board', [
    { s: 'erb-courses-for-youth', n: ['Join a youth training course', '報讀青年培訓課程', '报读青年培训课程'],
      m: ['Full-time courses with job placement for school leavers aged 15 to 24.', '為15至24歲離校青年提供附就業跟進的全日制課程。', '为15至24岁离校青年提供附就业跟进的全日制课程。'],
      c: ['employment', 'education'], l: ['looking-for-work', 'turning-18'], e: ['jobseeker'], d: ['hkid'], fee: 0, days: 14, on: 'elsewhere', url: 'https://www.erb.org/youth' },
    { s: 'erb-courses-for-new-arrivals', n: ['Join a training course for new arrivals', '報讀新來港人士培訓課程', '报读新来港人士培训课程'],
      m: ['Job skills and language courses for people new to Hong Kong.', '為新來港人士提供職業技能及語言課程。', '为新来港人士提供职业技能及语言课程。'],
      c: ['employment', 'education'], l: ['new-to-hong-kong', 'looking-for-work'], e: ['resident'], d: ['hkid'], fee: 0, days: 14, on: 'elsewhere', url: 'https://www.erb.org/newarrivals' },
  ]),
  ...servicesOf('land-registry', [
    { s: 'search-memorials-of-deceased-owner', n: ['Search the land records of someone who has died', '查閱已故業主的土地紀錄', '查阅已故业主的土地纪录'],
      m: ['Find the properties a deceased person owned, to deal with their estate.', '查找已故人士擁有的物業，以處理遺產。', '查找已故人士拥有的物业，以处理遗产。'],
      c: ['land-property', 'family'], l: ['bereavement'], e: ['registered'], d: ['deathCert', 'hkid'], fee: 10, days: 0, on: 'elsewhere', url: 'https://www.iris.gov.hk/deceased' },
  ]),
  ...servicesOf('customs-and-excise-department', [
    { s: 'cash-declaration', n: ['Declare large amounts of cash at the border', '申報大額現金', '申报大额现金'],
      m: ['Declare cash or bearer instruments worth more than HK$120,000 when you cross the border.', '攜帶超過12萬港元的現金或不記名可轉讓票據過境時須申報。', '携带超过12万港元的现金或不记名可转让票据过境时须申报。'],
      c: ['business', 'identity-immigration'], e: ['anyone'], d: ['passport'], fee: 0, days: 0, on: 'none', id: false, k: ['cash declaration', 'CBNI', '現金申報', '现金申报'] },
    { s: 'consumer-goods-safety-complaint', n: ['Report an unsafe consumer product', '舉報不安全消費品', '举报不安全消费品'],
      m: ['Tell customs about toys or household goods that may be unsafe.', '向海關舉報可能不安全的玩具或家庭用品。', '向海关举报可能不安全的玩具或家庭用品。'],
      c: ['business', 'safety'], e: ['anyone'], d: ['none'], fee: 0, days: 14, on: 'elsewhere', url: 'https://www.customs.gov.hk/en/consumer', counter: false, id: false },
  ]),
  ...servicesOf('marine-department', [
    { s: 'marine-notice-subscription', n: ['Get marine notices and typhoon warnings for vessels', '訂閱海事處通告', '订阅海事处通告'],
      m: ['Receive notices about works, closures and hazards in Hong Kong waters.', '接收香港水域工程、封閉及危險的通告。', '接收香港水域工程、封闭及危险的通告。'],
      c: ['transport', 'safety'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: 'https://www.mardep.gov.hk/en/notices', counter: false, id: false },
    { s: 'sampan-licence-renewal', n: ['Renew a local vessel operating licence', '續領本地船隻營業牌照', '续领本地船只营业牌照'],
      m: ['Renew the yearly operating licence of a local commercial vessel.', '續領本地商用船隻的年度營業牌照。', '续领本地商用船只的年度营业牌照。'],
      c: ['transport', 'business'], e: ['vessel'], d: ['vesselDoc', 'insurance'], fee: 860, days: 5, on: 'elsewhere', url: 'https://www.mardep.gov.hk/en/renewal' },
  ]),
  ...servicesOf('post-office', [
    { s: 'e-cert-personal', n: ['Get a personal e-Cert', '申請個人電子證書', '申请个人电子证书'],
      m: ['A digital certificate for signing documents electronically.', '用於電子簽署文件的數碼證書。', '用于电子签署文件的数码证书。'],
      c: ['identity-immigration'], e: ['resident'], d: ['hkid'], fee: 50, days: 0, on: 'elsewhere', url: 'https://www.hongkongpost-ecert.hk', k: ['digital certificate', 'e-Cert', '電子證書', '电子证书'] },
  ]),
  ...servicesOf('lands-department', [
    { s: 'apply-for-street-naming', n: ['Find or confirm an official address', '查詢官方地址', '查询官方地址'],
      m: ['Check the official name and number of a street or building.', '查核街道或建築物的官方名稱及門牌號數。', '查核街道或建筑物的官方名称及门牌号数。'],
      c: ['land-property'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: 'https://www.als.gov.hk', counter: false, id: false, k: ['address lookup', '地址'] },
    { s: 'slope-maintenance-responsibility', n: ['Find out who must maintain a slope', '查詢斜坡維修責任', '查询斜坡维修责任'],
      m: ['Check whether you or the government must maintain a slope near your property.', '查詢你或政府是否須負責維修物業附近的斜坡。', '查询你或政府是否须负责维修物业附近的斜坡。'],
      c: ['land-property', 'safety'], e: ['owner'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: 'https://www.slope.landsd.gov.hk', counter: false, id: false, k: ['SMRIS', '斜坡'] },
  ]),
  ...servicesOf('legal-aid-department', [
    { s: 'legal-aid-appeal', n: ['Appeal against a legal aid refusal', '就拒絕法律援助提出上訴', '就拒绝法律援助提出上诉'],
      m: ['Ask for a review if your legal aid application was refused.', '如法律援助申請被拒，可要求覆核。', '如法律援助申请被拒，可要求复核。'],
      c: ['safety'], e: ['registered'], d: ['notice'], fee: 0, days: 30, on: 'none' },
  ]),
  ...servicesOf('civil-aviation-department', [
    { s: 'air-operator-certificate', n: ['Apply for an air operator\u2019s certificate', '申請航空營運人證明書', '申请航空营运人证明书'],
      m: ['Airlines need this certificate to carry passengers or cargo for payment.', '航空公司須持此證明書方可提供收費客貨運服務。', '航空公司须持此证明书方可提供收费客货运服务。'],
      c: ['transport', 'business'], e: ['company'], d: ['incorporation'], fee: 20000, days: 180, on: 'none' },
  ]),
  ...servicesOf('intellectual-property-department', [
    { s: 'record-trade-mark-change', n: ['Record a change of owner or address for a trade mark', '記錄商標擁有人或地址變更', '记录商标拥有人或地址变更'],
      m: ['Keep the trade mark register up to date when ownership or details change.', '商標擁有權或資料變更時更新註冊紀錄。', '商标拥有权或资料变更时更新注册纪录。'],
      c: ['business'], e: ['licenceHolder'], d: ['notice'], fee: 200, days: 14, on: 'elsewhere', url: 'https://www.ipd.gov.hk/en/trade-marks/changes' },
  ]),
];
