// The words of the holiday reminder e-mail and of its job's outcome, read through the one i18n helper
// (src/shared/i18n.ts). The readiness message itself is holiday-readiness.ts's, shared with the holiday page.
import type { Words } from '../shared/i18n.ts';

export const REMINDER_WORDS = {
  subject: { zh: '【提醒】{years} 年的节假日尚未录入', en: 'Reminder: the holidays of {years} have not been entered' },
  title: { zh: '{years} 年的节假日尚未录入', en: 'The holidays of {years} have not been entered' },
  yearKnown: { zh: '已有({sources})', en: 'known ({sources})' },
  yearMissing: { zh: '没有节假日数据', en: 'no holiday data' },
  sourceShipped: { zh: '系统内置数据', en: 'the shipped data' },
  sourceVersion: { zh: '策略版本 v{version}', en: 'policy version v{version}' },
  stepsTitle: { zh: '如何补充:', en: 'What to do:' },
  stepOpen: { zh: '以服务产品管理员身份登录,打开“策略版本 → 节假日”页面({page})。', en: 'Sign in as a policy owner (admin) and open Policy versions → Holidays ({page}).' },
  stepPaste: {
    zh: '粘贴国务院办公厅关于{year}年部分节假日安排的通知全文,点“读取”,核对读到的放假与调休上班日期。',
    en: "Paste the full text of the State Council's notice on the holidays of {year} (国务院办公厅关于{year}年部分节假日安排的通知), choose Read, and check the days off and make-up working days it read.",
  },
  stepSave: { zh: '点“保存为新草稿”,在草稿页查看差异,然后启用。', en: 'Choose Save as a new draft, review the diff on the draft’s page, then activate it.' },
  footer: { zh: '在数据录入并启用之前,本提醒每天最多发送一次。', en: 'Until the data is entered and active, this reminder is sent at most once a day.' },
  // The job's outcome, as the run lists show it.
  known: { zh: '节假日数据齐备({years} 年)', en: 'The holidays are known ({years})' },
  noOwners: { zh: '{years} 年没有节假日数据,但未设置 HOLIDAY_OWNERS:没有发送提醒', en: '{years} has no holiday data, but HOLIDAY_OWNERS is not set: no reminder was sent' },
} as const satisfies Words;
