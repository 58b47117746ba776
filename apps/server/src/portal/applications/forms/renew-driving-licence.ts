import { applicantFields, address } from './common-fields.ts';
import { departments } from './departments.ts';
import { L, yesNo, type FormDefinition } from './schema.ts';

export const renewDrivingLicence: FormDefinition = {
  slug: 'renew-driving-licence',
  department: departments.TD,
  title: L('Renew your full driving licence', '續領正式駕駛執照', '续领正式驾驶执照'),
  intro: L(
    'Renew your full driving licence for 10 years. You need your current licence number. The fee of HK$900 is collected when your application is approved.',
    '續領正式駕駛執照，有效期 10 年。你需要現有的執照號碼。申請獲批後收取費用 900 港元。',
    '续领正式驾驶执照，有效期 10 年。你需要现有的执照号码。申请获批后收取费用 900 港元。',
  ),
  sections: [
    { id: 'applicant', title: L('Your details', '你的資料', '你的资料'), fields: applicantFields },
    {
      id: 'licence',
      title: L('Your licence', '你的執照', '你的执照'),
      fields: [
        {
          name: 'licence_number', errors: { missing: L('Enter your driving licence number', '請輸入你的駕駛執照號碼', '请输入你的驾驶执照号码') },
          type: 'text',
          label: L('Driving licence number', '駕駛執照號碼', '驾驶执照号码'),
          hint: L('Usually the same as your identity card number without the check digit', '通常與身份證號碼相同（不包括括號內數字）', '通常与身份证号码相同（不包括括号内数字）'),
          required: true,
          pattern: { regex: '^[A-Z]{1,2}[0-9]{6}$', message: L('Enter the licence number like A123456', '請按 A123456 的格式輸入執照號碼', '请按 A123456 的格式输入执照号码') },
        },
        {
          name: 'classes', errors: { missing: L('Select the vehicle classes you want to renew', '請選擇要續領的車輛類別', '请选择要续领的车辆类别') },
          type: 'checkbox',
          label: L('Vehicle classes to renew', '續領的車輛類別', '续领的车辆类别'),
          required: true,
          options: [
            { value: '1', label: L('Class 1: private car', '第 1 類：私家車', '第 1 类：私家车') },
            { value: '2', label: L('Class 2: light goods vehicle', '第 2 類：輕型貨車', '第 2 类：轻型货车') },
            { value: '3', label: L('Class 3: motorcycle', '第 3 類：電單車', '第 3 类：电单车') },
          ],
        },
        { name: 'address_changed', errors: { missing: L('Select yes if your address has changed', '請選擇你的地址有否更改', '请选择你的地址有否更改') }, type: 'radio', label: L('Has your address changed since your licence was issued?', '你的地址自執照簽發後有否更改？', '你的地址自执照签发后有否更改？'), required: true, options: yesNo },
        { ...address, name: 'new_address', errors: { missing: L('Enter your new residential address', '請輸入你的新住址', '请输入你的新住址'), invalid: L('Your new address must be 300 characters or fewer', '新住址不可超過 300 個字', '新住址不可超过 300 个字') }, label: L('New residential address', '新住址', '新住址'), showIf: { field: 'address_changed', equals: 'yes' } },
      ],
    },
    {
      id: 'medical',
      title: L('Medical fitness', '健康狀況', '健康状况'),
      fields: [
        { name: 'medical_condition', errors: { missing: L('Select yes if you have a medical condition that may affect your driving', '請選擇你是否患有可能影響駕駛的疾病', '请选择你是否患有可能影响驾驶的疾病') }, type: 'radio', label: L('Do you have a medical condition that may affect your driving?', '你是否患有可能影響駕駛的疾病？', '你是否患有可能影响驾驶的疾病？'), required: true, options: yesNo },
        { name: 'medical_details', errors: { missing: L('Describe your medical condition', '請說明你的病況', '请说明你的病况'), invalid: L('The description of your condition must be 1,000 characters or fewer', '病況說明不可超過 1,000 個字', '病况说明不可超过 1,000 个字') }, type: 'textarea', label: L('Describe the condition', '請說明病況', '请说明病况'), required: true, max: 1000, showIf: { field: 'medical_condition', equals: 'yes' } },
        {
          name: 'medical_certificate', errors: { missing: L('Upload your medical examination report (form TD256)', '請上載你的體格檢驗報告（表格 TD256）', '请上载你的体格检验报告（表格 TD256）') },
          type: 'file',
          label: L('Medical examination report (form TD256)', '體格檢驗報告（表格 TD256）', '体格检验报告（表格 TD256）'),
          hint: L('PDF, JPG or PNG, up to 5 MB', 'PDF、JPG 或 PNG，最大 5 MB', 'PDF、JPG 或 PNG，最大 5 MB'),
          required: true,
          showIf: { field: 'medical_condition', equals: 'yes' },
        },
      ],
    },
  ],
  declaration: L(
    'I declare that the information I have given is true and complete, and that I am not disqualified from driving.',
    '本人聲明所提供的資料真實完整，並且本人並未被取消駕駛資格。',
    '本人声明所提供的资料真实完整，并且本人并未被取消驾驶资格。',
  ),
};
