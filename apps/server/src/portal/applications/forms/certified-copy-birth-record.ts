import { address, email, fullName, idNumber, phone } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, type FormDefinition } from './schema.ts';

export const certifiedCopyBirthRecord: FormDefinition = {
  slug: 'certified-copy-birth-record',
  department: departments.IMMD,
  title: L('Apply for a certified copy of a birth record', '申請出生登記記錄核證副本', '申请出生登记记录核证副本'),
  intro: L('Order certified copies of a birth entry. Each copy costs $140.', '申請出生登記記錄的核證副本，每份 $140。', '申请出生登记记录的核证副本，每份 $140。'),
  sections: [
    { id: 'applicant', title: L('Your details', '你的資料', '你的资料'), fields: [fullName, idNumber, phone, email] },
    {
      id: 'relationship',
      title: L('Whose record', '申請哪一位的記錄', '申请哪一位的记录'),
      fields: [
        {
          name: 'relationship',
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
          name: 'consent_letter',
          type: 'file',
          label: L('Letter of consent from the person named', '當事人的同意書', '当事人的同意书'),
          hint: L('PDF, JPG or PNG, up to 5 MB', 'PDF、JPG 或 PNG，最大 5 MB', 'PDF、JPG 或 PNG，最大 5 MB'),
          required: true,
          showIf: { field: 'relationship', equals: 'other' },
        },
        { name: 'record_name', type: 'text', label: L('Name on the birth record', '出生記錄上的姓名', '出生记录上的姓名'), required: true, max: 100 },
        { name: 'record_birthdate', type: 'date', label: L('Date of birth on the record', '記錄上的出生日期', '记录上的出生日期'), required: true, when: 'past' },
        { name: 'copies', type: 'number', label: L('Number of copies', '副本數目', '副本数目'), required: true, min: 1, max: 5 },
      ],
    },
    {
      id: 'delivery',
      title: L('Getting the copies', '領取副本', '领取副本'),
      fields: [
        {
          name: 'delivery',
          type: 'radio',
          label: L('How do you want to receive them?', '你希望以甚麼方式領取？', '你希望以什么方式领取？'),
          required: true,
          options: [
            { value: 'post', label: L('By post', '郵寄', '邮寄') },
            { value: 'counter', label: L('Collect at the Births Registry', '親臨出生登記處領取', '亲临出生登记处领取') },
          ],
        },
        { ...address, name: 'postal_address', label: L('Postal address', '郵寄地址', '邮寄地址'), showIf: { field: 'delivery', equals: 'post' } },
      ],
    },
  ],
  declaration: L(
    'I declare that the information given is true and that I am entitled to receive this record.',
    '本人聲明所提供的資料屬實，並有權領取此記錄。',
    '本人声明所提供的资料属实，并有权领取此记录。',
  ),
};
