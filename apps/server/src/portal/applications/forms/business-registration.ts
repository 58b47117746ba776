import { email, fullName, idNumber, phone } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, type FormDefinition } from './schema.ts';

export const businessRegistration: FormDefinition = {
  slug: 'business-registration',
  department: departments.IRD,
  title: L('Register a business', '辦理商業登記', '办理商业登记'),
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
        { name: 'business_name', errors: { missing: L('Enter the business name in English', '請輸入英文業務名稱', '请输入英文业务名称'), invalid: L('The business name must be 200 characters or fewer', '英文業務名稱不可超過 200 個字元', '英文业务名称不可超过 200 个字符') }, type: 'text', label: L('Business name in English', '英文業務名稱', '英文业务名称'), required: true, max: 200 },
        { name: 'business_name_zh', errors: { invalid: L('The business name in Chinese must be 100 characters or fewer', '中文業務名稱不可超過 100 個字', '中文业务名称不可超过 100 个字') }, type: 'text', label: L('Business name in Chinese (if any)', '中文業務名稱（如有）', '中文业务名称（如有）'), max: 100 },
        { name: 'nature', errors: { missing: L('Describe the nature of the business', '請說明業務性質', '请说明业务性质'), invalid: L('The nature of the business must be 500 characters or fewer', '業務性質不可超過 500 個字', '业务性质不可超过 500 个字') }, type: 'textarea', label: L('Nature of business', '業務性質', '业务性质'), hint: L('For example: retail of clothing', '例如：零售服裝', '例如：零售服装'), required: true, max: 500 },
        { name: 'business_address', errors: { missing: L('Enter the business address', '請輸入業務地址', '请输入业务地址'), invalid: L('The business address must be 300 characters or fewer', '業務地址不可超過 300 個字', '业务地址不可超过 300 个字') }, type: 'textarea', label: L('Business address', '業務地址', '业务地址'), required: true, max: 300 },
        { name: 'start_date', errors: { missing: L('Enter the date the business started or will start', '請輸入開業日期', '请输入开业日期'), invalid: L('The date the business started must be a real date', '開業日期必須是真實日期', '开业日期必须是真实日期') }, type: 'date', label: L('Date the business started or will start', '開業日期', '开业日期'), required: true },
        {
          name: 'structure', errors: { missing: L('Select the type of business', '請選擇業務類別', '请选择业务类别') },
          type: 'radio',
          label: L('Type of business', '業務類別', '业务类别'),
          required: true,
          options: [
            { value: 'sole', label: L('Sole proprietorship', '獨資經營', '独资经营') },
            { value: 'partnership', label: L('Partnership', '合夥經營', '合伙经营') },
          ],
        },
        { name: 'partners', errors: { missing: L('Enter the names and identity card numbers of all partners', '請輸入所有合夥人的姓名及身份證號碼', '请输入所有合伙人的姓名及身份证号码'), invalid: L('The list of partners must be 2,000 characters or fewer', '合夥人資料不可超過 2,000 個字', '合伙人资料不可超过 2,000 个字') }, type: 'textarea', label: L('Names and identity card numbers of all partners', '所有合夥人的姓名及身份證號碼', '所有合伙人的姓名及身份证号码'), required: true, max: 2000, showIf: { field: 'structure', equals: 'partnership' } },
        {
          name: 'period', errors: { missing: L('Select how long the certificate should be valid for', '請選擇登記證有效期', '请选择登记证有效期') },
          type: 'radio',
          label: L('Certificate validity', '登記證有效期', '登记证有效期'),
          required: true,
          options: [
            { value: '1', label: L('1 year (HK$2,200)', '1 年（2,200 港元）', '1 年（2,200 港元）') },
            { value: '3', label: L('3 years (HK$5,950)', '3 年（5,950 港元）', '3 年（5,950 港元）') },
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
