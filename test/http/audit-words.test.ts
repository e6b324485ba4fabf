// Every action of the audit log has a name in both languages, and the page shows a row as people read it: names,
// links, plain addresses and a short line of details. The union AuditAction exists only for the compiler, so the
// actions are read from its source: an action added there without words here fails this test.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { targetKindOf, parseTarget } from '../../src/audit/audit-target.ts';
import { detailsLine, normaliseAddress, rowView } from '../../src/http/pages/audit-view.ts';
import { AUDIT_ACTION_WORDS } from '../../src/http/words/audit-words.ts';

function auditActions(): string[] {
  const source = fs.readFileSync('src/audit/audit-log.ts', 'utf8');
  const union = /export type AuditAction =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!);
}

const noNames = { customers: new Map<number, string>(), contracts: new Map([[3, '甲公司']]), requests: new Map<number, string>(), quotes: new Map([['Q2026-000001', '乙公司']]), users: new Map([['alice', 7]]) };

describe('audit log words', () => {
  it('names every member of AuditAction in Chinese and in English', () => {
    const actions = auditActions();
    expect(actions.length).toBeGreaterThan(30);
    for (const action of actions) {
      const words = AUDIT_ACTION_WORDS[action];
      expect(words?.zh, action).toMatch(/\p{Script=Han}/u);
      expect(words?.en, action).toMatch(/^[A-Z]/);
    }
  });

  it('reads the kind of every target shape the areas write', () => {
    expect(targetKindOf('policy.activate', 'policy:2')).toBe('policy');
    expect(targetKindOf('report.reissue', 'contract:3:2026-10-31')).toBe('contract');
    expect(targetKindOf('quote.approve', 'Q2026-000001')).toBe('quote');
    expect(targetKindOf('auth.sign_in', 'alice')).toBe('user');
    expect(targetKindOf('contract.import', 'contracts.xlsx')).toBe('file');
    expect(parseTarget('report.reissue', 'contract:3:2026-10-31')).toEqual({ kind: 'contract', id: '3', yearEnd: '2026-10-31' });
  });

  it('shows addresses as people type them', () => {
    expect(normaliseAddress('::ffff:127.0.0.1', 'zh')).toBe('本机 (127.0.0.1)');
    expect(normaliseAddress('::1', 'en')).toBe('localhost (::1)');
    expect(normaliseAddress('::ffff:10.1.2.3', 'zh')).toBe('10.1.2.3');
  });

  it('shows a row with the action by name, the target as a link with its name, and details in one line', () => {
    const entry = { id: 1, at: '2026-12-01T02:00:00.000Z', actor: 'support.user', action: 'usage.record' as const, target: 'contract:3', details: { service: 'code_diagnosis', personDays: 2, onsite: false, used: 1, perYear: 4 }, address: '::ffff:127.0.0.1', via: null };
    const row = rowView(entry, noNames, 'zh');
    expect(row.actionName).toBe('登记额度使用');
    expect(row.target).toEqual({ text: '合同 #3 · 甲公司', href: '/contracts/3' });
    expect(row.details).not.toContain('{');
    expect(row.details).toContain('人天:2');
    const quote = rowView({ ...entry, action: 'quote.approve', target: 'Q2026-000001', details: { totalFen: 123456, note: null } }, noNames, 'en');
    expect(quote.target).toEqual({ text: 'Quote Q2026-000001 · 乙公司', href: '/quotes/Q2026-000001' });
    expect(quote.details).toBe('total with tax: ¥1,234.56; note: —');
    expect(detailsLine({ before: { name: '甲' }, after: { name: '乙' } }, 'zh')).toBe('名称:甲 → 乙');
    // Codes the details hold are named, as the pages name them.
    expect(detailsLine({ from: 'support', to: 'sales' }, 'zh', 'user.role')).toBe('从:技术支持;到:销售');
    expect(detailsLine({ from: 'new', to: 'in_progress' }, 'zh', 'request.state')).toBe('从:新建;到:处理中');
    expect(detailsLine({ reason: 'rate_limited', by: 'address' }, 'zh', 'auth.sign_in_failed')).toBe('原因:尝试过多,被限制;按:地址');
    expect(detailsLine({ status: 'pending_approval', exceeded: ['per_use', 'count'] }, 'zh', 'quote.create')).toBe('状态:待审批;超出:每次人天、年度次数');
    expect(rowView({ ...entry, action: 'policy.activate', target: 'policy:2' }, noNames, 'zh').target?.href).toBe('/policies/2');
    expect(rowView({ ...entry, action: 'token.create', target: 'token:5' }, noNames, 'zh').target).toEqual({ text: 'API 令牌 #5', href: null });
    expect(rowView({ ...entry, action: 'user.create', target: 'alice' }, noNames, 'zh', { userPages: true }).target?.href).toBe('/admin/users/7');
    // A manager reads the log but does not manage users: no link that would end in 403.
    expect(rowView({ ...entry, action: 'user.create', target: 'alice' }, noNames, 'zh', { userPages: false }).target).toEqual({ text: '用户 alice', href: null });
  });
});
