import type en from './en.ts';

export default {
  title: '公開透明紀錄冊',
  intro: '每次使用「壹」數碼身分——登記、批准或拒絕登入、向服務提供資料、撤回同意——都會寫入這份公開、只可增加的紀錄冊。任何人都可以核實紀錄冊從未被改寫；居民亦可在錢包中核實每次使用其身分都已記錄在案。',
  private: '每項紀錄只說明發生了哪類事件（準確至分鐘）、涉及哪項服務及其收到哪些個人資料欄位，但絕不顯示是誰。紀錄附有一項承諾值，只有居民本人的錢包才能打開。',
  stateHeading: '紀錄冊現況',
  size: '已記錄項目',
  empty: '目前尚未有任何紀錄。',
  checkpointHeading: '最新檢查點',
  checkpointIntro: '已簽署的樹頭（C2SP 檢查點）：紀錄冊名稱、大小及整棵樹的雜湊值，由紀錄冊簽署並由見證者加簽。',
  keyHeading: '紀錄冊的驗證金鑰',
  keyIntro: '請以這個 Ed25519 金鑰（signed-note 格式）核實檢查點。金鑰亦以純文字形式在 /ledger/key 提供。',
  witnessHeading: '見證者',
  witnessIntro: '獨立的見證者會核實每個新檢查點都是延續其先前所見的檢查點，然後加簽。若紀錄冊向不同人展示不同歷史，便會被揭發。',
  witnessNone: '最新檢查點尚未有見證者加簽。',
  witnessSigned: '由 {{name}} 加簽',
  verifyHeading: '如何核實',
  verify1: '與任何 tlog 用戶端（例如 Go 的 golang.org/x/mod/sumdb/tlog）一樣，從 /ledger/checkpoint 取得檢查點，並從 /ledger/tile/ 取得圖塊（C2SP tlog-tiles）。',
  verify2: '或執行稽核工具：它會重新計算整棵樹、核實簽署，並確認紀錄冊自上次執行以來只有增加：',
  verify3: '其他機構如要為這份紀錄冊擔任見證者：',
} satisfies Record<keyof typeof en, string>;
