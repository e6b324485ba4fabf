// The holiday page (/policies/holidays): each year's days off and make-up working days as a calendar, grouped by
// holiday, for everyone who reads policies; admins add next year's days by pasting the State Council's notice or
// row by row, check what was read, and save it as a new draft version (then review its diff and activate it on
// the version's page). Forms are checked by the schemas of their API twins (holiday-api.ts).
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { can } from '../../accounts/roles.ts';
import type { HolidayYear } from '../../holidays/holiday-calendar.ts';
import { holidayNameEn } from '../../holidays/holiday-calendar.ts';
import type { HolidayPlan, HolidayRowInput } from '../../holidays/holiday-rows.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import type { NoticeReading } from '../../holidays/notice-parser.ts';
import { parseHolidayDate, parseHolidayKind } from '../../policy-workbook/holidays/holiday-cells.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import { HolidayDraftBody, HolidayYearQuery, NoticeBody } from '../api/holiday-api.ts';
import type { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';
import { clientAddress, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { asApiBody, integerField, refusalText } from './form-body.ts';
import { formRefusal, renderPage } from './page-context.ts';

const WEEKDAYS: Record<Lang, string[]> = { zh: ['一', '二', '三', '四', '五', '六', '日'], en: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] };
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_OF: Record<Lang, string[]> = { zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };
/** Blank rows the row-by-row form offers; more come after each check. */
const BLANK_ROWS = 6;

interface Preview {
  source: 'notice' | 'rows';
  reading: NoticeReading | null;
  plan: HolidayPlan | null;
  base: number | null;
  canSave: boolean;
}

interface PageState {
  year?: number;
  version?: number;
  notice?: { text: string; year: string };
  rows?: { date: string; kind: string; name: string }[];
  base?: string;
  preview?: Preview;
  formError?: { form: 'notice' | 'rows' | 'save'; text: string };
}

type FormValue = string | string[] | undefined;

/** A repeated form field as a list: the urlencoded parser gives one value as a string, several as an array. */
function listField(body: unknown, name: string): string[] {
  const value = (body as Record<string, FormValue> | undefined)?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
}

function textOf(body: unknown, name: string): string {
  const value = (body as Record<string, FormValue> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The rows typed, as the API takes them: the spellings the 节假日 sheet accepts (2027/1/1, 2027年1月1日; 休, 放假,
 * 班, 上班 …) become its values; what cannot be read is passed on as typed, for the schema to refuse by field.
 * Rows left wholly blank are not rows.
 */
function rowsOfForm(body: unknown): { typed: { date: string; kind: string; name: string }[]; rows: HolidayRowInput[] } {
  // The confirmation form carries each checked row as one field (JSON [date, kind, name]): one parameter a row
  // keeps a year or two of days well inside the form parser's parameter limit.
  const carried = listField(body, 'row').map(carriedRow);
  if (carried.length > 0) return { typed: carried, rows: carried.map((r) => ({ date: r.date, kind: r.kind as HolidayRowInput['kind'], name: r.name })) };
  const dates = listField(body, 'date');
  const kinds = listField(body, 'kind');
  const names = listField(body, 'name');
  const typed = dates.map((date, i) => ({ date: date.trim(), kind: (kinds[i] ?? '').trim(), name: (names[i] ?? '').trim() })).filter((r) => r.date || r.name);
  const rows = typed.map((r) => ({ date: parseHolidayDate(r.date) ?? r.date, kind: (parseHolidayKind(r.kind) ?? r.kind) as HolidayRowInput['kind'], name: r.name }));
  return { typed, rows };
}

function carriedRow(text: string): { date: string; kind: string; name: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) {
      const [date, kind, name] = value as [string, string, string];
      return { date, kind, name };
    }
  } catch {
    // Refused below as a row without a date, like any other unreadable row.
  }
  return { date: text.slice(0, 40), kind: '', name: '' };
}

function monthTitle(month: number, lang: Lang): string {
  return lang === 'zh' ? `${month}月` : MONTHS_EN[month - 1]!;
}

function weekdayOf(date: string, lang: Lang): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return WEEKDAY_OF[lang][day - 1]!;
}

/** The calendar as the template shows it: month grids with a mark and a title per day, in the page's language. */
function calendarView(year: HolidayYear, lang: Lang) {
  const mark = (kind: string) => (kind === 'off' ? (lang === 'zh' ? '休' : 'off') : kind === 'work' ? (lang === 'zh' ? '班' : 'work') : '');
  return {
    weekdays: WEEKDAYS[lang],
    months: year.months.map((m) => ({
      title: monthTitle(m.month, lang),
      weeks: m.weeks.map((week) =>
        week.map((cell) =>
          cell ? { ...cell, mark: mark(cell.kind), title: cell.name ? (lang === 'en' ? (holidayNameEn(cell.name) ?? cell.name) : cell.name) : null } : null,
        ),
      ),
    })),
    groups: year.groups.map((g) => ({
      ...g,
      off: g.off.map((r) => ({ ...r, text: r.from === r.to ? r.from.slice(5) : `${r.from.slice(5)} – ${r.to.slice(5)}` })),
      work: g.work.map((d) => `${d.slice(5)} ${weekdayOf(d, lang)}`),
    })),
  };
}

export function holidayPages(deps: { holidays: HolidayService; policies: PolicyService; views: Views }): RouteSpec[] {
  const { holidays, views } = deps;

  async function show(req: Request, res: Response, state: PageState = {}, status = 200): Promise<void> {
    const lang: Lang = req.lang ?? 'zh';
    const readiness = await holidays.readiness();
    const year = state.year ?? readiness.missing[0] ?? readiness.years.at(-1)!.year;
    const view = await holidays.yearOf(year, state.version);
    const canEdit = req.principal ? can(req.principal.role, 'policy.upload') : false;
    const versions = canEdit ? (await deps.policies.listVersions()).map((v) => ({ version: v.version, status: v.status })) : [];
    const base = state.base ?? (view.version !== null && (state.version === undefined || view.status === 'active') ? String(view.version) : '');
    const typed = state.rows ?? [];
    const blanks = Array.from({ length: Math.max(BLANK_ROWS - typed.length, 2) }, () => ({ date: '', kind: 'off', name: '' }));
    const thisYear = Number(readiness.today.slice(0, 4));
    const preview = state.preview
      ? {
          ...state.preview,
          rows: (state.preview.plan?.rows ?? []).map((r) => ({ ...r, weekday: weekdayOf(r.date, lang), carried: JSON.stringify([r.date, r.kind, r.name]) })),
          errors: [...(state.preview.reading?.problems ?? []), ...(state.preview.plan?.problems ?? [])].filter((p) => p.severity === 'error'),
          warnings: [...(state.preview.reading?.problems ?? []), ...(state.preview.plan?.problems ?? [])].filter((p) => p.severity === 'warning'),
        }
      : null;
    renderPage(
      views,
      req,
      res,
      'holidays',
      'holidays',
      {
        readiness: { ...readiness, years: readiness.years.map((y) => ({ ...y, sources: y.sources.map((s) => (s.kind === 'shipped' ? { shipped: true } : { version: s.version, status: s.status })) })) },
        year,
        view: { ...view, calendar: calendarView(view.year, lang) },
        yearLinks: [thisYear - 1, thisYear, thisYear + 1].map((y) => ({ year: y, current: y === year })),
        canEdit,
        versions: versions.map((v) => ({ ...v, selected: String(v.version) === base })),
        notice: state.notice ?? { text: '', year: '' },
        rows: [...typed, ...blanks],
        preview,
        formError: state.formError ?? null,
        // The banner says the same as the readiness card of this page.
        holidayBanner: null,
      },
      status,
    );
  }

  /** A refusal shown beside the form it belongs to, with what was typed kept. */
  async function refused(req: Request, res: Response, err: unknown, form: 'notice' | 'rows' | 'save', state: PageState): Promise<void> {
    const refusal: HttpError = formRefusal(err);
    await show(req, res, { ...state, formError: { form, text: refusalText(refusal, req.lang ?? 'zh') } }, refusal.status);
  }

  return [
    route({
      method: 'get',
      path: '/policies/holidays',
      permission: 'policy.read',
      kind: 'page',
      query: HolidayYearQuery,
      summary: 'Holidays: whether next year is known, a year’s days off and make-up working days as a calendar, and (admins) adding them',
      handler: async (req, res) => {
        const q = req.query as z.infer<typeof HolidayYearQuery>;
        await show(req, res, { year: q.year, version: q.version });
      },
    }),
    route({
      method: 'post',
      path: '/policies/holidays/notice',
      permission: 'policy.upload',
      kind: 'page',
      summary: 'Read a pasted State Council notice and show what was read, for confirmation; stores nothing',
      handler: async (req, res) => {
        const notice = { text: textOf(req.body, 'notice'), year: textOf(req.body, 'year').trim() };
        const base = textOf(req.body, 'base');
        const state: PageState = { notice, base };
        try {
          // POST /api/policies/holidays/notice's body, checked by its schema.
          const body = asApiBody(NoticeBody, { text: notice.text, year: integerField(notice.year), base: integerField(base) });
          const reading = holidays.readNotice(body.text, body.year);
          const planned = reading.days.length > 0 ? await holidays.plan(reading.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })), body.base) : null;
          const errors = reading.problems.some((p) => p.severity === 'error') || (planned?.plan.problems.some((p) => p.severity === 'error') ?? true);
          const canSave = !errors && planned !== null && planned.plan.added + planned.plan.changed > 0;
          await show(req, res, { ...state, year: reading.year ?? undefined, preview: { source: 'notice', reading, plan: planned?.plan ?? null, base: planned?.base ?? null, canSave } });
        } catch (err) {
          await refused(req, res, err, 'notice', state);
        }
      },
    }),
    route({
      method: 'post',
      path: '/policies/holidays/check',
      permission: 'policy.upload',
      kind: 'page',
      summary: 'Check days typed row by row against the base version and show what would change; stores nothing',
      handler: async (req, res) => {
        const { typed, rows } = rowsOfForm(req.body);
        const base = textOf(req.body, 'base');
        const state: PageState = { rows: typed, base, year: rows[0] ? Number(rows[0].date.slice(0, 4)) || undefined : undefined };
        try {
          // POST /api/policies/holidays's body, checked by its schema.
          const body = asApiBody(HolidayDraftBody, { base: integerField(base), rows, source: 'rows' });
          const planned = await holidays.plan(body.rows, body.base);
          const canSave = !planned.plan.problems.some((p) => p.severity === 'error') && planned.plan.added + planned.plan.changed > 0;
          await show(req, res, { ...state, year: planned.plan.years[0]?.year, preview: { source: 'rows', reading: null, plan: planned.plan, base: planned.base, canSave } });
        } catch (err) {
          await refused(req, res, err, 'rows', state);
        }
      },
    }),
    route({
      method: 'post',
      path: '/policies/holidays',
      permission: 'policy.upload',
      kind: 'page',
      summary: 'Save the checked days as a new draft version, then show the draft with its diff',
      handler: async (req, res) => {
        const { typed, rows } = rowsOfForm(req.body);
        const base = textOf(req.body, 'base');
        const source = textOf(req.body, 'source') === 'notice' ? 'notice' : 'rows';
        try {
          const body = asApiBody(HolidayDraftBody, { base: integerField(base), rows, source });
          const draft = await holidays.saveDraft({ rows: body.rows, base: body.base, source: body.source, actor: principalOf(req).name, address: clientAddress(req) });
          res.redirect(303, `/policies/${draft.outcome.version.version}`);
        } catch (err) {
          const state: PageState = { rows: typed, base, year: rows[0] ? Number(rows[0].date.slice(0, 4)) || undefined : undefined };
          // The days checked are shown again beside the refusal (nothing to save, a row refused), not lost.
          const baseVersion = integerField(base);
          const planned = typeof baseVersion === 'string' ? null : await holidays.plan(rows, baseVersion).catch(() => null);
          if (planned) state.preview = { source, reading: null, plan: planned.plan, base: planned.base, canSave: false };
          await refused(req, res, err, 'save', state);
        }
      },
    }),
  ];
}
