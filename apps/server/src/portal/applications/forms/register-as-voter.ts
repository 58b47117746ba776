import { address, applicantFields, chineseName } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, type FormDefinition } from './schema.ts';

const districts = [
  ['central-western', 'Central and Western', '中西區', '中西区'],
  ['wan-chai', 'Wan Chai', '灣仔', '湾仔'],
  ['eastern', 'Eastern', '東區', '东区'],
  ['kowloon-city', 'Kowloon City', '九龍城', '九龙城'],
  ['sham-shui-po', 'Sham Shui Po', '深水埗', '深水埗'],
  ['sha-tin', 'Sha Tin', '沙田', '沙田'],
  ['tuen-mun', 'Tuen Mun', '屯門', '屯门'],
  ['yuen-long', 'Yuen Long', '元朗', '元朗'],
] as const;

export const registerAsVoter: FormDefinition = {
  slug: 'register-as-voter',
  department: departments.REO,
  title: L('Register as a voter', '登記成為選民', '登记成为选民'),
  intro: L(
    'Register as a geographical constituency elector. You must be a permanent resident aged 18 or over and ordinarily reside here.',
    '登記成為地方選區選民。你必須是年滿 18 歲並通常在本地居住的永久性居民。',
    '登记成为地方选区选民。你必须是年满 18 岁并通常在本地居住的永久性居民。',
  ),
  sections: [
    { id: 'applicant', title: L('Your details', '你的資料', '你的资料'), fields: [...applicantFields, chineseName] },
    {
      id: 'residence',
      title: L('Where you live', '你的居所', '你的居所'),
      fields: [
        { ...address, hint: L('Your only or main home; it decides your constituency', '你唯一或主要的居所，用以決定你的選區', '你唯一或主要的居所，用以决定你的选区') },
        { name: 'district', errors: { missing: L('Select your district', '請選擇你的地區', '请选择你的地区') }, type: 'select', label: L('District', '地區', '地区'), required: true, options: districts.map(([value, en, hant, hans]) => ({ value, label: L(en, hant, hans) })) },
        {
          name: 'mail_language', errors: { missing: L('Select the language for election mail', '請選擇選舉郵件的語言', '请选择选举邮件的语言') },
          type: 'radio',
          label: L('Language for election mail', '選舉郵件的語言', '选举邮件的语言'),
          required: true,
          options: [
            { value: 'en', label: L('English', '英文', '英文') },
            { value: 'zh', label: L('Chinese', '中文', '中文') },
          ],
        },
      ],
    },
  ],
  declaration: L(
    'I declare that I am a permanent resident, aged 18 or over, that the address given is my only or main home, and that the information given is true.',
    '本人聲明本人是年滿 18 歲的永久性居民，所提供的地址是本人唯一或主要的居所，而所提供的資料均屬真實。',
    '本人声明本人是年满 18 岁的永久性居民，所提供的地址是本人唯一或主要的居所，而所提供的资料均属真实。',
  ),
};
