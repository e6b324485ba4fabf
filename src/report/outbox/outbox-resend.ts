// A failed message sent again, by a person: the outbox retries failures on its own (with backoff up to an hour),
// so this only makes one due now (after the SMTP relay or a robot's webhook is fixed, say), audited as
// outbox.resend. The store does it in one transaction with one conditional UPDATE, so a message is still sent once:
// never one that went out, never one a worker holds right now.
import { ReportError } from '../report-error.ts';
import type { OutboxStore } from './outbox-store.ts';

export async function resendFailedMessage(store: OutboxStore, id: number, actor: { name: string; address: string | null }, now: Date = new Date()): Promise<void> {
  const result = await store.resend(id, { actor: actor.name, action: 'outbox.resend', target: `outbox:${id}`, details: {}, address: actor.address }, now);
  switch (result) {
    case 'resent':
      return;
    case 'not-found':
      throw new ReportError('MESSAGE_NOT_FOUND', `没有编号为 ${id} 的邮件`, `There is no message ${id}`);
    case 'sent':
      throw new ReportError('MESSAGE_SENT', '这条消息已发送,不能再发一次', 'This message went out already: it is not sent twice');
    case 'not-failed':
      throw new ReportError('MESSAGE_NOT_FAILED', '这条消息尚未发送失败,发件箱会按时发送', 'This message has not failed: the outbox sends it in its turn');
    case 'sending':
      throw new ReportError('MESSAGE_SENDING', '这条消息正在发送中,请稍后刷新查看结果', 'This message is being sent right now: reload in a moment to see how it went');
  }
}
