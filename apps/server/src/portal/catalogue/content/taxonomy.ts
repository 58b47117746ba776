import type { Topic } from '../model.ts';

/** Ways of browsing by subject. Slugs are stable URLs (/categories/<slug>). */
export const categories: readonly Topic[] = [
  { slug: 'transport', name: ['Transport and driving', '交通及駕駛', '交通及驾驶'], summary: ['Driving licences, vehicles, parking, ships and flying.', '駕駛執照、車輛、泊車、船舶及航空。', '驾驶执照、车辆、泊车、船舶及航空。'] },
  { slug: 'identity-immigration', name: ['Identity, travel and immigration', '身份證明、旅遊及入境', '身份证明、旅游及入境'], summary: ['Identity cards, passports, visas and records of births, deaths and marriages.', '身份證、護照、簽證及出生、死亡和婚姻紀錄。', '身份证、护照、签证及出生、死亡和婚姻记录。'] },
  { slug: 'tax', name: ['Tax and rates', '稅務及差餉', '税务及差饷'], summary: ['Salaries tax, profits tax, stamp duty, rates and government rent.', '薪俸稅、利得稅、印花稅、差餉及地租。', '薪俸税、利得税、印花税、差饷及地租。'] },
  { slug: 'housing', name: ['Housing', '房屋', '房屋'], summary: ['Public rental housing, subsidised flats and tenancy matters.', '公共租住房屋、資助出售房屋及租務事宜。', '公共租住房屋、资助出售房屋及租务事宜。'] },
  { slug: 'health', name: ['Health', '健康', '健康'], summary: ['Vaccinations, health checks, medical records and health vouchers.', '疫苗接種、健康檢查、醫療紀錄及醫療券。', '疫苗接种、健康检查、医疗记录及医疗券。'] },
  { slug: 'welfare', name: ['Benefits and social welfare', '福利及社會保障', '福利及社会保障'], summary: ['Allowances, financial help, elderly care and family support.', '津貼、經濟援助、安老服務及家庭支援。', '津贴、经济援助、安老服务及家庭支援。'] },
  { slug: 'elections', name: ['Elections and voting', '選舉及投票', '选举及投票'], summary: ['Register to vote, check or change your registration, and find your polling station.', '登記做選民、查閱或更改登記資料及查詢投票站。', '登记做选民、查阅或更改登记资料及查询投票站。'] },
  { slug: 'business', name: ['Business and trade', '商業及貿易', '商业及贸易'], summary: ['Registering and running a business, companies, trade marks, import and export.', '商業登記及經營、公司、商標、進出口。', '商业登记及经营、公司、商标、进出口。'] },
  { slug: 'employment', name: ['Jobs and employment', '就業及勞工', '就业及劳工'], summary: ['Finding work, training, employment rights and workplace safety.', '求職、培訓、僱傭權益及職業安全。', '求职、培训、雇佣权益及职业安全。'] },
  { slug: 'education', name: ['Education and student finance', '教育及學生資助', '教育及学生资助'], summary: ['School places, student grants and loans, and exams.', '學位分配、學生資助及貸款、考試。', '学位分配、学生资助及贷款、考试。'] },
  { slug: 'leisure', name: ['Culture, sport and leisure', '文化、體育及康樂', '文化、体育及康乐'], summary: ['Libraries, sports facilities, museums, parks and camping.', '圖書館、體育設施、博物館、公園及露營。', '图书馆、体育设施、博物馆、公园及露营。'] },
  { slug: 'environment', name: ['Environment, food and hygiene', '環境、食物及衞生', '环境、食物及卫生'], summary: ['Food licences, waste, pollution, water supply, animals and plants.', '食物牌照、廢物、污染、供水、動物及植物。', '食物牌照、废物、污染、供水、动物及植物。'] },
  { slug: 'safety', name: ['Police, safety and justice', '警務、安全及法律', '警务、安全及法律'], summary: ['Reporting crime, certificates of no criminal conviction, fire safety and legal aid.', '報案、無犯罪紀錄證明書、消防安全及法律援助。', '报案、无犯罪记录证明书、消防安全及法律援助。'] },
  { slug: 'land-property', name: ['Land, buildings and property', '土地、樓宇及物業', '土地、楼宇及物业'], summary: ['Land searches, building works, property valuations and land leases.', '土地查冊、建築工程、物業估價及土地契約。', '土地查册、建筑工程、物业估价及土地契约。'] },
  { slug: 'family', name: ['Births, marriages and family', '出生、婚姻及家庭', '出生、婚姻及家庭'], summary: ['Registering a birth, getting married, adoption and child care.', '出生登記、結婚、領養及幼兒照顧。', '出生登记、结婚、领养及幼儿照顾。'] },
];

/** Moments in life that need several services from several departments at once. */
export const lifeEvents: readonly Topic[] = [
  { slug: 'having-a-baby', name: ['Having a baby', '生育子女', '生育子女'], summary: ['Register the birth, get a birth certificate and identity documents, and find help with child care.', '辦理出生登記、領取出生證明書及身份證明文件，以及尋找幼兒照顧支援。', '办理出生登记、领取出生证明书及身份证明文件，以及寻找幼儿照顾支援。'] },
  { slug: 'starting-a-business', name: ['Starting a business', '開辦業務', '开办业务'], summary: ['Register your business, set up a company, get licences and hire staff.', '辦理商業登記、成立公司、申領牌照及聘請員工。', '办理商业登记、成立公司、申领牌照及聘请员工。'] },
  { slug: 'moving-home', name: ['Moving home', '搬屋', '搬家'], summary: ['Tell the government your new address, update your voter registration and set up water.', '通知政府新地址、更新選民登記及開立水錶帳戶。', '通知政府新地址、更新选民登记及开立水表账户。'] },
  { slug: 'retiring', name: ['Retiring', '退休', '退休'], summary: ['Old age allowances, health vouchers, elderly cards and concessions.', '高齡津貼、醫療券、長者咭及各項優惠。', '高龄津贴、医疗券、长者咭及各项优惠。'] },
  { slug: 'starting-school', name: ['Starting school', '子女入學', '子女入学'], summary: ['Kindergarten and primary school places, student grants and travel subsidies.', '幼稚園及小一學位、學生資助及車船津貼。', '幼稚园及小一学位、学生资助及车船津贴。'] },
  { slug: 'looking-for-work', name: ['Looking for work', '求職', '求职'], summary: ['Job search, retraining, unemployment help and employment rights.', '求職、再培訓、失業援助及僱傭權益。', '求职、再培训、失业援助及雇佣权益。'] },
  { slug: 'getting-married', name: ['Getting married', '結婚', '结婚'], summary: ['Give notice of marriage, book a ceremony and get a marriage certificate.', '遞交擬結婚通知書、預約婚禮及領取結婚證書。', '递交拟结婚通知书、预约婚礼及领取结婚证书。'] },
  { slug: 'new-to-hong-kong', name: ['New to Hong Kong', '初到香港', '初到香港'], summary: ['Identity card, visas, tax, health care and getting around.', '身份證、簽證、稅務、醫療及交通。', '身份证、签证、税务、医疗及交通。'] },
  { slug: 'turning-18', name: ['Turning 18', '年滿18歲', '年满18岁'], summary: ['Register to vote, replace your identity card and learn to drive.', '登記做選民、換領身份證及學習駕駛。', '登记做选民、换领身份证及学习驾驶。'] },
  { slug: 'bereavement', name: ['When someone dies', '親人離世', '亲人离世'], summary: ['Register a death, arrange a funeral and deal with the estate.', '辦理死亡登記、安排殯葬及處理遺產。', '办理死亡登记、安排殡葬及处理遗产。'] },
  { slug: 'buying-a-home', name: ['Buying a home', '置業', '置业'], summary: ['Stamp duty, land searches, rates and subsidised home ownership.', '印花稅、土地查冊、差餉及資助自置居所。', '印花税、土地查册、差饷及资助自置居所。'] },
  { slug: 'learning-to-drive', name: ['Learning to drive', '學車', '学车'], summary: ['Learner licence, driving test and your first full licence.', '學習駕駛執照、駕駛考試及正式駕駛執照。', '学习驾驶执照、驾驶考试及正式驾驶执照。'] },
];
