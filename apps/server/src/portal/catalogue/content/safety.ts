import { servicesOf } from './define.ts';

const police = 'https://www.police.gov.hk/ppp_en';
const fsd = 'https://www.hkfsd.gov.hk/eng';

/** Hong Kong Police Force and Fire Services Department. */
export const policeForce = servicesOf('hong-kong-police-force', [
  { s: 'e-report-crime', n: ['Report a crime online', '網上報案', '网上报案'],
    m: ['Report a crime that is not an emergency, such as a lost item or online fraud. In an emergency call 999.', '報告非緊急罪案，例如遺失物品或網上騙案。緊急情況請致電999。', '报告非紧急罪案，例如遗失物品或网上骗案。紧急情况请致电999。'],
    c: ['safety'], e: ['anyone'], d: ['hkid'], fee: 0, days: 0, on: 'elsewhere', url: `${police}/contact/e-report`, pop: 21, k: ['police report', 'fraud', 'scam', 'theft', '報警', '报警', '騙案', '骗案'] },
  { s: 'certificate-of-no-criminal-conviction', n: ['Get a certificate of no criminal conviction', '申請無犯罪紀錄證明書', '申请无犯罪纪录证明书'],
    m: ['Needed for some visas and emigration. It is sent directly to the consulate.', '部分簽證及移民申請需要此證明書，會直接寄交有關領事館。', '部分签证及移民申请需要此证明书，会直接寄交有关领事馆。'],
    c: ['safety', 'identity-immigration'], e: ['resident'], d: ['hkid', 'notice'], fee: 0, days: 28, on: 'elsewhere', url: `${police}/services/cncc`, k: ['good conduct certificate', 'police clearance', 'CNCC', '良民證', '良民证'] },
  { s: 'report-lost-property', n: ['Report lost property', '報失物件', '报失物件'],
    m: ['Report something you lost and check whether it has been handed in.', '報失物件並查詢是否有人交回。', '报失物件并查询是否有人交回。'],
    c: ['safety'], e: ['anyone'], d: ['hkid'], fee: 0, days: 0, on: 'elsewhere', url: `${police}/contact/lost`, id: false, k: ['lost and found', '失物'] },
  { s: 'sexual-conviction-record-check', n: ['Sexual conviction record check for jobs with children', '性罪行定罪紀錄查核', '性罪行定罪纪录查核'],
    m: ['Employers of people who work with children can check for sexual convictions with the applicant\u2019s consent.', '與兒童工作相關的僱主可在申請人同意下查核性罪行定罪紀錄。', '与儿童工作相关的雇主可在申请人同意下查核性罪行定罪纪录。'],
    c: ['safety', 'employment'], e: ['employee'], d: ['hkid', 'contract'], fee: 95, days: 7, on: 'none', k: ['SCRC'] },
  { s: 'firearms-licence', n: ['Apply for a possession of arms licence', '申請管有槍械牌照', '申请管有枪械牌照'],
    m: ['Licences for sport shooting and security work.', '適用於射擊運動及保安工作。', '适用于射击运动及保安工作。'],
    c: ['safety'], e: ['resident', 'age18'], d: ['hkid', 'photo', 'medical'], fee: 300, days: 60, on: 'none' },
  { s: 'notice-of-public-meeting', n: ['Give notice of a public meeting or procession', '公眾集會或遊行通知', '公众集会或游行通知'],
    m: ['Organisers tell the police in advance about meetings and processions.', '主辦者須預先通知警方公眾集會及遊行。', '主办者须预先通知警方公众集会及游行。'],
    c: ['safety'], e: ['resident'], d: ['hkid'], fee: 0, days: 7, on: 'none' },
  { s: 'traffic-accident-report', n: ['Get a copy of a traffic accident report', '索取交通意外報告', '索取交通意外报告'],
    m: ['Order a copy of the police record of a traffic accident for insurance.', '索取交通意外的警方紀錄副本，以便處理保險。', '索取交通意外的警方纪录副本，以便处理保险。'],
    c: ['safety', 'transport'], e: ['registered'], d: ['hkid', 'authorisation'], fee: 250, days: 21, on: 'none' },
  { s: 'pay-fixed-penalty', n: ['Pay a traffic fixed penalty ticket', '繳交交通定額罰款', '缴交交通定额罚款'],
    m: ['Pay a parking or traffic ticket within 21 days.', '於21日內繳交泊車或交通違例罰款。', '于21日内缴交泊车或交通违例罚款。'],
    c: ['safety', 'transport'], e: ['vehicleOwner', 'licenceHolder'], d: ['notice'], fee: 320, feeNote: ['Depends on the offence; a parking ticket is HK$320.', '視乎違例事項而定；違例泊車罰款 320 港元。', '视乎违例事项而定；违例泊车罚款 320 港元。'], days: 0, on: 'elsewhere', url: 'https://www.gov.hk/en/residents/transport/fpt', k: ['parking ticket', 'speeding ticket', 'fine', '告票', '罰款', '罚款'] },
  { s: 'massage-establishment-licence', n: ['Apply for a massage establishment licence', '申請按摩院牌照', '申请按摩院牌照'],
    m: ['Massage businesses need a licence from the police.', '按摩院須向警方領取牌照。', '按摩院须向警方领取牌照。'],
    c: ['safety', 'business'], e: ['business'], d: ['br', 'floorPlan', 'hkid'], fee: 3100, days: 60, on: 'none' },
]);

export const fireServices = servicesOf('fire-services-department', [
  { s: 'fire-safety-certificate-restaurant', n: ['Get fire safety approval for licensed premises', '申請持牌處所消防安全證明', '申请持牌处所消防安全证明'],
    m: ['Fire safety checks needed for restaurant, school and other licences.', '食肆、學校及其他牌照所需的消防安全檢查。', '食肆、学校及其他牌照所需的消防安全检查。'],
    c: ['safety', 'business'], l: ['starting-a-business'], e: ['business'], d: ['floorPlan', 'br'], fee: 0, days: 28, on: 'elsewhere', url: `${fsd}/services/licensing` },
  { s: 'dangerous-goods-licence', n: ['Apply for a dangerous goods licence', '申請危險品牌照', '申请危险品牌照'],
    m: ['Store or carry dangerous goods like fuel or gas over the exempt amounts.', '貯存或運載超過豁免量的燃料或氣體等危險品。', '贮存或运载超过豁免量的燃料或气体等危险品。'],
    c: ['safety', 'business'], e: ['business'], d: ['br', 'floorPlan'], fee: 1800, days: 30, on: 'elsewhere', url: `${fsd}/services/dg` },
  { s: 'fire-service-installation-inspection', n: ['Book an annual fire equipment inspection', '預約消防裝置年檢', '预约消防装置年检'],
    m: ['Building owners must have fire equipment checked every year by a registered contractor.', '業主須每年由註冊承辦商檢查消防裝置。', '业主须每年由注册承办商检查消防装置。'],
    c: ['safety', 'land-property'], e: ['owner'], d: ['deed'], fee: 0, days: 0, on: 'elsewhere', url: `${fsd}/services/fsi` },
  { s: 'fire-hazard-complaint', n: ['Report a fire hazard', '舉報火警危險', '举报火警危险'],
    m: ['Report blocked fire exits, locked escape doors or stored fuel.', '舉報走火通道阻塞、逃生門上鎖或貯存燃料。', '举报走火通道阻塞、逃生门上锁或贮存燃料。'],
    c: ['safety'], e: ['anyone'], d: ['none'], fee: 0, days: 3, on: 'elsewhere', url: `${fsd}/complaints`, counter: false, id: false, k: ['fire exit', '走火通道'] },
  { s: 'ambulance-records', n: ['Get a copy of an ambulance service record', '索取救護服務紀錄', '索取救护服务纪录'],
    m: ['Order a record of an ambulance call for insurance or legal reasons.', '為保險或法律用途索取救護服務紀錄。', '为保险或法律用途索取救护服务纪录。'],
    c: ['safety', 'health'], e: ['registered'], d: ['hkid', 'authorisation'], fee: 140, days: 21, on: 'none' },
  { s: 'fire-safety-talk', n: ['Book a fire safety talk', '預約防火講座', '预约防火讲座'],
    m: ['Free fire safety talks and drills for buildings, schools and companies.', '為大廈、學校及公司提供免費防火講座及演習。', '为大厦、学校及公司提供免费防火讲座及演习。'],
    c: ['safety', 'education'], e: ['anyone'], d: ['none'], fee: 0, days: 14, on: 'elsewhere', url: `${fsd}/education`, id: false },
  { s: 'register-fire-service-contractor', n: ['Register as a fire service installation contractor', '註冊為消防裝置承辦商', '注册为消防装置承办商'],
    m: ['Contractors who install or maintain fire equipment must be registered.', '安裝或保養消防裝置的承辦商必須註冊。', '安装或保养消防装置的承办商必须注册。'],
    c: ['safety', 'business'], e: ['business'], d: ['br', 'hkid'], fee: 1450, days: 30, on: 'none' },
]);
