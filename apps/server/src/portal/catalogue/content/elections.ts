import { servicesOf } from './define.ts';

const reo = 'https://www.voterregistration.gov.hk';

export default servicesOf('registration-and-electoral-office', [
  { s: 'register-as-voter', n: ['Register as a voter', '登記成為選民', '登记成为选民'],
    m: ['Register to vote in elections if you are a permanent resident aged 18 or over.', '年滿18歲的香港永久性居民可登記成為選民，在選舉中投票。', '年满18岁的香港永久性居民可登记成为选民，在选举中投票。'],
    c: ['elections'], l: ['turning-18', 'new-to-hong-kong'], e: ['permanent', 'age18'], d: ['hkid', 'address'], fee: 0, days: 30, on: 'here', pop: 9,
    k: ['voter registration', 'register to vote', 'electoral roll', '選民登記', '选民登记', '登記選民', '登记选民'] },
  { s: 'check-voter-registration', n: ['Check your voter registration', '查閱選民登記資料', '查阅选民登记资料'],
    m: ['Check that you are registered to vote and that your address is right.', '查閱你是否已登記為選民及地址是否正確。', '查阅你是否已登记为选民及地址是否正确。'],
    c: ['elections'], e: ['registered'], d: ['hkid'], fee: 0, days: 0, on: 'elsewhere', url: `${reo}/check`, pop: 10, k: ['am I registered', 'voter status', '查選民', '查选民'] },
  { s: 'update-voter-address', n: ['Change your address on the register of voters', '更改選民登記地址', '更改选民登记地址'],
    m: ['Tell us your new address so you can vote in the right constituency.', '通知新地址，以便在正確選區投票。', '通知新地址，以便在正确选区投票。'],
    c: ['elections'], l: ['moving-home'], e: ['registered'], d: ['hkid', 'address'], fee: 0, days: 30, on: 'elsewhere', url: `${reo}/change`, k: ['change of address', '更改地址'] },
  { s: 'find-polling-station', n: ['Find your polling station', '查詢投票站', '查询投票站'],
    m: ['See where you vote and the opening hours on election day.', '查看投票地點及選舉日開放時間。', '查看投票地点及选举日开放时间。'],
    c: ['elections'], e: ['registered'], d: ['hkid'], fee: 0, days: 0, on: 'elsewhere', url: `${reo}/polling`, id: false },
  { s: 'register-functional-constituency', n: ['Register as a voter in a functional constituency', '登記為功能界別選民', '登记为功能界别选民'],
    m: ['Register in a functional constituency if you belong to an eligible profession or sector.', '如屬合資格界別的人士，可登記為功能界別選民。', '如属合资格界别的人士，可登记为功能界别选民。'],
    c: ['elections'], e: ['permanent', 'age18'], d: ['hkid', 'licence'], fee: 0, days: 30, on: 'elsewhere', url: `${reo}/fc` },
  { s: 'apply-election-candidate', n: ['Stand as a candidate in an election', '報名參選', '报名参选'],
    m: ['Submit your nomination form and deposit during the nomination period.', '在提名期內遞交提名表格及選舉按金。', '在提名期内递交提名表格及选举按金。'],
    c: ['elections'], e: ['permanent', 'age18'], d: ['hkid'], fee: 3000, feeNote: ['Election deposit from HK$3,000, returned if you get enough votes.', '選舉按金由 3,000 港元起，得票足夠可獲退還。', '选举按金由 3,000 港元起，得票足够可获退还。'], days: 0, on: 'none' },
  { s: 'election-donation-declaration', n: ['File election expenses and donations', '提交選舉開支及捐贈申報書', '提交选举开支及捐赠申报书'],
    m: ['Candidates report their election expenses and donations after the election.', '候選人於選舉後申報選舉開支及捐贈。', '候选人于选举后申报选举开支及捐赠。'],
    c: ['elections'], e: ['registered'], d: ['hkid'], fee: 0, days: 0, on: 'none' },
]);
