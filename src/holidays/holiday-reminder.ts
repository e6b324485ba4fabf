// The daily e-mail to the policy owners while a year to be checked has no holiday data. It is a scheduled job like
// the report kinds (src/jobs: node-cron in Asia/Shanghai, one instance per slot, the current slot caught up at
// start) but no report: nothing to view, download or run by hand, no period or cut-off. It goes out through the
// outbox, keyed by the Shanghai date: however often it runs, the owners get at most one a day.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { currentSlotWithin } from '../jobs/cron-slots.ts';
import type { JobOutcome, JobTrigger, ScheduledJob } from '../jobs/job-types.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import type { OutboxStore } from '../report/outbox-store.ts';
import { readinessMessage, type CoverageSource, type HolidayReadiness } from './holiday-readiness.ts';

/** The job's name in job_runs and the outbox, and as the run lists show it. */
export const HOLIDAY_REMINDER_JOB = 'holidays';
export const HOLIDAY_REMINDER_LABEL = { zh: '节假日数据提醒', en: 'Holiday data reminder' };

/** Who the message is for, as the outbox names it; the addresses are HOLIDAY_OWNERS. */
export const OWNERS_RECIPIENT = 'policy-owners';
export const HOLIDAY_PAGE = '/policies/holidays';

export interface ReminderMail {
  subject: string;
  html: string;
  text: string;
}

function sourceText(source: CoverageSource): { zh: string; en: string } {
  if (source.kind === 'shipped') return { zh: '系统内置数据', en: 'the shipped data' };
  return { zh: `策略版本 v${source.version}`, en: `policy version v${source.version}` };
}

/** The reminder's text, Chinese then English; null when nothing is missing. */
export function reminderContent(readiness: HolidayReadiness) {
  const message = readinessMessage(readiness);
  if (!message) return null;
  const missing = readiness.missing;
  const zhYears = missing.join('、');
  const enYears = missing.join(' and ');
  const page = `${HOLIDAY_PAGE}?year=${missing[0]}`;
  return {
    subject: `【提醒】${zhYears} 年的节假日尚未录入 / Reminder: the holidays of ${enYears} have not been entered`,
    years: readiness.years.map((y) => ({
      year: y.year,
      zh: y.covered ? `已有(${y.sources.map((s) => sourceText(s).zh).join('、')})` : '没有节假日数据',
      en: y.covered ? `known (${y.sources.map((s) => sourceText(s).en).join(', ')})` : 'no holiday data',
    })),
    zh: {
      title: `${zhYears} 年的节假日尚未录入`,
      message: message.zh,
      stepsTitle: '如何补充:',
      steps: [
        `以服务产品管理员身份登录,打开“策略版本 → 节假日”页面(${page})。`,
        `粘贴国务院办公厅关于${missing[0]}年部分节假日安排的通知全文,点“读取”,核对读到的放假与调休上班日期。`,
        '点“保存为新草稿”,在草稿页查看差异,然后启用。',
      ],
      footer: '在数据录入并启用之前,本提醒每天最多发送一次。',
    },
    en: {
      title: `The holidays of ${enYears} have not been entered`,
      message: message.en,
      stepsTitle: 'What to do:',
      steps: [
        `Sign in as a policy owner (admin) and open Policy versions → Holidays (${page}).`,
        `Paste the full text of the State Council's notice on the holidays of ${missing[0]} (国务院办公厅关于${missing[0]}年部分节假日安排的通知), choose Read, and check the days off and make-up working days it read.`,
        'Choose Save as a new draft, review the diff on the draft’s page, then activate it.',
      ],
      footer: 'Until the data is entered and active, this reminder is sent at most once a day.',
    },
  };
}

/** Renders templates/holidays/reminder.hbs and its plain-text twin; the templates are read once, here. */
export function createReminderRenderer(templatesDir: string): (readiness: HolidayReadiness) => ReminderMail | null {
  const hbs = Handlebars.create();
  hbs.registerHelper('add', (a: number, b: number) => a + b);
  const read = (file: string) => fs.readFileSync(path.join(templatesDir, 'holidays', file), 'utf8');
  const html = hbs.compile(read('reminder.hbs'), { strict: false });
  // Plain text is not HTML: nothing to escape.
  const text = hbs.compile(read('reminder.txt.hbs'), { noEscape: true });
  return (readiness) => {
    const content = reminderContent(readiness);
    if (!content) return null;
    return { subject: content.subject, html: html(content), text: text(content) };
  };
}

export interface HolidayReminderDeps {
  readiness: (at: Date) => Promise<HolidayReadiness>;
  outbox: Pick<OutboxStore, 'enqueue'>;
  /** HOLIDAY_OWNERS: the policy owners' addresses. */
  owners: readonly string[];
  render: (readiness: HolidayReadiness) => ReminderMail | null;
  clock?: () => Date;
}

export interface HolidayReminder {
  /** At a slot: a reminder for the slot's Shanghai date when a year lacks holiday data. */
  run(slot: Date, trigger: JobTrigger): Promise<JobOutcome>;
}

export function createHolidayReminder(deps: HolidayReminderDeps): HolidayReminder {
  const clock = deps.clock ?? (() => new Date());
  return {
    async run(slot: Date, _trigger: JobTrigger): Promise<JobOutcome> {
      const readiness = await deps.readiness(slot);
      const outcome: JobOutcome = { job: HOLIDAY_REMINDER_JOB, slot: slot.toISOString(), period: readiness.today, dryRun: false, skipped: null, messages: [], problems: [] };
      const mail = deps.render(readiness);
      if (!mail) {
        return { ...outcome, skipped: { zh: `节假日数据齐备(${readiness.years.map((y) => y.year).join('、')} 年)`, en: `The holidays are known (${readiness.years.map((y) => y.year).join(', ')})` } };
      }
      if (deps.owners.length === 0) {
        const years = readiness.missing.join('、');
        return {
          ...outcome,
          skipped: { zh: `${years} 年没有节假日数据,但未设置 HOLIDAY_OWNERS:没有发送提醒`, en: `${readiness.missing.join(', ')} has no holiday data, but HOLIDAY_OWNERS is not set: no reminder was sent` },
        };
      }
      const periodKey = shanghaiDate(slot);
      const { message, created } = await deps.outbox.enqueue(
        { job: HOLIDAY_REMINDER_JOB, periodKey, recipient: OWNERS_RECIPIENT, subject: mail.subject, html: mail.html, text: mail.text, recipients: { to: [...deps.owners], cc: [] } },
        clock(),
      );
      return { ...outcome, messages: [{ periodKey, recipient: OWNERS_RECIPIENT, subject: message.subject, to: message.recipients.to, cc: message.recipients.cc, created }] };
    },
  };
}

/** The reminder on the scheduler (HOLIDAY_REMINDER_CRON): only the current slot of the day is caught up at start. */
export function holidayReminderJob(reminder: HolidayReminder, schedule: string): ScheduledJob {
  return {
    name: HOLIDAY_REMINDER_JOB,
    schedule,
    leaseMs: 5 * 60_000,
    catchUp: currentSlotWithin(24 * 60 * 60_000),
    run: (slot, options) => reminder.run(slot, options.trigger),
  };
}
