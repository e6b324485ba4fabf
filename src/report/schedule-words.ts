// A cron expression as people read it: 每天 07:00, 每月 1 日 08:00, 工作时间每 30 分钟. Pure, so the pages, the CLI and
// the tests share one reading. It knows the shapes the report kinds use (and a few neighbours); anything else is
// said as "按计划 <cron>" rather than guessed at, so a reading is never wrong, only sometimes plain.
export interface ScheduleMeaning {
  /** The job does its work only in working time (the at-risk alerts skip every slot outside it). */
  workingTimeOnly?: boolean;
}

export interface ScheduleWords {
  zh: string;
  en: string;
}

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A field's values within [min, max], or null for `*` (every value); throws on what it does not read. */
function readField(field: string, min: number, max: number): number[] | null {
  if (field === '*' || field === '?') return null;
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`unread field ${field}`);
    const from = m[1] === '*' ? min : Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1 || from < min || to > max || from > to) throw new Error(`unread field ${field}`);
    for (let v = from; v <= to; v += step) values.add(v === 7 && max === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

/** The step of 0, s, 2s … covering the whole range, when the values are exactly that. */
function evenStep(values: number[], span: number): number | null {
  if (values.length < 2 || values[0] !== 0) return null;
  const step = values[1]! - values[0]!;
  if (span % step !== 0 || values.length !== span / step) return null;
  return values.every((v, i) => v === i * step) ? step : null;
}

const two = (n: number) => String(n).padStart(2, '0');

function readCron(expression: string, meaning: ScheduleMeaning): ScheduleWords {
  const fields = expression.trim().split(/\s+/);
  if (fields.length === 6) {
    // Seconds first: only a fixed 0 reads plainly.
    if (fields[0] !== '0') throw new Error('seconds');
    fields.shift();
  }
  if (fields.length !== 5) throw new Error('fields');
  const [minute, hour, day, month, weekday] = [readField(fields[0]!, 0, 59), readField(fields[1]!, 0, 23), readField(fields[2]!, 1, 31), readField(fields[3]!, 1, 12), readField(fields[4]!, 0, 7)];
  if (month !== null) throw new Error('month');
  const inWork = meaning.workingTimeOnly === true;
  const prefix = { zh: inWork ? '工作时间' : '', en: inWork ? ' in working time' : '' };

  // Every n minutes (hour, day and weekday open).
  if (hour === null && day === null && weekday === null) {
    if (minute === null) return { zh: `${prefix.zh}每分钟`, en: `Every minute${prefix.en}` };
    const step = evenStep(minute, 60);
    if (step !== null) return { zh: `${prefix.zh}每 ${step} 分钟`, en: `Every ${step} minutes${prefix.en}` };
    if (minute.length === 1) return { zh: `${prefix.zh}每小时第 ${minute[0]} 分`, en: `Hourly at :${two(minute[0]!)}${prefix.en}` };
    throw new Error('minutes');
  }
  if (minute === null || hour === null) throw new Error('time');
  if (minute.length * hour.length > 6) throw new Error('too many times');
  const times = hour.flatMap((h) => minute.map((m) => `${two(h)}:${two(m)}`));
  const at = { zh: times.join('、'), en: times.join(', ') };
  if (day === null && weekday === null) return { zh: `${prefix.zh}每天 ${at.zh}`, en: `Daily at ${at.en}${prefix.en}` };
  if (weekday === null && day !== null) {
    return { zh: `每月 ${day.join('、')} 日 ${at.zh}`, en: `Monthly on day ${day.join(', ')} at ${at.en}` };
  }
  if (day === null && weekday !== null) {
    if (weekday.join() === '1,2,3,4,5') return { zh: `周一至周五 ${at.zh}`, en: `Monday to Friday at ${at.en}` };
    return { zh: `每周${weekday.map((d) => WEEKDAYS_ZH[d]).join('、')} ${at.zh}`, en: `Every ${weekday.map((d) => WEEKDAYS_EN[d]).join(', ')} at ${at.en}` };
  }
  throw new Error('day and weekday');
}

/** The schedule in words, both languages (Asia/Shanghai times, as the scheduler runs them). */
export function scheduleInWords(expression: string, meaning: ScheduleMeaning = {}): ScheduleWords {
  try {
    return readCron(expression, meaning);
  } catch {
    const work = meaning.workingTimeOnly === true;
    return { zh: `按计划 ${expression.trim()}${work ? '(仅工作时间)' : ''}`, en: `On the schedule ${expression.trim()}${work ? ' (working time only)' : ''}` };
  }
}
