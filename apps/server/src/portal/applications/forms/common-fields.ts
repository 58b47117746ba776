import { L, type FormField } from './schema.ts';

/**
 * Personal-detail fields most forms share, each filled from the matching e-ME claim when the
 * resident shared it at sign-in. Kept in one place so every form words them the same way.
 */
export const hkidPattern = {
  regex: '^[A-Z]{1,2}[0-9]{6}\\([0-9A]\\)$',
  message: L('Enter the identity card number like A123456(7)', '請按 A123456(7) 的格式輸入身份證號碼', '请按 A123456(7) 的格式输入身份证号码'),
};

export const fullName: FormField = { name: 'full_name', type: 'text', label: L('Full name', '英文全名', '英文全名'), hint: L('As shown on your identity card', '與身份證所載相同', '与身份证所载相同'), required: true, max: 100, prefill: 'name', autocomplete: 'name' };
export const chineseName: FormField = { name: 'chinese_name', type: 'text', label: L('Name in Chinese', '中文姓名', '中文姓名'), max: 20, prefill: 'yat:name_zh' };
export const idNumber: FormField = { name: 'id_number', type: 'text', label: L('Identity card number', '身份證號碼', '身份证号码'), required: true, pattern: hkidPattern, prefill: 'yat:id_number' };
export const birthdate: FormField = { name: 'birthdate', type: 'date', label: L('Date of birth', '出生日期', '出生日期'), required: true, when: 'past', prefill: 'birthdate', autocomplete: 'bday' };
export const phone: FormField = { name: 'phone', type: 'phone', label: L('Mobile phone number', '手提電話號碼', '手提电话号码'), hint: L('8 digits, for example 9123 4567', '8 位數字，例如 9123 4567', '8 位数字，例如 9123 4567'), required: true, prefill: 'phone_number', autocomplete: 'tel' };
export const email: FormField = { name: 'email', type: 'email', label: L('Email address', '電郵地址', '电邮地址'), hint: L('We will send updates about your application here', '我們會把申請進度電郵至此地址', '我们会把申请进度电邮至此地址'), required: true, max: 200, prefill: 'email', autocomplete: 'email' };
export const address: FormField = { name: 'address', type: 'textarea', label: L('Residential address', '住址', '住址'), required: true, max: 300, prefill: 'address.formatted', autocomplete: 'street-address' };

export const applicantFields = [fullName, idNumber, birthdate, phone, email] as const;
