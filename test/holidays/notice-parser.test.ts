// The State Council's notices of 2024, 2025 and 2026, typed into test/fixtures/holiday-notices/ from the official
// wording, read into exactly the days the shipped table has; and what the parser refuses to guess.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chinaHolidayData } from '../../src/calendar/china-holidays.ts';
import { parseHolidayNotice, type NoticeReading } from '../../src/holidays/notice-parser.ts';

const notice = (year: number) => fs.readFileSync(`test/fixtures/holiday-notices/${year}.txt`, 'utf8');

/** The shipped days of a year: date → [kind, name]. */
function shipped(year: number): Map<string, ['off' | 'work', string]> {
  const china = chinaHolidayData();
  const out = new Map<string, ['off' | 'work', string]>();
  for (const [date, name] of Object.entries(china.holidays)) if (date.startsWith(`${year}-`)) out.set(date, ['off', name]);
  for (const [date, day] of Object.entries(china.makeUpDays)) if (date.startsWith(`${year}-`)) out.set(date, ['work', day.name]);
  return out;
}

const errorsOf = (r: NoticeReading) => r.problems.filter((p) => p.severity === 'error');
const codes = (r: NoticeReading) => r.problems.map((p) => p.code);
const daysOf = (r: NoticeReading) => r.days.map((d) => `${d.date} ${d.kind} ${d.name}`);

describe('the notices of 2024, 2025 and 2026', () => {
  for (const year of [2024, 2025, 2026]) {
    it(`${year}: every day read equals the shipped data, and nothing else is read`, () => {
      const reading = parseHolidayNotice(notice(year));
      expect(reading.year).toBe(year);
      expect(reading.yearFrom).toBe('text');
      expect(reading.problems).toEqual([]);
      const expected = shipped(year);
      expect(reading.days.map((d) => d.date).sort()).toEqual([...expected.keys()].sort());
      for (const day of reading.days) {
        const [kind, name] = expected.get(day.date)!;
        expect(day.kind, day.date).toBe(kind);
        // The notice names a day only by its line: where one line holds two holidays (2025's 国庆节、中秋节),
        // each day carries both names, and the shipped name is one of them.
        const section = reading.sections.find((s) => s.line === day.line)!;
        if (section.names.length === 1) expect(day.name, day.date).toBe(name);
        else expect(section.names.map((n) => (kind === 'off' ? n : `${n}调休上班`)), day.date).toContain(name);
      }
    });
  }

  it('2024: 除夕 (2月9日) is encouraged, not a holiday: the sentence is listed as not read, and the day is not off', () => {
    const reading = parseHolidayNotice(notice(2024));
    expect(reading.days.find((d) => d.date === '2024-02-09')).toBeUndefined();
    expect(reading.unread).toEqual([
      { line: 7, text: '鼓励各单位结合带薪年休假等制度落实,安排职工在除夕(2月9日)休息', reason: { zh: '建议性安排,不是法定放假日,未读取', en: 'a recommendation, not a public holiday: not read' } },
    ]);
  });

  it('lists the lines that are no holiday’s line (title, salutation, closing, signature) as not read', () => {
    const reading = parseHolidayNotice(notice(2026));
    expect(reading.otherLines.map((l) => l.text)).toEqual([
      '国务院办公厅关于2026年部分节假日安排的通知',
      '国办发明电〔2025〕7号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。',
      '节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、防灾减灾等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。',
      '国务院办公厅',
      '2025年11月4日',
    ]);
    expect(reading.sections.map((s) => [s.holiday, s.off.length, s.work.length])).toEqual([
      ['元旦', 3, 1],
      ['春节', 9, 2],
      ['清明节', 3, 0],
      ['劳动节', 5, 1],
      ['端午节', 3, 0],
      ['中秋节', 3, 0],
      ['国庆节', 7, 2],
    ]);
  });

  it('reads the same days pasted as one paragraph, with half-width punctuation, or with full-width digits', () => {
    const reference = daysOf(parseHolidayNotice(notice(2026)));
    const oneParagraph = notice(2026).replace(/\n/g, '');
    const halfWidth = notice(2026).replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ',').replace(/。/g, '.');
    const fullWidthDigits = notice(2026).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    for (const [label, text] of [['one paragraph', oneParagraph], ['half-width', halfWidth], ['full-width digits', fullWidthDigits]] as const) {
      const reading = parseHolidayNotice(text);
      expect(errorsOf(reading), label).toEqual([]);
      expect(daysOf(reading), label).toEqual(reference);
    }
  });
});

describe('lines as the issue quotes them', () => {
  it('一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。', () => {
    const reading = parseHolidayNotice('一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。', { year: 2026 });
    expect(reading.yearFrom).toBe('given');
    expect(daysOf(reading)).toEqual(['2026-01-01 off 元旦', '2026-01-02 off 元旦', '2026-01-03 off 元旦', '2026-01-04 work 元旦调休上班']);
    // One holiday is no year's schedule: said, not hidden.
    expect(codes(reading)).toEqual(['FEW_HOLIDAYS']);
  });

  it('a range with lunar dates in brackets, and several make-up days in one sentence', () => {
    const reading = parseHolidayNotice('二、春节：2月15日（农历腊月二十八）至23日（农历正月初七）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。', { year: 2026 });
    expect(errorsOf(reading)).toEqual([]);
    expect(reading.days.filter((d) => d.kind === 'off').map((d) => d.date)).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(reading.days.filter((d) => d.kind === 'work').map((d) => `${d.date} ${d.name}`)).toEqual(['2026-02-14 春节调休上班', '2026-02-28 春节调休上班']);
  });

  it('a range crossing months (1月28日至2月4日)', () => {
    const reading = parseHolidayNotice('二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。', { year: 2025 });
    expect(errorsOf(reading)).toEqual([]);
    expect(reading.days.map((d) => d.date)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
  });

  it('a range crossing the year, with its years written out as the 2019 notice did', () => {
    const reading = parseHolidayNotice('一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。', { year: 2019 });
    expect(errorsOf(reading)).toEqual([]);
    expect(daysOf(reading)).toEqual(['2018-12-29 work 元旦调休上班', '2018-12-30 off 元旦', '2018-12-31 off 元旦', '2019-01-01 off 元旦']);
  });
});

describe('what it does not guess', () => {
  it('a stated weekday that does not match its date: the 2026 notice given as 2027’s is wrong on every weekday', () => {
    const reading = parseHolidayNotice(notice(2026).replace('关于2026年', '关于2027年').replace('现将2026年', '现将2027年'));
    expect(reading.year).toBe(2027);
    const mismatches = reading.problems.filter((p) => p.code === 'WEEKDAY_MISMATCH');
    expect(mismatches.every((p) => p.severity === 'error')).toBe(true);
    // 2027-01-01 is a Friday; the notice says 周四.
    expect(mismatches[0]!.message.zh).toBe('2027-01-01 是周五,通知却写“周四”(“1月1日(周四)”):请检查年份和日期。');
    expect(mismatches[0]!.message.en).toBe('2027-01-01 is a Friday, but the notice says 周四 (Thursday) at "1月1日(周四)": check the year and the date.');
    expect(mismatches[0]!.line).toBe(6);
    // Every one of the 20 weekdays the notice states (2027 begins a weekday later than 2026).
    expect(mismatches).toHaveLength(20);
  });

  it('one wrong weekday among right ones is found, with its line', () => {
    const reading = parseHolidayNotice(notice(2026).replace('5月9日（周六）上班', '5月9日（周日）上班'));
    expect(reading.problems.map((p) => [p.code, p.line, p.text])).toEqual([['WEEKDAY_MISMATCH', 9, '5月9日(周日)上班']]);
  });

  it('a count of days that does not match the range', () => {
    const reading = parseHolidayNotice(notice(2026).replace('共9天', '共8天'));
    expect(reading.problems.map((p) => [p.severity, p.code, p.message.zh])).toEqual([['error', 'DAY_COUNT_MISMATCH', '“共8天”与读到的 9 天不一致:请检查日期。']]);
  });

  it('a date that does not exist', () => {
    const reading = parseHolidayNotice('一、春节：2月28日至30日放假调休，共3天。', { year: 2027 });
    expect(reading.problems.map((p) => p.code)).toContain('BAD_DATE');
    expect(reading.days).toEqual([]);
  });

  it('a range crossing the year without its years', () => {
    const reading = parseHolidayNotice('一、元旦：12月31日至1月2日放假调休，共3天。', { year: 2031 });
    expect(codes(reading)).toContain('RANGE_CROSSES_YEAR');
    expect(reading.days).toEqual([]);
  });

  it('no year in the text and none given; a year given that the text contradicts', () => {
    expect(codes(parseHolidayNotice('一、元旦：1月1日放假。'))).toEqual(['YEAR_UNKNOWN']);
    const mismatch = parseHolidayNotice(notice(2026), { year: 2027 });
    expect(codes(mismatch)).toEqual(['YEAR_MISMATCH']);
    expect(mismatch.days).toEqual([]);
  });

  it('a sentence on a holiday’s line that names a day but cannot be read is listed and warned about', () => {
    const reading = parseHolidayNotice(notice(2026).replace('5月9日（周六）上班。', '5月9日（周六）照常上课。'));
    expect(reading.unread).toContainEqual({ line: 9, text: '5月9日(周六)照常上课', reason: expect.objectContaining({ en: expect.stringContaining('cannot be read') }) });
    expect(reading.problems.map((p) => [p.severity, p.code, p.line])).toEqual([['warning', 'UNREAD_SENTENCE', 9]]);
    expect(reading.days.find((d) => d.date === '2026-05-09')).toBeUndefined();
  });

  it('a date both off and worked, a make-up day on a weekday, a line without days off', () => {
    const reading = parseHolidayNotice(['三、清明节：4月4日至6日放假，共3天。4月6日上班。', '四、劳动节：5月1日至5日放假调休，共5天。4月29日（周三）上班。', '五、端午节：端午节照常。', '六、中秋节：9月25日放假。'].join('\n'), { year: 2026 });
    expect(reading.problems.map((p) => [p.severity, p.code])).toEqual([
      ['error', 'DATE_CONFLICT'],
      ['warning', 'MAKE_UP_DAY_ON_WEEKDAY'],
    ]);
    // 端午节's line names no day: it is no holiday line, and is listed with the others.
    expect(reading.otherLines.map((l) => l.text)).toEqual(['五、端午节：端午节照常。']);
  });

  it('a line that names a holiday with a day but has no day off', () => {
    const reading = parseHolidayNotice('一、元旦：1月4日（周日）上班。\n二、春节：2月15日至23日放假调休，共9天。\n三、清明节：4月4日至6日放假，共3天。', { year: 2026 });
    expect(reading.problems.map((p) => [p.code, p.line])).toEqual([['NO_DAYS_OFF', 1], ['FEW_HOLIDAYS', null]]);
  });

  it('a line of days laid out differently is not read, and says so', () => {
    const reading = parseHolidayNotice('2027年1月1日放假', { year: 2027 });
    expect(reading.problems.map((p) => [p.severity, p.code])).toEqual([
      ['warning', 'UNREAD_SENTENCE'],
      ['error', 'NO_HOLIDAY_LINES'],
    ]);
  });
});
