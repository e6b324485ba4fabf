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
import type { OutboxStore } from '../report/outbox/outbox-store.ts';
import { translator, type Lang } from '../shared/i18n.ts';
import { readinessMessage, type CoverageSource, type HolidayReadiness } from './holiday-readiness.ts';
import { REMINDER_WORDS } from './reminder-words.ts';

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

const t = translator('holiday reminder', REMINDER_WORDS);

function sourceText(source: CoverageSource, lang: Lang): string {
  return source.kind === 'shipped' ? t('sourceShipped', lang) : t('sourceVersion', lang, { version: source.version });
}

/** The reminder's text in one language. */
function reminderText(lang: Lang, years: string, year: number, page: string, message: string) {
  return {
    title: t('title', lang, { years }),
    message,
    stepsTitle: t('stepsTitle', lang),
    steps: [t('stepOpen', lang, { page }), t('stepPaste', lang, { year }), t('stepSave', lang)],
    footer: t('footer', lang),
  };
}

/** The reminder's text, Chinese then English; null when nothing is missing. */
export function reminderContent(readiness: HolidayReadiness) {
  const message = readinessMessage(readiness);
  if (!message) return null;
  const missing = readiness.missing;
  const zhYears = missing.join('、');
  const enYears = missing.join(' and ');
  const page = `${HOLIDAY_PAGE}?year=${missing[0]}`;
  const yearText = (y: HolidayReadiness['years'][number], lang: Lang, sep: string) => (y.covered ? t('yearKnown', lang, { sources: y.sources.map((s) => sourceText(s, lang)).join(sep) }) : t('yearMissing', lang));
  return {
    subject: `${t('subject', 'zh', { years: zhYears })} / ${t('subject', 'en', { years: enYears })}`,
    years: readiness.years.map((y) => ({ year: y.year, zh: yearText(y, 'zh', '、'), en: yearText(y, 'en', ', ') })),
    zh: reminderText('zh', zhYears, missing[0]!, page, message.zh),
    en: reminderText('en', enYears, missing[0]!, page, message.en),
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
        const years = readiness.years.map((y) => y.year);
        return { ...outcome, skipped: { zh: t('known', 'zh', { years: years.join('、') }), en: t('known', 'en', { years: years.join(', ') }) } };
      }
      if (deps.owners.length === 0) {
        return { ...outcome, skipped: { zh: t('noOwners', 'zh', { years: readiness.missing.join('、') }), en: t('noOwners', 'en', { years: readiness.missing.join(', ') }) } };
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
