/**
 * Registration counters and service centres: where a resident goes in person to reach the
 * plus level or to recover a lost wallet. Plausible places across the city's 18 districts
 * (post offices, immigration and district offices, libraries, a mobile counter at the
 * convention centre), in the three languages. Seeded into the `counters` table at start-up,
 * which the open-data capability publishes (GeoJSON, a map).
 *
 * `openingHours` uses the OpenStreetMap `opening_hours` syntax, which map tools read as is.
 */
export type Text3 = { en: string; 'zh-Hant': string; 'zh-Hans': string };
export type CounterService = 'upgrade' | 'recovery' | 'registration_help';
export type CounterKind = 'counter' | 'service_centre' | 'mobile';

export type District = { id: string; name: Text3 };

export const districts: District[] = [
  { id: 'central-western', name: { en: 'Central and Western', 'zh-Hant': '中西區', 'zh-Hans': '中西区' } },
  { id: 'wan-chai', name: { en: 'Wan Chai', 'zh-Hant': '灣仔', 'zh-Hans': '湾仔' } },
  { id: 'eastern', name: { en: 'Eastern', 'zh-Hant': '東區', 'zh-Hans': '东区' } },
  { id: 'southern', name: { en: 'Southern', 'zh-Hant': '南區', 'zh-Hans': '南区' } },
  { id: 'yau-tsim-mong', name: { en: 'Yau Tsim Mong', 'zh-Hant': '油尖旺', 'zh-Hans': '油尖旺' } },
  { id: 'sham-shui-po', name: { en: 'Sham Shui Po', 'zh-Hant': '深水埗', 'zh-Hans': '深水埗' } },
  { id: 'kowloon-city', name: { en: 'Kowloon City', 'zh-Hant': '九龍城', 'zh-Hans': '九龙城' } },
  { id: 'wong-tai-sin', name: { en: 'Wong Tai Sin', 'zh-Hant': '黃大仙', 'zh-Hans': '黄大仙' } },
  { id: 'kwun-tong', name: { en: 'Kwun Tong', 'zh-Hant': '觀塘', 'zh-Hans': '观塘' } },
  { id: 'kwai-tsing', name: { en: 'Kwai Tsing', 'zh-Hant': '葵青', 'zh-Hans': '葵青' } },
  { id: 'tsuen-wan', name: { en: 'Tsuen Wan', 'zh-Hant': '荃灣', 'zh-Hans': '荃湾' } },
  { id: 'tuen-mun', name: { en: 'Tuen Mun', 'zh-Hant': '屯門', 'zh-Hans': '屯门' } },
  { id: 'yuen-long', name: { en: 'Yuen Long', 'zh-Hant': '元朗', 'zh-Hans': '元朗' } },
  { id: 'north', name: { en: 'North', 'zh-Hant': '北區', 'zh-Hans': '北区' } },
  { id: 'tai-po', name: { en: 'Tai Po', 'zh-Hant': '大埔', 'zh-Hans': '大埔' } },
  { id: 'sha-tin', name: { en: 'Sha Tin', 'zh-Hant': '沙田', 'zh-Hans': '沙田' } },
  { id: 'sai-kung', name: { en: 'Sai Kung', 'zh-Hant': '西貢', 'zh-Hans': '西贡' } },
  { id: 'islands', name: { en: 'Islands', 'zh-Hant': '離島', 'zh-Hans': '离岛' } },
];

export type Place = {
  id: string;
  kind: CounterKind;
  district: string;
  name: Text3;
  address: Text3;
  lat: number;
  lon: number;
  openingHours: string;
  services: CounterService[];
  phone: string;
};

const POST = 'Mo-Fr 09:30-17:00; Sa 09:30-13:00; Su,PH off';
const OFFICE = 'Mo-Fr 09:00-17:30; Sa 09:00-12:00; Su,PH off';
const LONG = 'Mo-Sa 08:45-19:00; Su,PH off';
const all: CounterService[] = ['upgrade', 'recovery', 'registration_help'];
const upgradeOnly: CounterService[] = ['upgrade', 'registration_help'];

type Row = [id: string, kind: CounterKind, district: string, lat: number, lon: number, hours: string, services: CounterService[], phone: string, name: Text3, address: Text3];
const t = (en: string, hant: string, hans: string): Text3 => ({ en, 'zh-Hant': hant, 'zh-Hans': hans });

const rows: Row[] = [
  ['gpo', 'counter', 'central-western', 22.2849, 114.1587, POST, all, '+85229212222', t('General Post Office registration counter', '郵政總局登記櫃位', '邮政总局登记柜位'), t('2 Connaught Place, Central', '中環康樂廣場2號', '中环康乐广场2号')],
  ['admiralty-immd', 'service_centre', 'central-western', 22.2794, 114.1651, LONG, all, '+85228246111', t('Admiralty identity service centre', '金鐘身份服務中心', '金钟身份服务中心'), t('2/F, Admiralty Centre Tower 1, 18 Harcourt Road', '夏慤道18號海富中心第一座2樓', '夏悫道18号海富中心第一座2楼')],
  ['sheung-wan-po', 'counter', 'central-western', 22.2867, 114.1505, POST, upgradeOnly, '+85229212222', t('Sheung Wan Post Office', '上環郵政局', '上环邮政局'), t('Shop 1, Western Market, 323 Des Voeux Road Central', '德輔道中323號西港城1號舖', '德辅道中323号西港城1号铺')],
  ['wan-chai-po', 'counter', 'wan-chai', 22.2783, 114.1747, POST, all, '+85229212222', t('Wan Chai Post Office', '灣仔郵政局', '湾仔邮政局'), t('221 Queen\'s Road East, Wan Chai', '灣仔皇后大道東221號', '湾仔皇后大道东221号')],
  ['hkcec-mobile', 'mobile', 'wan-chai', 22.2829, 114.1733, 'Mo-Su 10:00-18:00', upgradeOnly, '+85225828888', t('Convention Centre mobile counter (during exhibitions)', '會議展覽中心流動櫃位（展覽期間）', '会议展览中心流动柜位（展览期间）'), t('Entrance Hall, 1 Expo Drive, Wan Chai', '灣仔博覽道1號入口大堂', '湾仔博览道1号入口大堂')],
  ['wan-chai-do', 'service_centre', 'wan-chai', 22.2795, 114.1714, OFFICE, all, '+85228353535', t('Wan Chai District Office enquiry centre', '灣仔民政事務處諮詢服務中心', '湾仔民政事务处咨询服务中心'), t('21/F, Southorn Centre, 130 Hennessy Road', '軒尼詩道130號修頓中心21樓', '轩尼诗道130号修顿中心21楼')],
  ['north-point-po', 'counter', 'eastern', 22.2913, 114.2003, POST, all, '+85229212222', t('North Point Post Office', '北角郵政局', '北角邮政局'), t('G/F, Kiu Fai Mansion, 413 King\'s Road', '英皇道413號僑輝大廈地下', '英皇道413号侨辉大厦地下')],
  ['chai-wan-library', 'service_centre', 'eastern', 22.2645, 114.2377, 'Mo-Sa 10:00-19:00; Su 10:00-17:00', upgradeOnly, '+85228970223', t('Chai Wan Public Library service point', '柴灣公共圖書館服務點', '柴湾公共图书馆服务点'), t('6/F, Chai Wan Municipal Services Building, 338 Chai Wan Road', '柴灣道338號柴灣市政大廈6樓', '柴湾道338号柴湾市政大厦6楼')],
  ['aberdeen-po', 'counter', 'southern', 22.2482, 114.1548, POST, all, '+85229212222', t('Aberdeen Post Office', '香港仔郵政局', '香港仔邮政局'), t('G/F, Aberdeen Municipal Services Building, 203 Aberdeen Main Road', '香港仔大道203號香港仔市政大廈地下', '香港仔大道203号香港仔市政大厦地下')],
  ['stanley-do', 'service_centre', 'southern', 22.2187, 114.2115, OFFICE, upgradeOnly, '+85228142424', t('Southern District Office (Stanley sub-office)', '南區民政事務處（赤柱分處）', '南区民政事务处（赤柱分处）'), t('6 Stanley Market Road, Stanley', '赤柱市場道6號', '赤柱市场道6号')],
  ['tst-po', 'counter', 'yau-tsim-mong', 22.2976, 114.1713, POST, all, '+85229212222', t('Tsim Sha Tsui Post Office', '尖沙咀郵政局', '尖沙咀邮政局'), t('G/F, Hermes House, 10 Middle Road, Tsim Sha Tsui', '尖沙咀中間道10號好時中心地下', '尖沙咀中间道10号好时中心地下')],
  ['mong-kok-po', 'counter', 'yau-tsim-mong', 22.3193, 114.1697, POST, all, '+85229212222', t('Mong Kok Post Office', '旺角郵政局', '旺角邮政局'), t('G/F, 909 Canton Road, Mong Kok', '旺角廣東道909號地下', '旺角广东道909号地下')],
  ['kowloon-immd', 'service_centre', 'yau-tsim-mong', 22.3110, 114.1695, LONG, all, '+85228246111', t('Kowloon identity service centre', '九龍身份服務中心', '九龙身份服务中心'), t('1/F, 30 Gascoigne Road, Yau Ma Tei', '油麻地加士居道30號1樓', '油麻地加士居道30号1楼')],
  ['ssp-po', 'counter', 'sham-shui-po', 22.3303, 114.1626, POST, all, '+85229212222', t('Sham Shui Po Post Office', '深水埗郵政局', '深水埗邮政局'), t('G/F, 77 Yen Chow Street, Sham Shui Po', '深水埗欽州街77號地下', '深水埗钦州街77号地下')],
  ['cheung-sha-wan-do', 'service_centre', 'sham-shui-po', 22.3355, 114.1557, OFFICE, upgradeOnly, '+85228436888', t('Sham Shui Po District Office enquiry centre', '深水埗民政事務處諮詢服務中心', '深水埗民政事务处咨询服务中心'), t('G/F, Cheung Sha Wan Government Offices, 303 Cheung Sha Wan Road', '長沙灣道303號長沙灣政府合署地下', '长沙湾道303号长沙湾政府合署地下')],
  ['to-kwa-wan-po', 'counter', 'kowloon-city', 22.3172, 114.1880, POST, all, '+85229212222', t('To Kwa Wan Post Office', '土瓜灣郵政局', '土瓜湾邮政局'), t('G/F, 48 Ma Tau Kok Road, To Kwa Wan', '土瓜灣馬頭角道48號地下', '土瓜湾马头角道48号地下')],
  ['kowloon-city-library', 'service_centre', 'kowloon-city', 22.3283, 114.1905, 'Mo-Sa 10:00-19:00; Su 10:00-17:00', upgradeOnly, '+85229261084', t('Kowloon City Public Library service point', '九龍城公共圖書館服務點', '九龙城公共图书馆服务点'), t('2/F, 100 Nga Tsin Wai Road, Kowloon City', '九龍城衙前圍道100號2樓', '九龙城衙前围道100号2楼')],
  ['wts-po', 'counter', 'wong-tai-sin', 22.3416, 114.1937, POST, all, '+85229212222', t('Wong Tai Sin Post Office', '黃大仙郵政局', '黄大仙邮政局'), t('Shop 116, Wong Tai Sin Shopping Centre, Lower Wong Tai Sin Estate', '黃大仙下邨黃大仙中心116號舖', '黄大仙下邨黄大仙中心116号铺')],
  ['diamond-hill-do', 'service_centre', 'wong-tai-sin', 22.3402, 114.2015, OFFICE, upgradeOnly, '+85223282022', t('Wong Tai Sin District Office enquiry centre', '黃大仙民政事務處諮詢服務中心', '黄大仙民政事务处咨询服务中心'), t('G/F, Lung Cheung Office Block, 138 Lung Cheung Road', '龍翔道138號龍翔辦公大樓地下', '龙翔道138号龙翔办公大楼地下')],
  ['kwun-tong-po', 'counter', 'kwun-tong', 22.3125, 114.2255, POST, all, '+85229212222', t('Kwun Tong Post Office', '觀塘郵政局', '观塘邮政局'), t('G/F, 100 How Ming Street, Kwun Tong', '觀塘巧明街100號地下', '观塘巧明街100号地下')],
  ['kwun-tong-immd', 'service_centre', 'kwun-tong', 22.3094, 114.2245, LONG, all, '+85228246111', t('Kwun Tong identity service centre', '觀塘身份服務中心', '观塘身份服务中心'), t('6/F, Kwun Tong Government Offices, 6 Tung Yan Street', '同仁街6號觀塘政府合署6樓', '同仁街6号观塘政府合署6楼')],
  ['lam-tin-po', 'counter', 'kwun-tong', 22.3069, 114.2370, POST, upgradeOnly, '+85229212222', t('Lam Tin Post Office', '藍田郵政局', '蓝田邮政局'), t('Shop 201, Kai Tin Shopping Centre, Lam Tin', '藍田啟田商場201號舖', '蓝田启田商场201号铺')],
  ['kwai-chung-po', 'counter', 'kwai-tsing', 22.3637, 114.1312, POST, all, '+85229212222', t('Kwai Chung Post Office', '葵涌郵政局', '葵涌邮政局'), t('G/F, Kwai Hing Government Offices, 166 Hing Fong Road', '興芳路166號葵興政府合署地下', '兴芳路166号葵兴政府合署地下')],
  ['tsing-yi-po', 'counter', 'kwai-tsing', 22.3580, 114.1078, POST, upgradeOnly, '+85229212222', t('Tsing Yi Post Office', '青衣郵政局', '青衣邮政局'), t('Shop 105, Cheung Hang Shopping Centre, Tsing Yi', '青衣長亨商場105號舖', '青衣长亨商场105号铺')],
  ['tsuen-wan-po', 'counter', 'tsuen-wan', 22.3707, 114.1162, POST, all, '+85229212222', t('Tsuen Wan Post Office', '荃灣郵政局', '荃湾邮政局'), t('G/F, Tsuen Wan Government Offices, 38 Sai Lau Kok Road', '西樓角路38號荃灣政府合署地下', '西楼角路38号荃湾政府合署地下')],
  ['tsuen-wan-immd', 'service_centre', 'tsuen-wan', 22.3726, 114.1178, LONG, all, '+85228246111', t('Tsuen Wan identity service centre', '荃灣身份服務中心', '荃湾身份服务中心'), t('3/F, Tsuen Wan Multi-storey Carpark Building, 174-208 Castle Peak Road', '青山公路174至208號荃灣多層停車場大廈3樓', '青山公路174至208号荃湾多层停车场大厦3楼')],
  ['tuen-mun-po', 'counter', 'tuen-mun', 22.3917, 113.9770, POST, all, '+85229212222', t('Tuen Mun Central Post Office', '屯門中央郵政局', '屯门中央邮政局'), t('G/F, Tuen Mun Government Offices, 1 Tuen Hi Road', '屯喜路1號屯門政府合署地下', '屯喜路1号屯门政府合署地下')],
  ['tuen-mun-library', 'service_centre', 'tuen-mun', 22.3929, 113.9752, 'Mo-Sa 10:00-20:00; Su 10:00-19:00', upgradeOnly, '+85224509000', t('Tuen Mun Public Library service point', '屯門公共圖書館服務點', '屯门公共图书馆服务点'), t('1 Tuen Hi Road, Tuen Mun', '屯門屯喜路1號', '屯门屯喜路1号')],
  ['yuen-long-po', 'counter', 'yuen-long', 22.4445, 114.0247, POST, all, '+85229212222', t('Yuen Long Post Office', '元朗郵政局', '元朗邮政局'), t('G/F, Yuen Long Government Offices, 2 Kiu Lok Square', '橋樂坊2號元朗政府合署地下', '桥乐坊2号元朗政府合署地下')],
  ['tin-shui-wai-po', 'counter', 'yuen-long', 22.4581, 114.0027, POST, upgradeOnly, '+85229212222', t('Tin Shui Wai Post Office', '天水圍郵政局', '天水围邮政局'), t('Shop 1, Tin Shui Shopping Centre, Tin Shui Wai', '天水圍天瑞商場1號舖', '天水围天瑞商场1号铺')],
  ['yuen-long-immd', 'service_centre', 'yuen-long', 22.4425, 114.0286, LONG, all, '+85228246111', t('Yuen Long identity service centre', '元朗身份服務中心', '元朗身份服务中心'), t('2/F, Yuen Long Government Offices, 2 Kiu Lok Square', '橋樂坊2號元朗政府合署2樓', '桥乐坊2号元朗政府合署2楼')],
  ['sheung-shui-po', 'counter', 'north', 22.5020, 114.1283, POST, all, '+85229212222', t('Sheung Shui Post Office', '上水郵政局', '上水邮政局'), t('G/F, Shek Wu Hui Municipal Services Building, 13 Chi Cheong Road', '智昌路13號石湖墟市政大廈地下', '智昌路13号石湖墟市政大厦地下')],
  ['fanling-do', 'service_centre', 'north', 22.4927, 114.1384, OFFICE, upgradeOnly, '+85226755855', t('North District Office enquiry centre', '北區民政事務處諮詢服務中心', '北区民政事务处咨询服务中心'), t('G/F, North District Government Offices, 3 Pik Fung Road, Fanling', '粉嶺璧峰路3號北區政府合署地下', '粉岭璧峰路3号北区政府合署地下')],
  ['tai-po-po', 'counter', 'tai-po', 22.4506, 114.1648, POST, all, '+85229212222', t('Tai Po Post Office', '大埔郵政局', '大埔邮政局'), t('G/F, Tai Po Government Offices, 1 Ting Kok Road', '汀角路1號大埔政府合署地下', '汀角路1号大埔政府合署地下')],
  ['sha-tin-po', 'counter', 'sha-tin', 22.3817, 114.1889, POST, all, '+85229212222', t('Sha Tin Central Post Office', '沙田中央郵政局', '沙田中央邮政局'), t('Shop 1, Sha Tin Government Offices, 1 Sheung Wo Che Road', '上禾輋路1號沙田政府合署1號舖', '上禾輋路1号沙田政府合署1号铺')],
  ['sha-tin-immd', 'service_centre', 'sha-tin', 22.3830, 114.1898, LONG, all, '+85228246111', t('Sha Tin identity service centre', '沙田身份服務中心', '沙田身份服务中心'), t('3/F, Sha Tin Government Offices, 1 Sheung Wo Che Road', '上禾輋路1號沙田政府合署3樓', '上禾輋路1号沙田政府合署3楼')],
  ['ma-on-shan-po', 'counter', 'sha-tin', 22.4248, 114.2313, POST, upgradeOnly, '+85229212222', t('Ma On Shan Post Office', '馬鞍山郵政局', '马鞍山邮政局'), t('Shop 101, Heng On Shopping Centre, Ma On Shan', '馬鞍山恒安商場101號舖', '马鞍山恒安商场101号铺')],
  ['tko-po', 'counter', 'sai-kung', 22.3075, 114.2600, POST, all, '+85229212222', t('Tseung Kwan O Post Office', '將軍澳郵政局', '将军澳邮政局'), t('G/F, Tseung Kwan O Government Complex, 38 Pui Shing Road', '培成路38號將軍澳政府綜合大樓地下', '培成路38号将军澳政府综合大楼地下')],
  ['sai-kung-po', 'counter', 'sai-kung', 22.3816, 114.2730, POST, upgradeOnly, '+85229212222', t('Sai Kung Post Office', '西貢郵政局', '西贡邮政局'), t('G/F, Sai Kung Government Offices, 34 Chan Man Street', '親民街34號西貢政府合署地下', '亲民街34号西贡政府合署地下')],
  ['tung-chung-po', 'counter', 'islands', 22.2887, 113.9418, POST, all, '+85229212222', t('Tung Chung Post Office', '東涌郵政局', '东涌邮政局'), t('Shop 101, Fu Tung Shopping Centre, Tung Chung', '東涌富東商場101號舖', '东涌富东商场101号铺')],
  ['cheung-chau-do', 'service_centre', 'islands', 22.2101, 114.0287, OFFICE, upgradeOnly, '+85229811411', t('Islands District Office (Cheung Chau sub-office)', '離島民政事務處（長洲分處）', '离岛民政事务处（长洲分处）'), t('G/F, Cheung Chau Municipal Services Building, 2 Tung Wan Road', '東灣路2號長洲市政大廈地下', '东湾路2号长洲市政大厦地下')],
  ['airport-mobile', 'mobile', 'islands', 22.3148, 113.9347, 'Mo-Su 08:00-22:00', upgradeOnly, '+85221818888', t('Airport arrivals mobile counter', '機場抵港大堂流動櫃位', '机场抵港大堂流动柜位'), t('Arrivals Hall, Terminal 1, Hong Kong International Airport', '香港國際機場一號客運大樓抵港大堂', '香港国际机场一号客运大楼抵港大堂')],
];

export const places: Place[] = rows.map(([id, kind, district, lat, lon, openingHours, services, phone, name, address]) => ({ id, kind, district, name, address, lat, lon, openingHours, services, phone }));

export const districtOf = (id: string): District | undefined => districts.find((d) => d.id === id);
