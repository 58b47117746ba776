import { L, type FormField } from './schema.ts';

/**
 * Personal-detail fields most forms share, each filled from the matching e-ME claim when the
 * resident shared it at sign-in. Kept in one place so every form words them the same way.
 */
export const hkidPattern = {
  regex: '^[A-Z]{1,2}[0-9]{6}\\([0-9A]\\)$',
  message: L('Enter the identity card number like A123456(7)', '請按 A123456(7) 的格式輸入身份證號碼', '请按 A123456(7) 的格式输入身份证号码'),
};

export const fullName: FormField = { name: 'full_name', errors: { missing: L('Enter your full name', '請輸入你的英文全名', '请输入你的英文全名'), invalid: L('Your full name must be 100 characters or fewer', '英文全名不可超過 100 個字元', '英文全名不可超过 100 个字符') }, type: 'text', label: L('Full name', '英文全名', '英文全名'), hint: L('As shown on your identity card', '與身份證所載相同', '与身份证所载相同'), required: true, max: 100, prefill: 'name', autocomplete: 'name' };
export const chineseName: FormField = { name: 'chinese_name', errors: { invalid: L('Your name in Chinese must be 20 characters or fewer', '中文姓名不可超過 20 個字', '中文姓名不可超过 20 个字') }, type: 'text', label: L('Name in Chinese', '中文姓名', '中文姓名'), max: 20, prefill: 'yat:name_zh' };
export const idNumber: FormField = { name: 'id_number', errors: { missing: L('Enter your identity card number', '請輸入你的身份證號碼', '请输入你的身份证号码') }, type: 'text', label: L('Identity card number', '身份證號碼', '身份证号码'), required: true, pattern: hkidPattern, prefill: 'yat:id_number' };
export const birthdate: FormField = { name: 'birthdate', errors: { missing: L('Enter your date of birth', '請輸入你的出生日期', '请输入你的出生日期'), invalid: L('Your date of birth must be a real date in the past', '出生日期必須是過去的真實日期', '出生日期必须是过去的真实日期') }, type: 'date', label: L('Date of birth', '出生日期', '出生日期'), required: true, when: 'past', prefill: 'birthdate', autocomplete: 'bday' };
export const phone: FormField = { name: 'phone', errors: { missing: L('Enter your mobile phone number', '請輸入你的手提電話號碼', '请输入你的手提电话号码') }, type: 'phone', label: L('Mobile phone number', '手提電話號碼', '手提电话号码'), hint: L('8 digits, for example 9123 4567', '8 位數字，例如 9123 4567', '8 位数字，例如 9123 4567'), required: true, prefill: 'phone_number', autocomplete: 'tel' };
export const email: FormField = { name: 'email', errors: { missing: L('Enter your email address', '請輸入你的電郵地址', '请输入你的电邮地址'), invalid: L('Your email address must be 200 characters or fewer', '電郵地址不可超過 200 個字元', '电邮地址不可超过 200 个字符') }, type: 'email', label: L('Email address', '電郵地址', '电邮地址'), hint: L('We will send updates about your application here', '我們會把申請進度電郵至此地址', '我们会把申请进度电邮至此地址'), required: true, max: 200, prefill: 'email', autocomplete: 'email' };
export const address: FormField = { name: 'address', errors: { missing: L('Enter your residential address', '請輸入你的住址', '请输入你的住址'), invalid: L('Your address must be 300 characters or fewer', '住址不可超過 300 個字', '住址不可超过 300 个字') }, type: 'textarea', label: L('Residential address', '住址', '住址'), required: true, max: 300, prefill: 'address.formatted', autocomplete: 'street-address' };

export const applicantFields = [fullName, idNumber, birthdate, phone, email] as const;
