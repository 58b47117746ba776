import { servicesOf } from './define.ts';

const edb = 'https://www.edb.gov.hk/en';
const sfo = 'https://www.wfsfaa.gov.hk/sfo/en';

/** Education Bureau and the Student Finance Office (WFSFAA). */
export const educationBureau = servicesOf('education-bureau', [
  { s: 'primary-one-admission', n: ['Apply for a Primary One school place', '申請小一學位', '申请小一学位'],
    m: ['Apply for a place in a government or aided primary school for your child.', '為子女申請官立或資助小學的一年級學位。', '为子女申请官立或资助小学的一年级学位。'],
    c: ['education'], l: ['starting-school'], e: ['parent'], d: ['birthCert', 'address', 'photo'], fee: 0, days: 180, on: 'elsewhere', url: `${edb}/poa`, pop: 15, k: ['POA', 'primary school place', '小一派位', '小一入學', '小一入学'] },
  { s: 'secondary-school-places-allocation', n: ['Secondary school places allocation', '中學學位分配', '中学学位分配'],
    m: ['Choose secondary schools for your child in Primary 6.', '為小六子女選擇中學。', '为小六子女选择中学。'],
    c: ['education'], l: ['starting-school'], e: ['parent'], d: ['birthCert', 'school'], fee: 0, days: 180, on: 'elsewhere', url: `${edb}/ssp`, k: ['SSPA', '中一派位'] },
  { s: 'kindergarten-admission-registration', n: ['Get a kindergarten admission registration form', '申請幼稚園入學註冊證', '申请幼稚园入学注册证'],
    m: ['You need this form to confirm your child\u2019s kindergarten place.', '確認子女的幼稚園學位時須使用此註冊證。', '确认子女的幼稚园学位时须使用此注册证。'],
    c: ['education'], l: ['starting-school', 'having-a-baby'], e: ['parent'], d: ['birthCert', 'hkid'], fee: 0, days: 30, on: 'elsewhere', url: `${edb}/kg`, k: ['kindergarten', 'K1', '幼稚園', '幼稚园'] },
  { s: 'school-place-for-newcomers', n: ['Find a school place for a newly arrived child', '為新來港兒童安排學位', '为新来港儿童安排学位'],
    m: ['Help placing children who have just arrived in Hong Kong in a suitable school.', '協助剛抵港兒童入讀合適的學校。', '协助刚抵港儿童入读合适的学校。'],
    c: ['education'], l: ['new-to-hong-kong', 'starting-school'], e: ['parent'], d: ['passport', 'school'], fee: 0, days: 21, on: 'none' },
  { s: 'register-private-school', n: ['Register a school or tutoring centre', '註冊學校或補習社', '注册学校或补习社'],
    m: ['Schools and tutoring centres teaching 20 or more people a day must be registered.', '每日教授20人或以上的學校或補習社必須註冊。', '每日教授20人或以上的学校或补习社必须注册。'],
    c: ['education', 'business'], l: ['starting-a-business'], e: ['business'], d: ['br', 'floorPlan'], fee: 0, days: 60, on: 'none', k: ['tutorial centre', '補習社', '补习社'] },
  { s: 'teacher-registration', n: ['Register as a teacher', '申請註冊教員', '申请注册教员'],
    m: ['Teachers need to register before teaching in a Hong Kong school.', '在香港學校任教前須註冊為教員。', '在香港学校任教前须注册为教员。'],
    c: ['education', 'employment'], e: ['resident'], d: ['hkid', 'school'], fee: 0, days: 30, on: 'elsewhere', url: `${edb}/teacher` },
  { s: 'home-school-cooperation-complaint', n: ['Make a complaint about a school', '投訴學校', '投诉学校'],
    m: ['Raise a concern about a school if talking to the school has not solved it.', '如與學校溝通未能解決問題，可向教育局提出投訴。', '如与学校沟通未能解决问题，可向教育局提出投诉。'],
    c: ['education'], e: ['parent'], d: ['none'], fee: 0, days: 30, on: 'elsewhere', url: `${edb}/complaints`, id: false },
]);

export const studentFinance = servicesOf('student-finance-office', [
  { s: 'school-textbook-assistance', n: ['Apply for school textbook assistance', '申請學校書簿津貼', '申请学校书簿津贴'],
    m: ['Help with textbooks and school costs for primary and secondary students from low-income families.', '為低收入家庭的中小學生提供書簿及學習開支資助。', '为低收入家庭的中小学生提供书簿及学习开支资助。'],
    c: ['education', 'welfare'], l: ['starting-school'], e: ['student', 'meansTest'], d: ['hkid', 'birthCert', 'income'], fee: 0, days: 60, on: 'elsewhere', url: `${sfo}/primarysecondary/tas`, k: ['book allowance', '書簿津貼', '书簿津贴'] },
  { s: 'student-travel-subsidy', n: ['Apply for student travel subsidy', '申請學生車船津貼', '申请学生车船津贴'],
    m: ['Help with the cost of travelling to school for students who live far away.', '為居所距離學校較遠的學生提供交通費資助。', '为居所距离学校较远的学生提供交通费资助。'],
    c: ['education', 'transport'], l: ['starting-school'], e: ['student', 'meansTest'], d: ['hkid', 'school', 'income'], fee: 0, days: 60, on: 'elsewhere', url: `${sfo}/primarysecondary/sts`, k: ['travel allowance', '車船津貼', '车船津贴'] },
  { s: 'tertiary-student-finance', n: ['Apply for a grant and loan for university', '申請大專學生資助', '申请大专学生资助'],
    m: ['Means-tested grants and low-interest loans for full-time students at publicly funded universities.', '為資助院校的全日制學生提供經濟審查的助學金及低息貸款。', '为资助院校的全日制学生提供经济审查的助学金及低息贷款。'],
    c: ['education'], e: ['student', 'meansTest'], d: ['hkid', 'school', 'income', 'bank'], fee: 0, days: 90, on: 'elsewhere', url: `${sfo}/tertiary/tsfs`, pop: 16, k: ['student loan', 'grant', 'TSFS', '學生貸款', '学生贷款', '助學金', '助学金'] },
  { s: 'non-means-tested-loan', n: ['Apply for a non-means-tested student loan', '申請免入息審查貸款', '申请免入息审查贷款'],
    m: ['A loan for tuition fees that does not depend on your family\u2019s income.', '用於支付學費的貸款，不受家庭入息限制。', '用于支付学费的贷款，不受家庭入息限制。'],
    c: ['education'], e: ['student'], d: ['hkid', 'school', 'bank'], fee: 0, days: 60, on: 'elsewhere', url: `${sfo}/tertiary/nlsft`, k: ['NLSFT', '免審貸款', '免审贷款'] },
  { s: 'kindergarten-fee-remission', n: ['Apply for kindergarten fee remission', '申請幼稚園學費減免', '申请幼稚园学费减免'],
    m: ['Help with kindergarten school fees for families on a low income.', '為低收入家庭提供幼稚園學費減免。', '为低收入家庭提供幼稚园学费减免。'],
    c: ['education', 'welfare'], l: ['starting-school'], e: ['parent', 'meansTest'], d: ['hkid', 'birthCert', 'income'], fee: 0, days: 60, on: 'elsewhere', url: `${sfo}/preprimary/kcfrs` },
  { s: 'working-family-allowance', n: ['Apply for Working Family Allowance', '申請在職家庭津貼', '申请在职家庭津贴'],
    m: ['Monthly help for working households on a low income, with extra for children.', '為低收入在職家庭提供每月津貼，兒童可獲額外津貼。', '为低收入在职家庭提供每月津贴，儿童可获额外津贴。'],
    c: ['welfare', 'employment'], l: ['having-a-baby'], e: ['resident', 'lowIncome', 'employee'], d: ['hkid', 'income', 'bank', 'birthCert'], fee: 0, days: 60, on: 'elsewhere', url: 'https://www.wfsfaa.gov.hk/wfao/en', pop: 17, k: ['WFA', '職津', '职津'] },
  { s: 'repay-student-loan', n: ['Repay your student loan', '償還學生貸款', '偿还学生贷款'],
    m: ['Check your balance, change your repayment plan or ask to defer payments.', '查閱貸款結欠、更改還款計劃或申請延遲還款。', '查阅贷款结欠、更改还款计划或申请延迟还款。'],
    c: ['education'], e: ['registered'], d: ['hkid', 'notice'], fee: 0, days: 14, on: 'elsewhere', url: `${sfo}/repayment`, k: ['loan repayment', '還款', '还款'] },
  { s: 'cyberport-internet-subsidy', n: ['Apply for the student internet access subsidy', '申請上網費津貼', '申请上网费津贴'],
    m: ['Help with home internet costs for students from low-income families.', '為低收入家庭的學生提供家居上網費津貼。', '为低收入家庭的学生提供家居上网费津贴。'],
    c: ['education', 'welfare'], e: ['student', 'meansTest'], d: ['hkid', 'income'], fee: 0, days: 60, on: 'elsewhere', url: `${sfo}/primarysecondary/sfia` },
]);
