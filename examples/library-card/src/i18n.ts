/** The service's own words, in the three languages of the platform. */
export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';
export const langs: Lang[] = ['en', 'zh-Hant', 'zh-Hans'];
export const langNames: Record<Lang, string> = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' };

const en = {
  service: 'Public Libraries',
  title: 'Apply for a library card',
  intro: 'A library card lets you borrow books, e-books and music from every public library. Apply online in two minutes.',
  loginWithYat: 'Log in with Yat',
  loginHelp: 'You approve on your phone. We ask for your name; your date of birth, contact details and address are optional and fill in the form for you.',
  continueApplication: 'Continue your application',
  formTitle: 'Your library card application',
  prefilled: 'Filled in from your e-ME record with your consent. Fields you chose not to share are empty: fill them in yourself.',
  nameEn: 'Name in English',
  nameZh: 'Name in Chinese (optional)',
  birthdate: 'Date of birth',
  email: 'Email address',
  phone: 'Phone number',
  address: 'Postal address',
  branch: 'Home library',
  branches: { central: 'Central Library', kowloon: 'Kowloon Public Library', shatin: 'Sha Tin Public Library' },
  submit: 'Submit application',
  logout: 'Log out',
  required: 'Fill in this field.',
  errorSummary: 'There is a problem',
  receivedTitle: 'Application received',
  received: 'Your reference number is {ref}. Collect your card at {branch} with your identity card.',
  signedInAs: 'Logged in with Yat',
  declined: 'You did not log in. You can try again whenever you like.',
  loginFailed: 'The login could not be completed. Please try again.',
  endedByYat: 'You were logged out because your Yat session for this service ended: access was revoked in the Yat wallet or you signed out of Yat. Log in again to continue.',
  sessionEnded: 'You have been logged out.',
  back: 'Back to the start',
  language: 'Language',
  notFound: 'This page does not exist.',
};
type Strings = typeof en;

const zhHant: Strings = {
  service: '公共圖書館',
  title: '申請圖書證',
  intro: '圖書證讓你在所有公共圖書館借閱圖書、電子書及音樂。網上申請只需兩分鐘。',
  loginWithYat: '以 Yat 登入',
  loginHelp: '你會在手機上批准。我們會要求你的姓名；出生日期、聯絡資料及地址可選擇提供，並會為你填寫表格。',
  continueApplication: '繼續申請',
  formTitle: '你的圖書證申請',
  prefilled: '已在你同意下以 e-ME 資料填寫。你選擇不提供的欄位留空，請自行填寫。',
  nameEn: '英文姓名',
  nameZh: '中文姓名（可選）',
  birthdate: '出生日期',
  email: '電郵地址',
  phone: '電話號碼',
  address: '通訊地址',
  branch: '所屬圖書館',
  branches: { central: '中央圖書館', kowloon: '九龍公共圖書館', shatin: '沙田公共圖書館' },
  submit: '提交申請',
  logout: '登出',
  required: '請填寫此欄。',
  errorSummary: '資料有問題',
  receivedTitle: '已收到申請',
  received: '你的參考編號是 {ref}。請帶同身份證到{branch}領取圖書證。',
  signedInAs: '已以 Yat 登入',
  declined: '你沒有登入。你可隨時再試。',
  loginFailed: '未能完成登入，請再試。',
  endedByYat: '由於你在壹的登入已結束（你在壹錢包撤銷了本服務的存取權，或已登出壹），你已被登出。如要繼續，請再次登入。',
  sessionEnded: '你已登出。',
  back: '返回首頁',
  language: '語言',
  notFound: '此頁不存在。',
};

const zhHans: Strings = {
  service: '公共图书馆',
  title: '申请图书证',
  intro: '图书证让你在所有公共图书馆借阅图书、电子书及音乐。网上申请只需两分钟。',
  loginWithYat: '以 Yat 登录',
  loginHelp: '你会在手机上批准。我们会要求你的姓名；出生日期、联络资料及地址可选择提供，并会为你填写表格。',
  continueApplication: '继续申请',
  formTitle: '你的图书证申请',
  prefilled: '已在你同意下以 e-ME 资料填写。你选择不提供的栏位留空，请自行填写。',
  nameEn: '英文姓名',
  nameZh: '中文姓名（可选）',
  birthdate: '出生日期',
  email: '电邮地址',
  phone: '电话号码',
  address: '通讯地址',
  branch: '所属图书馆',
  branches: { central: '中央图书馆', kowloon: '九龙公共图书馆', shatin: '沙田公共图书馆' },
  submit: '提交申请',
  logout: '登出',
  required: '请填写此栏。',
  errorSummary: '资料有问题',
  receivedTitle: '已收到申请',
  received: '你的参考编号是 {ref}。请带同身份证到{branch}领取图书证。',
  signedInAs: '已以 Yat 登录',
  declined: '你没有登录。你可随时再试。',
  loginFailed: '未能完成登录，请再试。',
  endedByYat: '由于你在壹的登录已结束（你在壹钱包撤销了本服务的访问权，或已退出壹），你已被登出。如要继续，请再次登录。',
  sessionEnded: '你已登出。',
  back: '返回首页',
  language: '语言',
  notFound: '此页不存在。',
};

export const strings: Record<Lang, Strings> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };
export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (langs as string[]).includes(v);

/** ?lang= first, then the remembered choice, then the browser's preference. */
export function pickLang(query: string | null, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  const al = (acceptLanguage ?? '').toLowerCase();
  if (/zh-(hans|cn|sg)/.test(al)) return 'zh-Hans';
  if (/zh/.test(al)) return 'zh-Hant';
  return 'en';
}
