// The sample policy workbook: docs/domain.md's whole catalog typed the way a policy owner would type it
// (full-width punctuation, line breaks in cells, merged cells), so the importer is shown real input.
import { chinaHolidayData, STANDARD_CALENDAR_NAME } from '../calendar/china-holidays.ts';
import { ASSIGNMENT_TABLE, CALENDAR_SHEET, CALENDAR_TABLE } from './calendars/calendar-export.ts';
import { HOLIDAY_SHEET, HOLIDAY_TABLE } from './holidays/holiday-export.ts';
import { ANY } from './shared-columns.ts';
import { writeWorkbook, type NoteSheet, type WorkbookTable } from '../workbook/workbook-writer.ts';
import { SPECIAL_TABLE_HEADER, SPECIAL_TABLE_WIDTHS } from './specials/special-export.ts';
import { TIER_TABLE_HEADER, TIER_TABLE_WIDTHS } from './tiers/tier-export.ts';
import { CASE_SHEET, CASE_TABLE } from './test-cases/case-export.ts';
import { PRICE_HEADING, PRICE_SETTINGS_TABLE, PRICE_SHEET, SERVICE_PRICE_TABLE, TIER_PRICE_TABLE } from './prices/price-export.ts';

type Row = [label: string, basic: string, preferred: string, premium: string, code: string];

const CLOUD_SHEET = '金蝶云星空（公有云）';
const ON_PREM_SHEET = '金蝶云星空（On Premise）';

const APP_PREFERRED = '1、产品更新升级技术指导\n2、提供审计拆分、数据结转工具';
const APP_PREMIUM = '1、产品更新升级技术指导\n2、提供服务工具';
const CS_PREMIUM = '1、指定客户成功经理\n2、每年1次服务报告及总部专家建议\n3、定制化在线培训课程';
const DIAG_PREFERRED = '代码诊断（限一年两次，2人天/次，非现场）';
const DIAG_PREMIUM = '代码诊断（限一年四次，2人天/次，非现场）';

const SHARED_HEAD: Row[] = [
  ['7＊24电话支持', '✓', '✓', '专属坐席', 'phone_support'],
  ['7＊24问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应', 'issue_feedback'],
  ['7＊8在线IM服务', '', '✓', '专属坐席', 'online_im'],
];
const SHARED_TAIL: Row[] = [
  ['开发技术支持', '', DIAG_PREFERRED, DIAG_PREMIUM, 'code_diagnosis'],
  ['应用提升支持', '', APP_PREFERRED, APP_PREMIUM, 'app_improvement'],
  ['客户成功支持', '', '每年1次服务报告', CS_PREMIUM, 'customer_success'],
];
const EMERGENCY: Row = ['紧急故障处理', '1工作日响应', '4工作小时响应', '2工作小时响应', 'emergency_fault'];
const COMMUNITY: Row = ['金蝶云社区（学习与能力提升）', '✓', '✓', '✓', 'community'];

const CLOUD_TIERS: Row[] = [
  ['7＊24自助运维', '✓', '✓', '✓', 'self_service_ops'],
  ...SHARED_HEAD,
  ['系统运维', '5＊8小时', '7＊8小时', '7＊12小时', 'system_ops'],
  EMERGENCY,
  COMMUNITY,
  ...SHARED_TAIL,
];

const ON_PREM_TIERS: Row[] = [
  ...SHARED_HEAD,
  EMERGENCY,
  COMMUNITY,
  ['软件更新包与升级许可', '✓', '✓', '✓', 'update_license'],
  ...SHARED_TAIL,
];

const SPECIAL: Record<string, [string, string]> = {
  upgrade_migration: ['升级迁移', '针对产品更新升级或产品迁移提供的评估、测试、实施及问题处理等。'],
  business_adjustment: [
    '业务调整',
    '针对部分业务设置由于受历史数据或业务关联性影响无法直接在系统中进行调整的情况，提供相应的处理方式和解决方案，如系统重新初始化、已使用科目的核算维度调整、已使用物料的库存属性调整等。',
  ],
  data_repair: ['数据修复', '对于非产品原因导致的数据问题提供的数据修复服务，如服务器异常断电导致的数据库损坏、异常操作导致的大量反写数据异常等。'],
  data_optimization: ['数据优化', '提供针对数据中心按组织、业务领域、会计期间、业务对象等维度进行分拆、合并、同步、清理、结转等操作的服务。'],
  dev_support_project: [
    '开发技术支持（机构提供）',
    '开发技术支持是针对已进行二次开发的客户，提供针对历史二次开发方案及代码的诊断服务，包括BOS平台开发、系统集成开发及插件开发等。',
  ],
  performance_tuning: ['性能优化', '针对私有云客户，对金蝶云星空系统运行环境进行全面诊断优化，实现系统性能提升。'],
  db_migration: ['数据库迁移', '针对私有云客户，提供将数据中心在SQL SERVER和Oracle数据库系统之间进行迁移的服务。'],
  cluster_ha: ['集群和高可用部署', '针对私有云客户，提供高可用、高并发、负载均衡、集群部署等方案的设计、实施服务（不包括数据库高可用）。'],
  onsite_support: ['现场支持（机构提供）', '由金蝶派出技术支持工程师赴客户现场进行问题诊断和处理、应用指导及答疑等。'],
};

const CLOUD_SPECIAL = ['upgrade_migration', 'business_adjustment', 'data_repair', 'data_optimization', 'dev_support_project', 'onsite_support'];
const ON_PREM_SPECIAL = [
  'upgrade_migration',
  'business_adjustment',
  'data_repair',
  'data_optimization',
  'dev_support_project',
  'performance_tuning',
  'db_migration',
  'cluster_ha',
  'onsite_support',
];

function tierTable(sheet: string, title: string, rows: Row[]): WorkbookTable {
  return { sheet, title, header: TIER_TABLE_HEADER, rows: rows.map((r) => [...r]), mergeWhenEqual: [2, 4], widths: TIER_TABLE_WIDTHS };
}

function specialTable(sheet: string, title: string, codes: string[]): WorkbookTable {
  return {
    sheet,
    title,
    header: SPECIAL_TABLE_HEADER,
    rows: codes.map((code) => [...SPECIAL[code]!, code]),
    widths: SPECIAL_TABLE_WIDTHS,
  };
}

const SAMPLE_YEAR = '2026';

/** The year's public holidays and make-up working days, from the shipped data so the two never disagree. */
function holidayRows(): string[][] {
  const china = chinaHolidayData();
  const inYear = (date: string) => date.startsWith(`${SAMPLE_YEAR}-`);
  const off = Object.entries(china.holidays).filter(([date]) => inYear(date)).map(([date, name]) => [date, '休', name]);
  const work = Object.entries(china.makeUpDays).filter(([date]) => inYear(date)).map(([date, day]) => [date, '班', day.name]);
  return [...off, ...work].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** docs/domain.md's 标准工作日, assigned to both offerings: the sample defines no other calendar. */
function calendarTables(): WorkbookTable[] {
  const table = (sheet: string, spec: typeof CALENDAR_TABLE, title: string, rows: string[][]): WorkbookTable => ({ sheet, title, header: spec.header, rows, widths: spec.widths });
  return [
    table(CALENDAR_SHEET, CALENDAR_TABLE, CALENDAR_TABLE.title, [[STANDARD_CALENDAR_NAME, '周一至周五', '09:00-12:00、13:00-18:00', '休息']]),
    table(CALENDAR_SHEET, ASSIGNMENT_TABLE, ASSIGNMENT_TABLE.title, [
      ['公有云', ANY, ANY, STANDARD_CALENDAR_NAME],
      ['私有云', ANY, ANY, STANDARD_CALENDAR_NAME],
    ]),
    table(HOLIDAY_SHEET, HOLIDAY_TABLE, `${SAMPLE_YEAR}年${HOLIDAY_TABLE.title}`, holidayRows()),
  ];
}

/**
 * Sample prices, marked 示例: plausible, not Kingdee's. Cloud tiers cost a fixed fee a year; on premise
 * they are a share of the software licence. The services cloud customers cannot buy are priced on premise only.
 */
function priceTables(): WorkbookTable[] {
  const table = (spec: typeof TIER_PRICE_TABLE, rows: string[][]): WorkbookTable => ({ sheet: PRICE_SHEET, title: spec.title, header: spec.header, rows, widths: spec.widths });
  return [
    {
      ...table(TIER_PRICE_TABLE, [
        ['公有云', '基础服务', '元/年', '¥18,000'],
        ['公有云', '优选服务', '元/年', '¥38,000'],
        ['公有云', '尊享服务', '元/年', '¥88,000'],
        ['私有云', '基础服务', '许可费比例', '12%'],
        ['私有云', '优选服务', '许可费比例', '18%'],
        ['私有云', '尊享服务', '许可费比例', '25%'],
      ]),
      heading: PRICE_HEADING.sample,
    },
    table(SERVICE_PRICE_TABLE, [
      ['升级迁移', ANY, '项', '¥20,000', ''],
      ['业务调整', ANY, '人天', '¥2,500', ''],
      ['数据修复', ANY, '人天', '¥3,000', ''],
      ['数据优化', ANY, '人天', '¥3,000', ''],
      ['开发技术支持（机构提供）', ANY, '人天', '¥2,800', ''],
      ['性能优化', '私有云', '人天', '¥3,500', ''],
      ['数据库迁移', '私有云', '人天', '¥4,000', ''],
      ['集群和高可用部署', '私有云', '人天', '¥4,000', ''],
      ['现场支持（机构提供）', ANY, '人天', '¥2,500', '¥800'],
    ]),
    table(PRICE_SETTINGS_TABLE, [
      ['增值税率', '6%'],
      ['销售自主折扣上限', '10%'],
      ['折扣上限', '30%'],
    ]),
  ];
}

/**
 * What the sample must decide, written down as its owners would: a case per kind of answer (entitled with a channel
 * and a deadline, across a weekend and a holiday; not in the tier; on premise only; not bought; quota left and used up;
 * not in the offering's catalog). Import runs them; a version whose cases fail is not activated.
 */
function caseTable(): WorkbookTable {
  // 部署 服务产品 服务项目 时间 已用次数 已购买 | 期望: 有权 原因 渠道 响应时限 截止时间 剩余次数
  const rows: string[][] = [
    ['公有云', '基础服务', '紧急故障处理', '2026-03-10 10:00', '', '', '✓', '', '', '1工作日响应', '2026-03-11 10:00', ''],
    ['公有云', '尊享服务', '紧急故障处理', '2026-03-13 17:00', '', '', '✓', '', '', '2工作小时响应', '2026-03-16 10:00', ''],
    ['公有云', '尊享服务', '7＊24电话支持', '2026-03-02 10:00', '', '', '✓', '', '专属坐席', '', '', ''],
    ['公有云', '基础服务', '7＊8在线IM服务', '2026-03-02 10:00', '', '', '✗', '服务产品不包含', '', '', '', ''],
    ['私有云', '基础服务', '7＊24问题反馈', '2026-09-30 16:00', '', '', '✓', '', '', '2工作日响应', '2026-10-09 16:00', ''],
    ['私有云', '基础服务', '系统运维', '2026-03-02 10:00', '', '', '✗', '目录中没有', '', '', '', ''],
    ['公有云', '尊享服务', '性能优化', '2026-03-02 10:00', '', '✓', '✗', '仅面向私有云', '', '', '', ''],
    ['私有云', '优选服务', '性能优化', '2026-03-02 10:00', '', '✓', '✓', '', '', '', '', ''],
    ['私有云', '优选服务', '数据修复', '2026-03-02 10:00', '', '', '✗', '未购买', '', '', '', ''],
    ['公有云', '优选服务', '开发技术支持', '2026-03-02 10:00', '1', '', '✓', '', '', '', '', '1'],
    ['私有云', '尊享服务', '开发技术支持', '2026-03-02 10:00', '4', '', '✗', '额度已用完', '', '', '', '0'],
  ];
  return { sheet: CASE_SHEET, title: CASE_TABLE.title, header: CASE_TABLE.header, rows, widths: CASE_TABLE.widths };
}

const NOTES: NoteSheet = {
  sheet: '说明',
  lines: [
    '金蝶云星空服务产品目录(示例策略工作簿)',
    '本工作簿由 entitle 导入为服务权益规则。每个目录工作表含“服务项目”表头与 基础服务/优选服务/尊享服务 列;专项服务表含“专项服务产品”表头。',
    '部署形态由工作表名称或标题判断:含“On Premise”“私有云”“本地部署”者为私有云,其余为公有云。',
    '单元格写法:✓/√/是 表示包含;留空或“-”表示不包含;“专属坐席”表示专属坐席;响应时限如“1工作日响应”“4工作小时响应”;运维时间如“5*8小时”。',
    '“代码”列为服务项目的英文代码;新增服务项目时必须填写代码。',
    '“服务时间”工作表定义工作日历(日历名称、工作日、工作时间、法定节假日是否休息),并指定各部署形态、服务产品、服务项目适用的日历;未指定的按“标准工作日”计算。',
    '“节假日”工作表列出法定节假日(类型“休”)与调休上班日(类型“班”),补充并覆盖系统内置的中国节假日数据。',
    '“价格”工作表为示例价格:服务产品年费(“元/年”为固定年费,“许可费比例”为软件许可费的百分比)、专项服务单价(按“人天”或“项”,现场支持另计差旅补贴)、增值税率与折扣上限(折扣超过销售自主折扣上限须经理审批,不得超过折扣上限)。',
    '“测试用例”工作表写明本工作簿必须作出的判定:部署、服务产品、服务项目、时间(北京时间)、合同情况(已用次数、已购买),以及期望的有权、原因、渠道、响应时限、截止时间、剩余次数(留空表示不检查)。导入时逐条运行,有未通过的用例时不能启用。',
    '本工作表(说明)不会被导入。',
  ],
};

export function sampleWorkbookTables(): WorkbookTable[] {
  return [
    tierTable(CLOUD_SHEET, '一、金蝶云星空服务产品目录（基础服务、优选服务、尊享服务）', CLOUD_TIERS),
    specialTable(CLOUD_SHEET, '二、专项服务', CLOUD_SPECIAL),
    tierTable(ON_PREM_SHEET, '一、金蝶云星空（On Premise）服务产品目录（基础服务、优选服务、尊享服务）', ON_PREM_TIERS),
    specialTable(ON_PREM_SHEET, '二、专项服务（On Premise）', ON_PREM_SPECIAL),
    // Prices beside the catalog they price; the calendar and holiday tables stay last, where earlier versions had them.
    ...priceTables(),
    ...calendarTables(),
    // The cases last: they speak of everything above.
    caseTable(),
  ];
}

export function writeSampleWorkbook(): Promise<Buffer> {
  return writeWorkbook(sampleWorkbookTables(), [NOTES]);
}
