import { email, fullName, idNumber, phone } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, type FormDefinition } from './schema.ts';

export const businessRegistration: FormDefinition = {
  slug: 'business-registration',
  department: departments.IRD,
  title: L('Register a new business', '申請商業登記', '申请商业登记'),
  intro: L(
    'Every business must register within one month of starting. The certificate is issued once your application is approved.',
    '所有業務須於開業後一個月內登記。申請獲批後即簽發商業登記證。',
    '所有业务须于开业后一个月内登记。申请获批后即签发商业登记证。',
  ),
  sections: [
    { id: 'applicant', title: L('Owner or partner applying', '申請的東主或合夥人', '申请的东主或合伙人'), fields: [fullName, idNumber, phone, email] },
    {
      id: 'business',
      title: L('Your business', '你的業務', '你的业务'),
      fields: [
        { name: 'business_name', type: 'text', label: L('Business name in English', '英文業務名稱', '英文业务名称'), required: true, max: 200 },
        { name: 'business_name_zh', type: 'text', label: L('Business name in Chinese (if any)', '中文業務名稱（如有）', '中文业务名称（如有）'), max: 100 },
        { name: 'nature', type: 'textarea', label: L('Nature of business', '業務性質', '业务性质'), hint: L('For example: retail of clothing', '例如：零售服裝', '例如：零售服装'), required: true, max: 500 },
        { name: 'business_address', type: 'textarea', label: L('Business address', '業務地址', '业务地址'), required: true, max: 300 },
        { name: 'start_date', type: 'date', label: L('Date the business started or will start', '開業日期', '开业日期'), required: true },
        {
          name: 'structure',
          type: 'radio',
          label: L('Type of business', '業務類別', '业务类别'),
          required: true,
          options: [
            { value: 'sole', label: L('Sole proprietorship', '獨資經營', '独资经营') },
            { value: 'partnership', label: L('Partnership', '合夥經營', '合伙经营') },
          ],
        },
        { name: 'partners', type: 'textarea', label: L('Names and identity card numbers of all partners', '所有合夥人的姓名及身份證號碼', '所有合伙人的姓名及身份证号码'), required: true, max: 2000, showIf: { field: 'structure', equals: 'partnership' } },
        {
          name: 'period',
          type: 'radio',
          label: L('Certificate validity', '登記證有效期', '登记证有效期'),
          required: true,
          options: [
            { value: '1', label: L('1 year ($2,200)', '1 年（$2,200）', '1 年（$2,200）') },
            { value: '3', label: L('3 years ($5,950)', '3 年（$5,950）', '3 年（$5,950）') },
          ],
        },
        { name: 'supporting_document', type: 'file', label: L('Supporting document (optional)', '證明文件（選填）', '证明文件（选填）'), hint: L('For example a tenancy agreement: PDF, JPG or PNG, up to 5 MB', '例如租約：PDF、JPG 或 PNG，最大 5 MB', '例如租约：PDF、JPG 或 PNG，最大 5 MB') },
      ],
    },
  ],
  declaration: L(
    'I declare that the particulars given are true and complete, and that I am authorised to register this business.',
    '本人聲明所提供的資料真實完整，並獲授權登記此業務。',
    '本人声明所提供的资料真实完整，并获授权登记此业务。',
  ),
};
