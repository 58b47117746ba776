import { address, applicantFields } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, yesNo, type FormDefinition } from './schema.ts';

export const applyPublicRentalHousing: FormDefinition = {
  slug: 'apply-public-rental-housing',
  department: departments.HD,
  title: L('Apply for public rental housing', '申請公共租住房屋', '申请公共租住房屋'),
  intro: L(
    'Apply for a public rental flat. Your household income and assets must be within the published limits.',
    '申請公屋單位。你的家庭入息及資產必須在公布的限額以內。',
    '申请公屋单位。你的家庭入息及资产必须在公布的限额以内。',
  ),
  sections: [
    { id: 'applicant', title: L('Your details', '你的資料', '你的资料'), fields: [...applicantFields, address] },
    {
      id: 'household',
      title: L('Your household', '你的家庭', '你的家庭'),
      fields: [
        { name: 'household_size', errors: { missing: L('Enter the number of people in your household, including you', '請輸入家庭成員人數（包括你）', '请输入家庭成员人数（包括你）'), invalid: L('The number of people in your household must be between 1 and 12', '家庭成員人數必須介乎 1 至 12 人', '家庭成员人数必须介乎 1 至 12 人') }, type: 'number', label: L('Number of people in your household, including you', '家庭成員人數（包括你）', '家庭成员人数（包括你）'), required: true, min: 1, max: 12 },
        {
          name: 'monthly_income', errors: { missing: L('Enter your total monthly household income', '請輸入每月家庭總入息', '请输入每月家庭总入息'), invalid: L('Enter your monthly household income as a whole number of dollars, up to 1,000,000', '請以整數輸入每月家庭總入息（以元為單位，最多 1,000,000）', '请以整数输入每月家庭总入息（以元为单位，最多 1,000,000）') },
          type: 'number',
          label: L('Total monthly household income (HK$)', '每月家庭總入息（港元）', '每月家庭总入息（港元）'),
          hint: L('Before tax, rounded to the nearest dollar', '除稅前，以元為單位', '除税前，以元为单位'),
          required: true,
          min: 0,
          max: 1_000_000,
        },
        {
          name: 'housing_type', errors: { missing: L('Select where you live now', '請選擇現時居所類別', '请选择现时居所类别') },
          type: 'select',
          label: L('Where you live now', '現時居所類別', '现时居所类别'),
          required: true,
          options: [
            { value: 'private-rented', label: L('Private flat, rented', '私人樓宇（租住）', '私人楼宇（租住）') },
            { value: 'subdivided', label: L('Subdivided unit', '劏房', '劏房') },
            { value: 'with-relatives', label: L('Living with relatives', '與親屬同住', '与亲属同住') },
            { value: 'other', label: L('Other', '其他', '其他') },
          ],
        },
        { name: 'has_elderly', errors: { missing: L('Select yes if anyone in your household is aged 60 or over', '請選擇家庭成員中有否年滿 60 歲人士', '请选择家庭成员中有否年满 60 岁人士') }, type: 'radio', label: L('Is anyone in your household aged 60 or over?', '家庭成員中有否年滿 60 歲人士？', '家庭成员中有否年满 60 岁人士？'), required: true, options: yesNo },
        { name: 'elderly_count', errors: { missing: L('Enter how many people in your household are aged 60 or over', '請輸入年滿 60 歲的家庭成員人數', '请输入年满 60 岁的家庭成员人数'), invalid: L('The number of people aged 60 or over must be between 1 and 12', '年滿 60 歲的人數必須介乎 1 至 12 人', '年满 60 岁的人数必须介乎 1 至 12 人') }, type: 'number', label: L('How many are aged 60 or over?', '年滿 60 歲的人數', '年满 60 岁的人数'), required: true, min: 1, max: 12, showIf: { field: 'has_elderly', equals: 'yes' } },
      ],
    },
    {
      id: 'documents',
      title: L('Documents', '文件', '文件'),
      fields: [
        {
          name: 'income_proof', errors: { missing: L('Upload proof of your household income for the last 3 months', '請上載最近 3 個月的入息證明', '请上载最近 3 个月的入息证明') },
          type: 'file',
          label: L('Proof of income for the last 3 months', '最近 3 個月的入息證明', '最近 3 个月的入息证明'),
          hint: L('Payslips or a bank statement: PDF, JPG or PNG, up to 5 MB', '糧單或銀行月結單：PDF、JPG 或 PNG，最大 5 MB', '粮单或银行月结单：PDF、JPG 或 PNG，最大 5 MB'),
          required: true,
        },
      ],
    },
  ],
  declaration: L(
    'I declare that the information given is true and complete. I understand that giving false information is an offence and may cancel my application.',
    '本人聲明所提供的資料真實完整。本人明白提供虛假資料屬違法，並可導致申請被取消。',
    '本人声明所提供的资料真实完整。本人明白提供虚假资料属违法，并可导致申请被取消。',
  ),
};
