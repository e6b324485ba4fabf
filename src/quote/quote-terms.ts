// The terms a quote is issued under, in both languages. They are stored with each quote, so changing them
// here changes the quotes made from now on, never one already issued.
export function quoteTerms(validDays: number, policyVersion: number): { zh: string[]; en: string[] } {
  return {
    zh: [
      `本报价自报价日期起 ${validDays} 天内有效。`,
      '金额以人民币计,含增值税;服务期自合同约定的开始日期起算。',
      `服务内容以报价所依据的服务产品目录(策略版本 v${policyVersion})为准。`,
      '专项服务按实际交付的人天或项结算,差旅补贴按实际出差次数结算。',
    ],
    en: [
      `This quotation is valid for ${validDays} days from its date.`,
      'Amounts are in RMB including VAT; the service term starts on the date the contract sets.',
      `Services are as the catalog this quotation was made from (policy version v${policyVersion}) describes.`,
      'Special services are settled by the person-days or items delivered; travel allowances by the trips made.',
    ],
  };
}
