// Reports on demand, for managers in the browser and for the CLI: the same builders the jobs use, as of now.
import type { ReportJobRunner } from '../jobs/job-types.ts';
import { shanghaiDate } from '../policy/effective-date.ts';
import { buildMonthlyReport } from './monthly-report.ts';
import { ReportError } from './report-error.ts';
import type { ReportDataStore } from './report-data-store.ts';
import type { ReportJobDeps } from './report-jobs.ts';
import { createReportJobs } from './report-jobs.ts';
import type { MonthlyReport, RenderedReport, Report, YearlyReport } from './report-types.ts';
import { buildYearlyReports, REPORTED_TIERS, yearEndingOn } from './yearly-report.ts';
import { contractYear } from '../entitlement/contract-year.ts';
import { writeReportWorkbook } from '../import/report-workbook-writer.ts';
import { addDays } from '../calendar/shanghai-time.ts';

export { ReportError };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ContractYearLink {
  start: string;
  end: string;
}

export function createReportService(deps: ReportJobDeps) {
  const clock = deps.clock ?? (() => new Date());
  const jobs: ReportJobRunner = createReportJobs(deps);

  async function requireContract(store: ReportDataStore, id: number) {
    const contract = await store.getContract(id);
    if (!contract) throw new ReportError('CONTRACT_NOT_FOUND', `合同 ${id} 不存在`, `Contract ${id} does not exist`);
    return contract;
  }

  return {
    jobs,

    /** The yearly report of the contract year ending on `yearEnd`, as it reads now. */
    async yearly(contractId: number, yearEnd: string): Promise<YearlyReport> {
      if (!DATE.test(yearEnd)) throw new ReportError('VALIDATION_FAILED', '合同年度结束日应为 YYYY-MM-DD', 'The contract year’s last day must be YYYY-MM-DD', [{ field: 'yearEnd', message: 'YYYY-MM-DD' }]);
      const contract = await requireContract(deps.store, contractId);
      if (!REPORTED_TIERS.includes(contract.tier)) {
        throw new ReportError('TIER_WITHOUT_REPORT', '基础服务不含年度服务报告(优选、尊享服务提供)', 'The Basic tier has no yearly service report (Preferred and Premium have one)');
      }
      const period = yearEndingOn(contract, yearEnd);
      if (!period) {
        throw new ReportError('NOT_A_YEAR_END', `${yearEnd} 不是合同 #${contractId} 某个合同年度的最后一天`, `${yearEnd} is not the last day of a contract year of contract #${contractId}`, [{ field: 'yearEnd', message: 'not a contract year end' }]);
      }
      const [report] = await buildYearlyReports({ store: deps.store, lookups: deps.lookups(), advice: deps.advice }, [{ contract, period }], clock());
      return report!;
    },

    /** The contract years of a contract, those ended first; the current one is included, reported so far. */
    async contractYears(contractId: number): Promise<ContractYearLink[]> {
      const contract = await requireContract(deps.store, contractId);
      if (!REPORTED_TIERS.includes(contract.tier)) return [];
      const today = shanghaiDate(clock());
      const years: ContractYearLink[] = [];
      for (let on = contract.startsOn; on <= contract.endsOn && on <= today && years.length < 50; ) {
        const { periodStart, periodEnd } = contractYear(contract.startsOn, on);
        const end = periodEnd < contract.endsOn ? periodEnd : contract.endsOn;
        years.push({ start: periodStart, end });
        on = addDays(end, 1);
      }
      return years.reverse();
    },

    async monthly(month: string): Promise<MonthlyReport> {
      if (!MONTH.test(month)) throw new ReportError('VALIDATION_FAILED', '月份应为 YYYY-MM', 'The month must be YYYY-MM', [{ field: 'month', message: 'YYYY-MM' }]);
      return buildMonthlyReport({ store: deps.store, lookups: deps.lookups() }, month, clock());
    },

    render(report: Report, lang: 'zh' | 'en' = 'zh'): RenderedReport {
      return deps.renderer.render(report, lang);
    },

    /** A report the outbox holds as JSON, rendered as it is sent (the delivery worker's `render`). */
    renderStored(reportJson: string): RenderedReport {
      return deps.renderer.render(JSON.parse(reportJson) as Report);
    },

    /** The report as an .xlsx workbook, for managers who work in Excel. */
    workbook(report: YearlyReport | MonthlyReport, lang: 'zh' | 'en' = 'zh'): Promise<Buffer> {
      return writeReportWorkbook(report, lang);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
