import { servicesOf } from './define.ts';

const cr = 'https://www.e-services.cr.gov.hk';
const ipd = 'https://www.ipd.gov.hk/en';

/** Companies Registry and Intellectual Property Department. */
export const companies = servicesOf('companies-registry', [
  { s: 'incorporate-local-company', n: ['Incorporate a local company', '成立本地公司', '成立本地公司'],
    m: ['Set up a limited company and register its business at the same time.', '成立有限公司並同時辦理商業登記。', '成立有限公司并同时办理商业登记。'],
    c: ['business'], l: ['starting-a-business'], e: ['age18'], d: ['hkid', 'address'], fee: 1545, feeNote: ['HK$1,545 online, plus the business registration fee.', '網上申請 1,545 港元，另加商業登記費。', '网上申请 1,545 港元，另加商业登记费。'], days: 1, on: 'elsewhere', url: `${cr}/incorporation`, pop: 13, k: ['set up company', 'limited company', 'register company', 'Ltd', '開公司', '开公司', '註冊公司', '注册公司', '有限公司'] },
  { s: 'annual-return', n: ['File your company\u2019s annual return', '提交公司周年申報表', '提交公司周年申报表'],
    m: ['Deliver the annual return (NAR1) within 42 days of the company\u2019s anniversary.', '於公司成立周年日後42日內提交周年申報表（NAR1）。', '于公司成立周年日后42日内提交周年申报表（NAR1）。'],
    c: ['business'], e: ['company'], d: ['incorporation'], fee: 105, days: 0, on: 'elsewhere', url: `${cr}/nar1`, k: ['NAR1', '周年申報', '周年申报'] },
  { s: 'company-search', n: ['Search the companies register', '查冊公司資料', '查册公司资料'],
    m: ['See a company\u2019s directors, address and filed documents.', '查閱公司董事、地址及已提交的文件。', '查阅公司董事、地址及已提交的文件。'],
    c: ['business'], e: ['anyone'], d: ['none'], fee: 22, days: 0, on: 'elsewhere', url: 'https://www.icris.cr.gov.hk', id: false, k: ['ICRIS', 'company check', '公司查冊', '公司查册'] },
  { s: 'change-company-name', n: ['Change a company\u2019s name', '更改公司名稱', '更改公司名称'],
    m: ['Register a special resolution to change your company\u2019s name.', '登記特別決議以更改公司名稱。', '登记特别决议以更改公司名称。'],
    c: ['business'], e: ['company'], d: ['incorporation'], fee: 295, days: 4, on: 'elsewhere', url: `${cr}/name` },
  { s: 'change-company-directors', n: ['Report a change of company directors or secretary', '申報更改董事或公司秘書', '申报更改董事或公司秘书'],
    m: ['Tell the registry within 15 days when a director or secretary joins, leaves or changes details.', '董事或秘書上任、離任或資料變更後15日內通知公司註冊處。', '董事或秘书上任、离任或资料变更后15日内通知公司注册处。'],
    c: ['business'], e: ['company'], d: ['incorporation', 'hkid'], fee: 0, days: 0, on: 'elsewhere', url: `${cr}/nd2a` },
  { s: 'deregister-company', n: ['Close down (deregister) a company', '撤銷公司註冊', '撤销公司注册'],
    m: ['Deregister a solvent private company that has stopped trading.', '為已停業且有償債能力的私人公司撤銷註冊。', '为已停业且有偿债能力的私人公司撤销注册。'],
    c: ['business'], e: ['company'], d: ['incorporation', 'notice'], fee: 420, days: 150, on: 'elsewhere', url: `${cr}/deregistration`, k: ['close company', 'wind up', '結業', '结业', '註銷公司', '注销公司'] },
  { s: 'register-non-hk-company', n: ['Register a non-Hong Kong company', '註冊非香港公司', '注册非香港公司'],
    m: ['Register an overseas company that sets up a place of business in Hong Kong.', '在香港設立營業地點的海外公司須辦理註冊。', '在香港设立营业地点的海外公司须办理注册。'],
    c: ['business'], l: ['starting-a-business'], e: ['company'], d: ['incorporation', 'address'], fee: 1720, days: 21, on: 'elsewhere', url: `${cr}/nn1` },
  { s: 'register-trust-company-service-provider', n: ['Get a trust or company service provider licence', '申領信託或公司服務提供者牌照', '申领信托或公司服务提供者牌照'],
    m: ['Businesses that set up or run companies for clients need this licence.', '為客戶成立或管理公司的業務須領取此牌照。', '为客户成立或管理公司的业务须领取此牌照。'],
    c: ['business'], e: ['business'], d: ['br', 'hkid'], fee: 2670, days: 45, on: 'elsewhere', url: 'https://www.tcsp.cr.gov.hk', k: ['TCSP'] },
  { s: 'register-significant-controllers', n: ['Keep a register of significant controllers', '備存重要控制人登記冊', '备存重要控制人登记册'],
    m: ['Guidance on recording who ultimately owns or controls your company.', '指引公司記錄最終擁有或控制公司的人士。', '指引公司记录最终拥有或控制公司的人士。'],
    c: ['business'], e: ['company'], d: ['incorporation'], fee: 0, days: 0, on: 'none', counter: true },
]);

export const intellectualProperty = servicesOf('intellectual-property-department', [
  { s: 'register-trade-mark', n: ['Register a trade mark', '註冊商標', '注册商标'],
    m: ['Protect your brand name or logo in Hong Kong for 10 years.', '在香港保護你的品牌名稱或標誌10年。', '在香港保护你的品牌名称或标志10年。'],
    c: ['business'], l: ['starting-a-business'], e: ['anyone'], d: ['hkid'], fee: 2000, days: 180, on: 'elsewhere', url: `${ipd}/trade-marks`, k: ['trademark', 'brand', 'logo', '商標', '商标'] },
  { s: 'renew-trade-mark', n: ['Renew a trade mark', '續期商標註冊', '续期商标注册'],
    m: ['Renew your trade mark registration every 10 years.', '每10年續期商標註冊一次。', '每10年续期商标注册一次。'],
    c: ['business'], e: ['licenceHolder'], d: ['notice'], fee: 2000, days: 5, on: 'elsewhere', url: `${ipd}/trade-marks/renewal` },
  { s: 'apply-standard-patent', n: ['Apply for a standard patent', '申請標準專利', '申请标准专利'],
    m: ['Protect an invention for up to 20 years, directly or based on a designated patent.', '透過原授或轉錄途徑保護發明最長20年。', '透过原授或转录途径保护发明最长20年。'],
    c: ['business'], e: ['anyone'], d: ['plans'], fee: 3050, days: 365, on: 'elsewhere', url: `${ipd}/patents`, k: ['invention', '專利', '专利'] },
  { s: 'apply-short-term-patent', n: ['Apply for a short-term patent', '申請短期專利', '申请短期专利'],
    m: ['A quicker patent that protects an invention for up to 8 years.', '較快獲批的專利，保護發明最長8年。', '较快获批的专利，保护发明最长8年。'],
    c: ['business'], e: ['anyone'], d: ['plans'], fee: 750, days: 120, on: 'elsewhere', url: `${ipd}/patents/short-term` },
  { s: 'register-industrial-design', n: ['Register a design', '註冊外觀設計', '注册外观设计'],
    m: ['Protect the look of a product for up to 25 years.', '保護產品外觀最長25年。', '保护产品外观最长25年。'],
    c: ['business'], e: ['anyone'], d: ['plans'], fee: 1045, days: 60, on: 'elsewhere', url: `${ipd}/designs`, k: ['design right', '外觀設計', '外观设计'] },
  { s: 'search-trade-marks', n: ['Search registered trade marks', '搜尋已註冊商標', '搜寻已注册商标'],
    m: ['Check whether a name or logo is already a registered trade mark.', '查核名稱或標誌是否已註冊為商標。', '查核名称或标志是否已注册为商标。'],
    c: ['business'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'elsewhere', url: 'https://esearch.ipd.gov.hk', counter: false, id: false },
  { s: 'copyright-licensing-body-registration', n: ['Find out about copyright protection', '了解版權保護', '了解版权保护'],
    m: ['Copyright protects your work automatically; learn how to prove and enforce it.', '版權會自動受保護；了解如何證明及維護版權。', '版权会自动受保护；了解如何证明及维护版权。'],
    c: ['business'], e: ['anyone'], d: ['none'], fee: 0, days: 0, on: 'none', id: false, k: ['copyright', '版權', '版权'] },
]);
