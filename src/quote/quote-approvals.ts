// Approvals: a quote whose discount is over sales' own limit waits for a manager (four eyes: never the one who
// made it). Approving takes an optional note; rejecting requires a reason, because the sales user reads it on
// the quote. The decision (who, when in UTC, the note or reason) is stored on the quote with its audit entry in
// one transaction. The inbox, the count of quotes waiting and "my quotes rejected lately" are read here too, for
// the approvals page, the navigation's badge and the home pages.
import type { PolicyCache } from '../entitlement/policy-cache.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import type { PageOf, PageRequest } from '../shared/paging.ts';
import type { QuoteDocument } from './quote-document.ts';
import { QuoteError } from './quote-error.ts';
import type { QuoteListItem, QuoteStore, StoredQuote } from './quote-store.ts';

/** The longest note or reason a decision keeps (quotes.decision_note is 500 characters). */
export const DECISION_TEXT_MAX = 500;

/** A quote waiting for a manager, as the inbox lists it. */
export interface ApprovalItem extends QuoteListItem {
  /** Sales' own limit under the version the quote was priced with; null if that version has no price list. */
  salesLimitBasisPoints: number | null;
  /** How far the discount is over that limit, in basis points (1% = 100). */
  overLimitBasisPoints: number | null;
}

/** What the quote's page offers a person about its approval: the two buttons, the four-eyes notice, or nothing. */
export type DecisionOffer = 'decide' | 'own_quote' | null;

/** Whether `who` may decide on the quote: only a pending one, only with quote.approve, and never their own. */
export function decisionOffer(quote: Pick<StoredQuote, 'status' | 'createdBy'>, who: { name: string; mayApprove: boolean }): DecisionOffer {
  if (quote.status !== 'pending_approval' || !who.mayApprove) return null;
  return quote.createdBy === who.name ? 'own_quote' : 'decide';
}

interface Actor {
  name: string;
  address: string | null;
}

/** A refused note or reason, said for the field it belongs to (the page puts it beside that field). */
function textRefused(field: 'note' | 'reason', zh: string, en: string): QuoteError {
  return new QuoteError('VALIDATION_FAILED', zh, en, [{ field, message: en, messageZh: zh }]);
}

export function createQuoteApprovals(deps: { store: QuoteStore; cache: PolicyCache; clock: () => Date }) {
  const { store, clock } = deps;

  type Quote = StoredQuote<QuoteDocument>;

  async function pendingQuote(number: string, actor: Actor): Promise<Quote> {
    const quote = await store.get<QuoteDocument>(number);
    if (!quote) throw new QuoteError('QUOTE_NOT_FOUND', `报价单 ${number} 不存在`, `Quote ${number} does not exist`);
    // Four eyes: whoever made the quote does not approve its discount.
    if (quote.createdBy === actor.name) throw new QuoteError('OWN_QUOTE', `不能审批自己出具的报价单 ${number},须由另一位经理审批`, `You cannot decide on quote ${number}: you made it, so another manager must`);
    // Before the reason is asked for: a quote already decided says so, not that a field is empty.
    if (quote.status !== 'pending_approval') throw notPending(number, quote.status);
    return quote;
  }

  const notPending = (number: string, status: string) =>
    new QuoteError('NOT_PENDING', `报价单 ${number} 不在待审批状态(当前:${status})`, `Quote ${number} is not pending approval (it is ${status})`);

  async function decide(number: string, status: 'issued' | 'rejected', actor: Actor, text: string | null): Promise<Quote> {
    const quote = await pendingQuote(number, actor);
    const field = status === 'rejected' ? 'reason' : 'note';
    const note = (text ?? '').trim() || null;
    if (status === 'rejected' && !note) throw textRefused('reason', '请填写驳回理由:销售会在报价单上看到它', 'a reason is required: the sales user reads it on the quote');
    if (note && note.length > DECISION_TEXT_MAX) throw textRefused(field, `至多 ${DECISION_TEXT_MAX} 个字符`, `must have at most ${DECISION_TEXT_MAX} characters`);
    if (status === 'issued' && shanghaiDate(clock()) > quote.validUntil) {
      throw new QuoteError('QUOTE_EXPIRED', `报价单 ${number} 已于 ${quote.validUntil} 过期,请修订后重新报价`, `Quote ${number} expired on ${quote.validUntil}; revise it for a new quote`);
    }
    const at = clock().toISOString();
    const audit = {
      actor: actor.name,
      action: status === 'issued' ? ('quote.approve' as const) : ('quote.reject' as const),
      target: number,
      details: { discountBasisPoints: quote.discountBasisPoints, totalFen: quote.totalFen, createdBy: quote.createdBy, [field]: note },
      address: actor.address,
    };
    if (!(await store.decide(number, { status, by: actor.name, at, note }, audit))) {
      const now = await store.get(number);
      throw notPending(number, now?.status ?? quote.status);
    }
    return (await store.get<QuoteDocument>(number))!;
  }

  /** Sales' own limit under each version, read once per version (versions never change). */
  async function salesLimits(versions: number[]): Promise<Map<number, number | null>> {
    const limits = new Map<number, number | null>();
    for (const version of new Set(versions)) {
      const policy = await deps.cache.version(version);
      limits.set(version, policy?.prices()?.discount.salesLimitBasisPoints ?? null);
    }
    return limits;
  }

  return {
    /** Sales' own discount limit under a version (null without a price list): what a pending quote is over. */
    salesLimit: async (version: number): Promise<number | null> => (await salesLimits([version])).get(version) ?? null,
    /** Approve a pending quote; the note is optional (at most 500 characters). */
    approve: (number: string, actor: Actor, note: string | null = null) => decide(number, 'issued', actor, note),
    /** Reject a pending quote; the reason is required (VALIDATION_FAILED on the field `reason` without one). */
    reject: (number: string, actor: Actor, reason: string | null = null) => decide(number, 'rejected', actor, reason),

    /** The approvals inbox: every quote waiting, the oldest first, a page at a time, with how far each is over the limit. */
    async approvalInbox(page: PageRequest): Promise<PageOf<ApprovalItem>> {
      const { items, total } = await store.search({ status: 'pending_approval', sort: 'oldest', offset: page.offset, limit: page.limit });
      const limits = await salesLimits(items.map((q) => q.policy.version));
      return {
        total,
        items: items.map((q) => {
          const limit = limits.get(q.policy.version) ?? null;
          return { ...q, salesLimitBasisPoints: limit, overLimitBasisPoints: limit === null ? null : q.discountBasisPoints - limit };
        }),
      };
    },

    /** How many quotes wait for a manager (the navigation's badge, the manager's home): one indexed count. */
    waitingCount: (): Promise<number> => store.countByStatus('pending_approval'),

    /**
     * The user's quotes rejected within the last `days` days (30 unless asked), the latest decision first, at
     * most `limit` (5 unless asked): each with decidedBy, decidedAt (UTC) and decisionNote, the reason given.
     */
    recentlyRejected(createdBy: string, options: { days?: number; limit?: number } = {}): Promise<QuoteListItem[]> {
      const since = new Date(clock().getTime() - (options.days ?? 30) * 86_400_000).toISOString();
      return store.rejectedFor(createdBy, { since, limit: options.limit ?? 5 });
    },
  };
}
