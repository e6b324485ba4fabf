// The lifecycle's rules without a database: which moves the flow allows, the priority a service starts at, and
// the reply e-mail (who it goes to, and nothing a customer typed becomes markup or a header).
import { describe, expect, it } from 'vitest';
import { assertTransition, defaultPriority, nextStates, REQUEST_STATES } from '../../src/requests/request-lifecycle.ts';
import { replyMail, replyRecipients } from '../../src/requests/request-reply-mail.ts';

describe('the request lifecycle’s rules', () => {
  it('allows exactly the moves of 新建 → 处理中 → 待客户反馈 → 已解决 → 已关闭 with reopen', () => {
    const allowed = Object.fromEntries(REQUEST_STATES.map((s) => [s, [...nextStates(s)]]));
    expect(allowed).toEqual({
      new: ['in_progress', 'waiting_customer', 'resolved'],
      in_progress: ['waiting_customer', 'resolved'],
      waiting_customer: ['in_progress', 'resolved'],
      resolved: ['closed', 'in_progress'],
      closed: ['in_progress'],
    });
    for (const from of REQUEST_STATES) {
      for (const to of REQUEST_STATES) {
        if (allowed[from]!.includes(to)) expect(() => assertTransition(1, from, to)).not.toThrow();
        else expect(() => assertTransition(1, from, to)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
      }
    }
    expect(() => assertTransition(7, 'new', 'closed')).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('服务请求 #7 当前为「新建」,不能改为「已关闭」'), message: expect.stringContaining('#7 is new and cannot become closed') }));
  });

  it('starts 紧急故障处理 at P1, 问题反馈 at P3, advisory work at P4 and anything unknown at P3', () => {
    expect([defaultPriority('emergency_fault'), defaultPriority('issue_feedback'), defaultPriority('data_repair'), defaultPriority('customer_success'), defaultPriority('workbook_own_code')]).toEqual(['P1', 'P3', 'P2', 'P4', 'P3']);
  });

  it('writes a reply to the contacts, copies the CSMs, skips broken addresses, and escapes what people typed', () => {
    const contacts = [
      { name: '王芳', email: 'wang@example.cn', role: 'contact' as const },
      { name: '坏地址', email: 'a@x.com,b@y.com', role: 'contact' as const },
      { name: '李雷', email: 'li@kingdee.example', role: 'csm' as const },
      { name: '无邮箱', email: null, role: 'contact' as const },
    ];
    expect(replyRecipients(contacts)).toEqual({ to: ['wang@example.cn'], cc: ['li@kingdee.example'] });
    expect(replyRecipients(contacts.filter((c) => c.role === 'csm'))).toEqual({ to: ['li@kingdee.example'], cc: [] });
    expect(replyRecipients([])).toEqual({ to: [], cc: [] });

    const mail = replyMail({ id: 12, service: 'emergency_fault', summary: '登录失败\r\nBcc: evil@example.com', customerName: '<b>客户</b>' }, '<script>alert(1)</script>请重启', 'support.user', { to: ['wang@example.cn'], cc: [] });
    expect(mail.subject).toBe('[服务请求 #12] 紧急故障处理:登录失败 Bcc: evil@example.com');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
    expect(mail.html).toContain('&#60;b&#62;客户');
    expect(mail.text).toContain('<script>alert(1)</script>请重启');
  });
});
