// Notices for the holiday tests. The 2024–2026 texts are the State Council's, typed into test/fixtures/holiday-notices/.
// The 2027 one is invented for these tests (the real one is not in the shipped data): laid out as the real ones
// are, with weekdays that match 2027's dates, so that it can be read without a problem.
import fs from 'node:fs';
import path from 'node:path';

export function officialNotice(year: 2024 | 2025 | 2026): string {
  return fs.readFileSync(path.resolve(`test/fixtures/holiday-notices/${year}.txt`), 'utf8');
}

export const INVENTED_2027_NOTICE = [
  '国务院办公厅关于2027年部分节假日安排的通知(测试用,虚构)',
  '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
  '经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。',
  '一、元旦：1月1日（周五）至3日（周日）放假，共3天。',
  '二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。2月20日（周六）上班。',
  '三、清明节：4月3日（周六）至5日（周一）放假，共3天。',
  '四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。',
  '五、端午节：6月9日（周三）放假1天，不调休。',
  '六、中秋节：9月15日（周三）放假1天，不调休。',
  '七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。',
  '节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。',
].join('\n');

/** What the invented notice gives: 29 days off and 5 make-up working days. */
export const INVENTED_2027_DAYS = { off: 29, work: 5 };
