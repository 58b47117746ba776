import { address, email, fullName, idNumber, phone } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, type FormDefinition } from './schema.ts';

export const certifiedCopyBirthRecord: FormDefinition = {
  slug: 'certified-copy-birth-record',
  department: departments.IMMD,
  title: L('Get a certified copy of a birth record', '申請出生登記記項核證副本', '申请出生登记记项核证副本'),
  intro: L('Order certified copies of a birth entry. Each copy costs HK$140.', '申請出生登記記錄的核證副本，每份 140 港元。', '申请出生登记记录的核证副本，每份 140 港元。'),
  sections: [
    { id: 'applicant', title: L('Your details', '你的資料', '你的资料'), fields: [fullName, idNumber, phone, email] },
    {
      id: 'relationship',
      title: L('Whose record', '申請哪一位的記錄', '申请哪一位的记录'),
      fields: [
        {
          name: 'relationship', errors: { missing: L('Select whose birth record it is', '請選擇出生記錄屬於誰', '请选择出生记录属于谁') },
          type: 'radio',
          label: L('Whose birth record is it?', '出生記錄屬於誰？', '出生记录属于谁？'),
          required: true,
          options: [
            { value: 'self', label: L('My own', '本人', '本人') },
            { value: 'child', label: L('My child', '我的子女', '我的子女') },
            { value: 'other', label: L('Someone else, with their written consent', '其他人（須有其書面同意）', '其他人（须有其书面同意）') },
          ],
        },
        {
          name: 'consent_letter', errors: { missing: L('Upload the letter of consent from the person named on the record', '請上載當事人的同意書', '请上载当事人的同意书') },
          type: 'file',
          label: L('Letter of consent from the person named', '當事人的同意書', '当事人的同意书'),
          hint: L('PDF, JPG or PNG, up to 5 MB', 'PDF、JPG 或 PNG，最大 5 MB', 'PDF、JPG 或 PNG，最大 5 MB'),
          required: true,
          showIf: { field: 'relationship', equals: 'other' },
        },
        { name: 'record_name', errors: { missing: L('Enter the name on the birth record', '請輸入出生記錄上的姓名', '请输入出生记录上的姓名'), invalid: L('The name on the record must be 100 characters or fewer', '出生記錄上的姓名不可超過 100 個字元', '出生记录上的姓名不可超过 100 个字符') }, type: 'text', label: L('Name on the birth record', '出生記錄上的姓名', '出生记录上的姓名'), required: true, max: 100 },
        { name: 'record_birthdate', errors: { missing: L('Enter the date of birth on the record', '請輸入記錄上的出生日期', '请输入记录上的出生日期'), invalid: L('The date of birth on the record must be a real date in the past', '記錄上的出生日期必須是過去的真實日期', '记录上的出生日期必须是过去的真实日期') }, type: 'date', label: L('Date of birth on the record', '記錄上的出生日期', '记录上的出生日期'), required: true, when: 'past' },
        { name: 'copies', errors: { missing: L('Enter the number of copies you need', '請輸入所需副本數目', '请输入所需副本数目'), invalid: L('The number of copies must be between 1 and 5', '副本數目必須介乎 1 至 5 份', '副本数目必须介乎 1 至 5 份') }, type: 'number', label: L('Number of copies', '副本數目', '副本数目'), required: true, min: 1, max: 5 },
      ],
    },
    {
      id: 'delivery',
      title: L('Getting the copies', '領取副本', '领取副本'),
      fields: [
        {
          name: 'delivery', errors: { missing: L('Select how you want to receive the copies', '請選擇領取副本的方式', '请选择领取副本的方式') },
          type: 'radio',
          label: L('How do you want to receive them?', '你希望以甚麼方式領取？', '你希望以什么方式领取？'),
          required: true,
          options: [
            { value: 'post', label: L('By post', '郵寄', '邮寄') },
            { value: 'counter', label: L('Collect at the Births Registry', '親臨出生登記處領取', '亲临出生登记处领取') },
          ],
        },
        { ...address, name: 'postal_address', errors: { missing: L('Enter the postal address', '請輸入郵寄地址', '请输入邮寄地址'), invalid: L('The postal address must be 300 characters or fewer', '郵寄地址不可超過 300 個字', '邮寄地址不可超过 300 个字') }, label: L('Postal address', '郵寄地址', '邮寄地址'), showIf: { field: 'delivery', equals: 'post' } },
      ],
    },
  ],
  declaration: L(
    'I declare that the information given is true and that I am entitled to receive this record.',
    '本人聲明所提供的資料屬實，並有權領取此記錄。',
    '本人声明所提供的资料属实，并有权领取此记录。',
  ),
};
