// 总部专家建议 from an expert: a 尊享 yearly report is drafted at its slot with the rules' findings as proposed
// advice and waits in the review queue for REPORT_REVIEW_DAYS working days on 标准工作日. An expert reads the
// figures, edits, adds or removes lines and approves: the report is queued with the expert's name under
// 总部专家建议. A draft nobody approved in time goes out with the drafted lines headed 系统建议, never as an
// expert's. Each decision is taken once and its message queued once (report-review-store.ts), also with several
// instances on one database.
import { addBusinessTime } from '../../calendar/business-time.ts';
import type { Calendar } from '../../calendar/calendar-types.ts';
import { HOUR_MS } from '../../calendar/shanghai-time.ts';
import { formatShanghai } from '../../calendar/instants.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { NewOutboxMessage, OutboxRecipients } from '../outbox/outbox-store.ts';
import type { ReportDataStore } from '../report-data-store.ts';
import { yearlyRecipients } from '../report-recipients.ts';
import type { Review, ReviewCounts, ReviewEntry, ReviewStatus, ReviewStore } from './report-review-store.ts';
import type { AdviceLine } from '../report-types.ts';
import type { YearlyReport } from '../kinds/yearly/yearly-report.ts';
import { parseStoredReport } from '../stored-report.ts';

export type ReviewErrorCode = 'VALIDATION_FAILED' | 'REVIEW_NOT_FOUND' | 'REVIEW_DECIDED';
export class ReviewError extends DomainError<ReviewErrorCode> {}

/** What an expert may write: plain text, one line each, bounded so that a report stays a report. */
export const ADVICE_LIMITS = { lines: 12, chars: 500 } as const;

export const DEFAULT_REVIEW_DAYS = 3;

const RELEASE_BATCH = 50;

/** When a draft cut off at `cutoff` goes out unreviewed: `days` working days of 标准工作日 later. */
export function reviewDueAt(calendar: Calendar, cutoff: Date, days: number): Date {
  return new Date(addBusinessTime(calendar, cutoff.getTime(), days * calendar.hoursPerWorkingDay * HOUR_MS).at);
}

// Line breaks and other control characters have no place in one line of advice (bidi overrides included).
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * The expert's lines, checked: each trimmed, not empty, at most ADVICE_LIMITS.chars characters, no control
 * characters; at most ADVICE_LIMITS.lines of them (none is allowed: "no particular advice"). A line that reads
 * as a drafted one keeps that line's English and rule; any other is the expert's, in their words for both languages.
 */
export function checkedAdvice(input: readonly string[], drafted: readonly AdviceLine[]): AdviceLine[] {
  const problems: { field: string; message: string }[] = [];
  if (input.length > ADVICE_LIMITS.lines) problems.push({ field: 'lines', message: `at most ${ADVICE_LIMITS.lines} lines` });
  const lines = input.map((raw, i) => {
    const text = raw.trim();
    const field = `lines.${i}`;
    if (text === '') problems.push({ field, message: 'empty' });
    else if (text.length > ADVICE_LIMITS.chars) problems.push({ field, message: `longer than ${ADVICE_LIMITS.chars} characters` });
    else if (CONTROL.test(text)) problems.push({ field, message: 'line breaks and control characters are not allowed' });
    const same = drafted.find((d) => d.zh.trim() === text);
    return same ? { ...same } : { code: 'expert', service: null, zh: text, en: text };
  });
  if (problems.length > 0) {
    throw new ReviewError(
      'VALIDATION_FAILED',
      `建议每行一条,不能为空,每条不超过 ${ADVICE_LIMITS.chars} 个字符,最多 ${ADVICE_LIMITS.lines} 条`,
      `One piece of advice per line, none empty, each at most ${ADVICE_LIMITS.chars} characters, at most ${ADVICE_LIMITS.lines} lines`,
      problems,
    );
  }
  return lines;
}

export interface ReviewQueueDeps {
  reviews: ReviewStore;
  store: ReportDataStore;
  /** The subject of a report (the renderer's). */
  subject: (report: YearlyReport) => string;
  clock: () => Date;
}

export interface ReviewView extends ReviewEntry {
  /** The drafted (or, once decided, the sent) report. */
  report: YearlyReport;
  /** Pending and past its due instant. */
  overdue: boolean;
}

export function createReviewQueue(deps: ReviewQueueDeps) {
  const { reviews } = deps;

  const view = (review: Review, now: Date): ReviewView => {
    const { reportJson, ...entry } = review;
    const report = parseStoredReport<YearlyReport>(reportJson);
    // Once decided, the report reads as it was sent.
    if (review.status !== 'pending' && review.advice) report.advice = adviceAsSent(review.status, review.advice, review.reviewer, review.decidedAt);
    return { ...entry, report, overdue: review.status === 'pending' && review.dueAt <= now.toISOString() };
  };

  /** The current addresses (a contact fixed during the review counts), else those the draft was made with. */
  async function recipientsOf(review: Review): Promise<OutboxRecipients> {
    const contract = await deps.store.getContract(review.contractId);
    const current = contract ? yearlyRecipients(contract) : null;
    return current && current.to.length > 0 ? { to: current.to, cc: current.cc } : review.recipients;
  }

  async function decide(review: Review, status: 'approved' | 'released', advice: AdviceLine[], reviewer: string | null, at: Date): Promise<Review | null> {
    const report = parseStoredReport<YearlyReport>(review.reportJson);
    report.advice = adviceAsSent(status, advice, reviewer, at.toISOString());
    const message: NewOutboxMessage = {
      job: 'yearly',
      periodKey: review.periodEnd,
      recipient: `contract:${review.contractId}`,
      revision: 1,
      subject: deps.subject(report),
      html: '',
      text: '',
      reportJson: JSON.stringify(report),
      recipients: await recipientsOf(review),
    };
    const target = `contract:${review.contractId}:${review.periodEnd}`;
    return reviews.decide(review.id, {
      status,
      at: at.toISOString(),
      reviewer,
      advice,
      message,
      audit:
        status === 'approved'
          ? { actor: reviewer!, action: 'report.review_approve', target, details: { reviewId: review.id, lines: advice.length, edited: advice.filter((l) => l.code === 'expert').length }, address: null }
          : { actor: 'system', action: 'report.review_release', target, details: { reviewId: review.id, dueAt: review.dueAt, lines: advice.length }, address: null },
    });
  }

  async function requireReview(id: number): Promise<Review> {
    const review = await reviews.get(id);
    if (!review) throw new ReviewError('REVIEW_NOT_FOUND', `没有编号为 ${id} 的审核`, `There is no review ${id}`);
    return review;
  }

  function decidedAlready(review: Review): ReviewError {
    const when = review.decidedAt ? formatShanghai(review.decidedAt) : '';
    return review.status === 'approved'
      ? new ReviewError('REVIEW_DECIDED', `该报告已由 ${review.reviewer} 于 ${when} 审核并发出`, `This report was approved by ${review.reviewer} at ${when} and sent`)
      : new ReviewError('REVIEW_DECIDED', `该报告审核已超期,已于 ${when} 按系统建议发出`, `Nobody reviewed this report in time: it went out with the system's advice at ${when}`);
  }

  return {
    async list(query: { status?: ReviewStatus; limit: number; offset: number }): Promise<(ReviewEntry & { overdue: boolean })[]> {
      const now = deps.clock().toISOString();
      return (await reviews.list(query)).map((r) => ({ ...r, overdue: r.status === 'pending' && r.dueAt <= now }));
    },

    counts(): Promise<ReviewCounts> {
      return reviews.counts(deps.clock());
    },

    recentlyReleased(limit = 20): Promise<ReviewEntry[]> {
      return reviews.recentlyReleased(limit);
    },

    async get(id: number): Promise<ReviewView> {
      return view(await requireReview(id), deps.clock());
    },

    /** The review of a contract year, if its report was drafted for one. */
    async ofYear(contractId: number, periodEnd: string): Promise<ReviewView | null> {
      const review = await reviews.byYear(contractId, periodEnd);
      return review ? view(review, deps.clock()) : null;
    },

    /** An expert approves the lines (edited, added, removed): the report is queued with their name under 总部专家建议. */
    async approve(id: number, lines: readonly string[], reviewer: string): Promise<ReviewView> {
      const review = await requireReview(id);
      if (review.status !== 'pending') throw decidedAlready(review);
      const drafted = parseStoredReport<YearlyReport>(review.reportJson).advice.lines;
      const advice = checkedAdvice(lines, drafted);
      const now = deps.clock();
      const decided = await decide(review, 'approved', advice, reviewer, now);
      if (!decided) throw decidedAlready((await reviews.get(id)) ?? review);
      return view(decided, now);
    },

    /**
     * Sends every draft past its due instant with the drafted lines as 系统建议; returns how many this call sent,
     * and which it could not (each is tried again at the next call; one bad draft never holds up the others).
     */
    async releaseOverdue(now: Date): Promise<{ released: number; failed: { id: number; error: unknown }[] }> {
      let released = 0;
      const failed: { id: number; error: unknown }[] = [];
      // First what a crash left decided but unqueued (each queue is idempotent), then what has fallen due.
      for (const id of await reviews.unqueued(RELEASE_BATCH)) {
        try {
          await reviews.queue(id);
        } catch (err) {
          failed.push({ id, error: err });
        }
      }
      const skip = new Set<number>();
      for (;;) {
        const ids = (await reviews.overdue(now, RELEASE_BATCH + skip.size)).filter((id) => !skip.has(id));
        let taken = 0;
        for (const id of ids) {
          try {
            const review = await reviews.get(id);
            if (!review || review.status !== 'pending') continue;
            const drafted = parseStoredReport<YearlyReport>(review.reportJson).advice.lines;
            if (await decide(review, 'released', drafted, null, now)) taken++;
          } catch (err) {
            skip.add(id);
            failed.push({ id, error: err });
          }
        }
        released += taken;
        // The last batch ends the loop, as does one that another instance took entirely.
        if (ids.length < RELEASE_BATCH || taken === 0) return { released, failed };
      }
    },
  };
}

export type ReviewQueue = ReturnType<typeof createReviewQueue>;

/** The advice block of a report as it goes out. */
export function adviceAsSent(status: ReviewStatus, lines: AdviceLine[], reviewer: string | null, at: string | null): YearlyReport['advice'] {
  if (status === 'approved') return { heading: 'expert', lines, reviewer: { name: reviewer ?? '', at: at ?? '' } };
  if (status === 'released') return { heading: 'system', lines };
  return { heading: 'draft', lines };
}
