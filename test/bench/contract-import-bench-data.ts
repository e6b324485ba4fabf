// bench:contract-import's data: customers, contacts and contracts already stored, and a CSV of new contracts in
// the shape sales exports them — many customers, some with several contracts, most rows naming a contact, some
// rows for customers already stored (their contact repeated, or a new one).
import { isMysql, type Database } from '../../src/db/database.ts';
import { random } from './bench-support.ts';

const CITIES = ['苏州', '宁波', '温州', '台州', '无锡', '常州', '嘉兴', '绍兴', '合肥', '厦门', '泉州', '佛山', '东莞', '青岛', '烟台', '成都', '重庆', '西安', '武汉', '长沙'];
const WORDS = ['精工', '港务', '电气', '模具', '纺织', '医药', '食品', '物流', '化工', '机械', '电子', '建材', '汽配', '家居', '茶业', '光学', '新材', '智能', '环保', '能源', '海运', '酿造', '制衣', '印染', '轴承', '阀门', '泵业', '钢构', '包装', '塑胶', '陶瓷', '照明', '仪表', '线缆', '玻璃', '铝业', '纸业', '日化', '农业', '水产'];
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司', '科技有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '杰', '娟', '涛', '明', '超', '秀英', '建华', '晓东', '海燕', '志强', '丽华', '国平'];
const OFFERINGS = ['公有云', '私有云'];
const TIERS = ['基础服务', '优选服务', '尊享服务'];
const HEADER = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱';
const SEEDED_AT = '2025-11-20T02:00:00.000Z';

/** The i-th customer name, all distinct: city × word × word × suffix (128,000 of them). */
export function customerName(i: number): string {
  const city = CITIES[i % CITIES.length]!;
  const rest = Math.floor(i / CITIES.length);
  const a = WORDS[rest % WORDS.length]!;
  const b = WORDS[Math.floor(rest / WORDS.length) % WORDS.length]!;
  const suffix = SUFFIXES[Math.floor(rest / WORDS.length ** 2) % SUFFIXES.length]!;
  return `${city}${a}${b}${suffix}`;
}

const personName = (customer: number, k: number) => `${SURNAMES[(customer + 7 * k) % SURNAMES.length]}${GIVEN[(customer * 3 + k) % GIVEN.length]}`;
const email = (customer: number, k: number) => `contact${k}.c${customer}@customer.example.cn`;

/** Customers 0 … stored-1 are stored before the import, with one contact and one contract (2019) each. */
export async function seedStored(db: Database, stored: number): Promise<void> {
  const chunk = isMysql(db) ? 1000 : 500;
  const insert = async (table: string, row: (i: number) => Record<string, unknown>) => {
    await db.transaction(async (trx) => {
      for (let from = 0; from < stored; from += chunk) {
        await trx(table).insert(Array.from({ length: Math.min(chunk, stored - from) }, (_, k) => row(from + k)));
      }
    });
  };
  // Ids from 1,000,000 on, away from whatever the server stores on its first start.
  await insert('customers', (i) => ({ id: 1_000_000 + i, name: customerName(i), created_at: SEEDED_AT, updated_at: SEEDED_AT }));
  await insert('customer_contacts', (i) => ({ customer_id: 1_000_000 + i, name: personName(i, 0), email: email(i, 0), role: 'contact' }));
  await insert('contracts', (i) => ({
    id: 1_000_000 + i,
    customer_id: 1_000_000 + i,
    offering: i % 2 === 0 ? 'cloud' : 'on_premise',
    tier: 'preferred',
    starts_on: '2019-01-01',
    ends_on: '2019-12-31',
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  }));
}

export interface ContractCsv {
  bytes: Buffer;
  rows: number;
  customers: number;
  storedCustomers: number;
  withContact: number;
}

/**
 * `rows` valid rows, shuffled. Customers from `firstNew` on are new; about one row in ten belongs to one of the
 * `stored` customers (contracts from 2020 on, so never a stored contract again). A customer has 1–4 contracts
 * (one per start year, offering and tier at random) and 1–2 contacts; four rows in five name a contact.
 */
export function contractCsv(rows: number, stored: number, firstNew: number, seed: number): ContractCsv {
  const next = random(seed);
  const lines: string[] = [];
  const usedStored = new Set<number>();
  const yearsOf = new Map<number, number>();
  let customer = firstNew;
  let customers = 0;
  let withContact = 0;
  while (lines.length < rows) {
    const isStored = stored > 0 && next() < 0.1;
    const c = isStored ? Math.floor(next() * stored) : customer++;
    if (isStored) usedStored.add(c);
    else customers++;
    const r = next();
    const contracts = r < 0.5 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : 4;
    const contacts = next() < 0.7 ? 1 : 2;
    for (let j = 0; j < contracts && lines.length < rows; j++) {
      // A customer drawn twice keeps counting its years, so its contracts never repeat one another.
      const year = 2020 + (yearsOf.get(c) ?? 0);
      yearsOf.set(c, (yearsOf.get(c) ?? 0) + 1);
      const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
      const starts = `${year}-${month}-01`;
      const ends = `${year + 1}-${month}-01`;
      const k = Math.floor(next() * contacts);
      const contact = next() < 0.8;
      if (contact) withContact++;
      lines.push(
        [customerName(c), OFFERINGS[Math.floor(next() * 2)], TIERS[Math.floor(next() * 3)], starts, ends, contact ? personName(c, k) : '', contact ? email(c, k) : ''].join(','),
      );
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return { bytes: Buffer.from(`\uFEFF${HEADER}\n${lines.join('\n')}\n`, 'utf8'), rows, customers: customers + usedStored.size, storedCustomers: usedStored.size, withContact };
}
