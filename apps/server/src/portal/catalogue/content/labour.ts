import { servicesOf } from './define.ts';

const ld = 'https://www.labour.gov.hk/eng';

/** Labour Department and Employees Retraining Board. */
export const labour = servicesOf('labour-department', [
  { s: 'job-search-interactive-employment-service', n: ['Search for jobs', '搜尋職位空缺', '搜寻职位空缺'],
    m: ['Find job vacancies from thousands of employers and apply online.', '搜尋數以千計僱主的職位空缺並於網上申請。', '搜寻数以千计雇主的职位空缺并于网上申请。'],
    c: ['employment'], l: ['looking-for-work', 'new-to-hong-kong'], e: ['jobseeker'], d: ['hkid'], fee: 0, days: 0, on: 'elsewhere', url: 'https://www.jobs.gov.hk', pop: 14, k: ['jobs', 'vacancies', 'employment service', 'find work', '找工作', '搵工', '職位', '职位'] },
  { s: 'register-job-vacancy', n: ['Advertise a job vacancy for free', '免費登記職位空缺', '免费登记职位空缺'],
    m: ['Employers can post vacancies and get matched with job seekers.', '僱主可刊登職位空缺並獲轉介求職者。', '雇主可刊登职位空缺并获转介求职者。'],
    c: ['employment', 'business'], l: ['starting-a-business'], e: ['employer'], d: ['br'], fee: 0, days: 1, on: 'elsewhere', url: `${ld}/vacancy` },
  { s: 'labour-relations-consultation', n: ['Get help with an employment dispute', '勞資糾紛諮詢服務', '劳资纠纷咨询服务'],
    m: ['Free advice and conciliation on unpaid wages, dismissal and other disputes.', '就欠薪、解僱及其他糾紛提供免費諮詢及調解。', '就欠薪、解雇及其他纠纷提供免费咨询及调解。'],
    c: ['employment'], e: ['employee', 'employer'], d: ['hkid', 'contract'], fee: 0, days: 0, on: 'none', id: false, k: ['unpaid wages', 'dismissal', 'labour tribunal', '欠薪', '勞資', '劳资'] },
  { s: 'employee-compensation-claim', n: ['Report a work injury and claim compensation', '申報工傷及申索僱員補償', '申报工伤及申索雇员补偿'],
    m: ['Employers must report work injuries; employees can get compensation.', '僱主須申報工傷；僱員可獲補償。', '雇主须申报工伤；雇员可获补偿。'],
    c: ['employment', 'safety'], e: ['employee', 'employer'], d: ['hkid', 'medical', 'contract'], fee: 0, days: 30, on: 'elsewhere', url: `${ld}/ecc`, k: ['work injury', 'accident at work', '工傷', '工伤'] },
  { s: 'protection-of-wages-on-insolvency', n: ['Claim wages when your employer goes bust', '申請破產欠薪保障基金', '申请破产欠薪保障基金'],
    m: ['Get unpaid wages, notice pay and severance from the fund if your employer is insolvent.', '僱主無力償債時，可從基金獲發欠薪、代通知金及遣散費。', '雇主无力偿债时，可从基金获发欠薪、代通知金及遣散费。'],
    c: ['employment', 'welfare'], l: ['looking-for-work'], e: ['employee'], d: ['hkid', 'contract', 'bank'], fee: 0, days: 60, on: 'none', k: ['PWIF', 'insolvency', '破欠基金'] },
  { s: 'employment-agency-licence', n: ['Get an employment agency licence', '申領職業介紹所牌照', '申领职业介绍所牌照'],
    m: ['You need a licence to run an employment agency, including for domestic helpers.', '經營職業介紹所（包括外傭中介）須領取牌照。', '经营职业介绍所（包括外佣中介）须领取牌照。'],
    c: ['employment', 'business'], e: ['business'], d: ['br', 'hkid', 'floorPlan'], fee: 1790, days: 50, on: 'none', k: ['maid agency', '外傭中介', '外佣中介'] },
  { s: 'youth-employment-training', n: ['Join the Youth Employment and Training Programme', '參加展翅青見計劃', '参加展翅青见计划'],
    m: ['Training and paid on-the-job placements for young people aged 15 to 24.', '為15至24歲青年提供培訓及有薪在職培訓。', '为15至24岁青年提供培训及有薪在职培训。'],
    c: ['employment', 'education'], l: ['looking-for-work', 'turning-18'], e: ['jobseeker'], d: ['hkid'], fee: 0, days: 14, on: 'elsewhere', url: 'https://www.yes.labour.gov.hk', k: ['YETP', 'young people jobs'] },
  { s: 'occupational-safety-card', n: ['Get a construction safety training certificate (green card)', '申領建造業安全訓練證明書（平安咭）', '申领建造业安全训练证明书（平安咭）'],
    m: ['Construction workers must complete mandatory safety training.', '建造業工人必須完成強制性安全訓練。', '建造业工人必须完成强制性安全训练。'],
    c: ['employment', 'safety'], e: ['employee'], d: ['hkid', 'photo'], fee: 150, days: 0, on: 'none', k: ['green card', '平安咭', '平安卡'] },
  { s: 'foreign-domestic-helper-guide', n: ['Employ a foreign domestic helper', '僱用外籍家庭傭工', '雇用外籍家庭佣工'],
    m: ['Your duties as an employer: the standard contract, minimum wage and rest days.', '了解僱主責任：標準合約、規定最低工資及休息日。', '了解雇主责任：标准合约、规定最低工资及休息日。'],
    c: ['employment', 'family'], e: ['employer'], d: ['contract'], fee: 0, days: 0, on: 'elsewhere', url: 'https://www.fdh.labour.gov.hk', k: ['maid', 'helper', 'FDH', '外傭', '外佣', '工人姐姐'] },
]);

export const retraining = servicesOf('employees-retraining-board', [
  { s: 'erb-training-course', n: ['Enrol on a retraining course', '報讀再培訓課程', '报读再培训课程'],
    m: ['Free or low-cost vocational courses for adults aged 15 or over without a degree.', '為15歲或以上、非學位程度的成年人提供免費或低收費職業課程。', '为15岁或以上、非学位程度的成年人提供免费或低收费职业课程。'],
    c: ['employment', 'education'], l: ['looking-for-work', 'retiring'], e: ['resident'], d: ['hkid'], fee: 0, days: 14, on: 'elsewhere', url: 'https://www.erb.org/courses', k: ['ERB', 'retraining', 'vocational training', '再培訓', '再培训'] },
  { s: 'erb-retraining-allowance', n: ['Get a retraining allowance while you study', '申領再培訓津貼', '申领再培训津贴'],
    m: ['Receive a daily allowance when you attend a full-time placement-tied course.', '修讀全日制就業掛鈎課程可獲發每日津貼。', '修读全日制就业挂钩课程可获发每日津贴。'],
    c: ['employment', 'welfare'], l: ['looking-for-work'], e: ['jobseeker'], d: ['hkid', 'bank'], fee: 0, days: 14, on: 'elsewhere', url: 'https://www.erb.org/allowance' },
  { s: 'erb-smart-living', n: ['Join a Smart Living skills course', '報讀「樂活一站」課程', '报读“乐活一站”课程'],
    m: ['Short courses such as home care, cooking and digital skills.', '家居照顧、烹飪及數碼技能等短期課程。', '家居照顾、烹饪及数码技能等短期课程。'],
    c: ['education', 'leisure'], l: ['retiring'], e: ['resident'], d: ['hkid'], fee: 200, days: 7, on: 'elsewhere', url: 'https://www.erb.org/smartliving' },
  { s: 'erb-career-guidance', n: ['Book a free career guidance session', '預約免費就業輔導', '预约免费就业辅导'],
    m: ['One-to-one advice on choosing a course and finding work.', '一對一建議選擇課程及求職。', '一对一建议选择课程及求职。'],
    c: ['employment'], l: ['looking-for-work'], e: ['jobseeker'], d: ['hkid'], fee: 0, days: 7, on: 'elsewhere', url: 'https://www.erb.org/guidance' },
]);
