// The JSON API of the holiday page: a year's days as a version counts them, reading the State Council's notice,
// and saving added days as a new draft policy version. The page's forms are checked by these schemas.
import { z } from 'zod';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import { HOLIDAY_NAME_MAX } from '../../holidays/holiday-rows.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import { clientAddress, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';

const YEAR = z.number().int('年份应为整数 / the year is a whole number').min(2000, '年份应在 2000–2099 之间 / a year in 2000–2099').max(2099, '年份应在 2000–2099 之间 / a year in 2000–2099');
const VERSION = z.number().int().positive('版本号应为正整数 / a version is a positive integer');

export const HolidayYearQuery = z.object({
  year: z.coerce.number().pipe(YEAR).optional().describe('the year to show; default the first year missing data, else the last one checked'),
  version: z.coerce.number().pipe(VERSION).optional().describe('the version whose days are shown; default the active one'),
});

export const NoticeBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, '请粘贴通知全文 / paste the text of the notice')
    .max(20_000, '通知不超过 20,000 个字符 / the notice is at most 20,000 characters')
    .describe('the State Council notice as pasted (国务院办公厅关于YYYY年部分节假日安排的通知)'),
  year: YEAR.optional().describe('the year, when the pasted text does not say it'),
  base: VERSION.optional().describe('the version the days would be added to (for the plan); default the active one'),
});

export const HolidayRowBody = z.object({
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD / the date is YYYY-MM-DD'),
  kind: z.enum(['off', 'work'], '类型应为 off(休)或 work(班)/ kind is off (休) or work (班)'),
  name: z.string().trim().min(1, '请填写名称,如“春节” / give the name, e.g. 春节').max(HOLIDAY_NAME_MAX, `名称不超过 ${HOLIDAY_NAME_MAX} 个字符 / at most ${HOLIDAY_NAME_MAX} characters`),
});

export const HolidayDraftBody = z.object({
  base: VERSION.optional().describe('the version whose workbook is extended; default the active one'),
  rows: z.array(HolidayRowBody).min(1, '至少一行 / at least one row').max(400, '最多 400 行 / at most 400 rows'),
  source: z.enum(['notice', 'rows']).default('rows').describe('how the rows were entered, for the audit log'),
});

export function holidayApiRoutes(deps: { holidays: HolidayService; policies: PolicyService; contracts: ContractService }): RouteSpec[] {
  const { holidays } = deps;
  return [
    route({
      method: 'get',
      path: '/api/policies/holidays',
      permission: 'policy.read',
      kind: 'api',
      query: HolidayYearQuery,
      summary: 'Whether this and next year have holiday data, and a year’s days off and make-up working days as a version counts them',
      handler: async (req, res) => {
        const q = req.query as z.infer<typeof HolidayYearQuery>;
        const readiness = await holidays.readiness();
        const year = q.year ?? readiness.missing[0] ?? readiness.years.at(-1)!.year;
        const view = await holidays.yearOf(year, q.version);
        res.json({ readiness, version: view.version, status: view.status, year, covered: view.covered, days: view.year.days, groups: view.year.groups });
      },
    }),
    route({
      method: 'post',
      path: '/api/policies/holidays/notice',
      permission: 'policy.upload',
      kind: 'api',
      body: NoticeBody,
      summary: 'Read a pasted State Council notice: the days read, the problems, the sentences not read, and what they would add to a version; stores nothing',
      handler: async (req, res) => {
        const body = req.body as z.infer<typeof NoticeBody>;
        const reading = holidays.readNotice(body.text, body.year);
        const planned = reading.days.length > 0 ? await holidays.plan(reading.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })), body.base) : null;
        res.json({ reading, base: planned?.base ?? null, plan: planned?.plan ?? null });
      },
    }),
    route({
      method: 'post',
      path: '/api/policies/holidays',
      permission: 'policy.upload',
      kind: 'api',
      body: HolidayDraftBody,
      successStatus: 201,
      summary: 'Save days off and make-up working days as a new draft version: the base version’s workbook with its 节假日 rows extended, imported as an upload',
      handler: async (req, res) => {
        const body = req.body as z.infer<typeof HolidayDraftBody>;
        const draft = await holidays.saveDraft({ rows: body.rows, base: body.base, source: body.source, actor: principalOf(req).name, address: clientAddress(req) });
        const { outcome } = draft;
        const { diff, against, scope } = await deps.policies.diff(outcome.version.version);
        const warnings = [...outcome.summary.warnings, ...(await holidays.versionWarnings(outcome.version.version))];
        res.status(outcome.status === 'created' ? 201 : 200).json({
          status: outcome.status,
          base: draft.base,
          plan: draft.plan,
          version: outcome.version,
          summary: { ...outcome.summary, warnings },
          diff,
          against,
          impact: await deps.contracts.impactOf(scope),
        });
      },
    }),
  ];
}
