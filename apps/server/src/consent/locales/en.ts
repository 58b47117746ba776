// Reference locale for this feature's keys (namespace in i18n/index.ts).
export default {};
