import type en from './en.ts';

export default {
  title: '公开透明记录册',
  intro: '每次使用“壹”数字身份——登记、批准或拒绝登录、向服务提供资料、撤回同意——都会写入这份公开、只可增加的记录册。任何人都可以核实记录册从未被改写；居民也可以在钱包中核实每次使用其身份都已记录在案。',
  private: '每项记录只说明发生了哪类事件（精确到分钟）、涉及哪项服务及其收到哪些个人资料字段，但绝不显示是谁。记录附有一项承诺值，只有居民本人的钱包才能打开。',
  stateHeading: '记录册现况',
  size: '已记录项目',
  empty: '目前尚未有任何记录。',
  checkpointHeading: '最新检查点',
  checkpointIntro: '已签署的树头（C2SP 检查点）：记录册名称、大小及整棵树的哈希值，由记录册签署并由见证者加签。',
  keyHeading: '记录册的验证密钥',
  keyIntro: '请用这个 Ed25519 密钥（signed-note 格式）核实检查点。密钥也以纯文本形式在 /ledger/key 提供。',
  witnessHeading: '见证者',
  witnessIntro: '独立的见证者会核实每个新检查点都是延续其先前所见的检查点，然后加签。若记录册向不同人展示不同历史，便会被揭发。',
  witnessNone: '最新检查点尚未有见证者加签。',
  witnessSigned: '由 {{name}} 加签',
  verifyHeading: '如何核实',
  verify1: '与任何 tlog 客户端（例如 Go 的 golang.org/x/mod/sumdb/tlog）一样，从 /ledger/checkpoint 获取检查点，并从 /ledger/tile/ 获取图块（C2SP tlog-tiles）。',
  verify2: '或运行审计工具：它会重新计算整棵树、核实签署，并确认记录册自上次运行以来只有增加：',
  verify3: '其他机构如要为这份记录册担任见证者：',
} satisfies Record<keyof typeof en, string>;
