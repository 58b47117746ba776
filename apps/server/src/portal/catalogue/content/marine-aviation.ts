import { servicesOf } from './define.ts';

const mar = 'https://www.mardep.gov.hk/en';
const cad = 'https://www.cad.gov.hk/english';

/** Marine Department and Civil Aviation Department. */
export const marine = servicesOf('marine-department', [
  { s: 'pleasure-vessel-licence', n: ['Licence a pleasure boat', '申領遊樂船隻牌照', '申领游乐船只牌照'],
    m: ['Licence your yacht, motor boat or sampan for use in Hong Kong waters.', '為遊艇、機動船或舢舨申領在香港水域使用的牌照。', '为游艇、机动船或舢舨申领在香港水域使用的牌照。'],
    c: ['transport'], e: ['vessel'], d: ['hkid', 'vesselDoc', 'insurance'], fee: 1100, days: 7, on: 'elsewhere', url: `${mar}/licensing`, k: ['yacht', 'boat licence', '遊艇', '游艇', '船牌'] },
  { s: 'pleasure-vessel-operator-certificate', n: ['Get a pleasure vessel operator certificate', '申領遊樂船隻操作人證明書', '申领游乐船只操作人证明书'],
    m: ['Pass an exam to be allowed to drive a motor boat.', '通過考試方可駕駛機動船。', '通过考试方可驾驶机动船。'],
    c: ['transport'], e: ['age18'], d: ['hkid', 'photo', 'medical'], fee: 220, days: 14, on: 'elsewhere', url: `${mar}/exams`, k: ['boat driving licence', '船牌考試', '船牌考试'] },
  { s: 'register-ship', n: ['Register a ship', '註冊船舶', '注册船舶'],
    m: ['Register a sea-going ship under the Hong Kong flag.', '在香港旗下註冊遠洋船舶。', '在香港旗下注册远洋船舶。'],
    c: ['transport', 'business'], e: ['company'], d: ['vesselDoc', 'incorporation'], fee: 12000, feeNote: ['Depends on tonnage; from about HK$12,000.', '視乎噸位而定；約 12,000 港元起。', '视乎吨位而定；约 12,000 港元起。'], days: 5, on: 'elsewhere', url: `${mar}/registry` },
  { s: 'seafarer-certificate', n: ['Apply for a seafarer\u2019s certificate of competency', '申請海員適任證明書', '申请海员适任证明书'],
    m: ['Certificates for officers and ratings working on ships.', '適用於船上高級船員及普通船員。', '适用于船上高级船员及普通船员。'],
    c: ['transport', 'employment'], e: ['resident'], d: ['hkid', 'photo', 'medical'], fee: 610, days: 21, on: 'none' },
  { s: 'mooring-permit', n: ['Apply for a private mooring permit', '申請私人繫泊許可證', '申请私人系泊许可证'],
    m: ['Get a permit to lay a private mooring for your boat.', '申請許可設置私人繫泊設施。', '申请许可设置私人系泊设施。'],
    c: ['transport'], e: ['vessel'], d: ['vesselDoc'], fee: 2170, days: 30, on: 'none' },
  { s: 'local-vessel-survey', n: ['Book a survey for a local vessel', '預約本地船隻檢驗', '预约本地船只检验'],
    m: ['Arrange the yearly safety survey for a commercial local vessel.', '安排本地商用船隻的年度安全檢驗。', '安排本地商用船只的年度安全检验。'],
    c: ['transport', 'safety'], e: ['vessel'], d: ['vesselDoc'], fee: 960, days: 7, on: 'elsewhere', url: `${mar}/survey` },
]);

export const aviation = servicesOf('civil-aviation-department', [
  { s: 'register-drone', n: ['Register a drone', '登記小型無人機', '登记小型无人机'],
    m: ['Drones over 250 g must be registered and labelled before you fly them.', '250克以上的小型無人機須登記並貼上標籤方可飛行。', '250克以上的小型无人机须登记并贴上标签方可飞行。'],
    c: ['transport'], e: ['age18'], d: ['hkid'], fee: 140, days: 0, on: 'elsewhere', url: `${cad}/sua/registration`, k: ['UAS', 'drone', '無人機', '无人机', '航拍機', '航拍机'] },
  { s: 'drone-pilot-registration', n: ['Register as a drone pilot', '登記為小型無人機遙距駕駛員', '登记为小型无人机遥距驾驶员'],
    m: ['Register and complete training if you fly a drone over 250 g.', '操作250克以上無人機須登記並完成訓練。', '操作250克以上无人机须登记并完成训练。'],
    c: ['transport'], e: ['age18'], d: ['hkid', 'photo'], fee: 140, days: 0, on: 'elsewhere', url: `${cad}/sua/pilot` },
  { s: 'drone-flight-permission', n: ['Get permission for an advanced drone flight', '申請進階小型無人機飛行許可', '申请进阶小型无人机飞行许可'],
    m: ['Permission to fly a drone in restricted areas or above 300 ft.', '在限制區或300呎以上飛行無人機須申請許可。', '在限制区或300呎以上飞行无人机须申请许可。'],
    c: ['transport'], e: ['licenceHolder'], d: ['licence'], fee: 1250, days: 14, on: 'elsewhere', url: `${cad}/sua/permission` },
  { s: 'pilot-licence', n: ['Apply for a pilot licence', '申請飛行員執照', '申请飞行员执照'],
    m: ['Private and commercial pilot licences issued after training and exams.', '完成訓練及考試後簽發私人及商業飛行員執照。', '完成训练及考试后签发私人及商业飞行员执照。'],
    c: ['transport', 'employment'], e: ['age18'], d: ['hkid', 'medical', 'photo'], fee: 3040, days: 30, on: 'none', k: ['flying licence', '機師', '机师'] },
  { s: 'aircraft-registration', n: ['Register an aircraft', '註冊航空器', '注册航空器'],
    m: ['Aircraft operating from Hong Kong must be on the register.', '在香港營運的航空器必須註冊。', '在香港营运的航空器必须注册。'],
    c: ['transport', 'business'], e: ['company'], d: ['incorporation'], fee: 5770, days: 14, on: 'none' },
  { s: 'aircraft-noise-complaint', n: ['Complain about aircraft noise', '投訴飛機噪音', '投诉飞机噪音'],
    m: ['Report aircraft noise near where you live.', '舉報住所附近的飛機噪音。', '举报住所附近的飞机噪音。'],
    c: ['transport', 'environment'], e: ['anyone'], d: ['none'], fee: 0, days: 14, on: 'elsewhere', url: `${cad}/noise`, counter: false, id: false },
]);
