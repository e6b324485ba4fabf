// Quotes for sales: the same rules that decide entitlements decide what may be sold; pricing makes the
// money exact to the fen; an issued quote is stored with everything it showed and never changes.
import type { AuditLog } from '../audit/audit-log.ts';
import type { ContractService } from '../contracts/contract-service.ts';
import { contractFacts, type EntitlementService } from '../entitlement/entitlement-service.ts';
import type { PolicyCache } from '../entitlement/policy-cache.ts';
import { PolicyChangedError } from '../policy/moving-in.ts';
import { SPECIAL_SERVICES, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { CompiledPolicy } from '../policy/compiled-policy.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import { serviceName } from '../catalog/catalog-names.ts';
import { formatBasisPoints } from './money.ts';
import { priceQuote } from './pricing.ts';
import { QUOTE_VALID_DAYS, type IncludedService, type QuoteDocument, type QuoteSeller } from './quote-document.ts';
import { QuoteError } from './quote-error.ts';
import { createQuoteRules } from './quote-rules.ts';
import { createQuoteApprovals } from './quote-approvals.ts';
import { quoteTerms } from './quote-terms.ts';
import type { QuoteSearch, QuoteStatus, QuoteStore, StoredQuote } from './quote-store.ts';
import type { QuoteInput, QuoteRefusal, QuoteUnit, SpecialServiceOrder } from './quote-types.ts';
import { addDays, dayOfDate, dayStartMs } from '../calendar/shanghai-time.ts';

export { QuoteError };

export interface QuoteDraft {
  /** An existing customer, or the name of a new one. */
  customerId?: number | null;
  customerName?: string | null;
  offering: Offering;
  tier: Tier;
  termYears: number;
  licenceFen?: number | null;
  specialServices: SpecialServiceOrder[];
  discountBasisPoints: number;
  /** Code-diagnosis uses a year the customer wants; beyond the tier's quota they are sold as project days. */
  codeDiagnosisUses?: number | null;
  notes?: string;
}

export type Quote = StoredQuote<QuoteDocument>;

export interface QuoteFormCatalog {
  services: { code: string; onPremiseOnly: boolean; unit: Record<Offering, QuoteUnit | null>; travel: boolean }[];
  /** `offering:tier` of each tier priced as a share of the licence (the licence amount is required for it). */
  licenceShare: string[];
}

export interface Actor {
  name: string;
  address: string | null;
}

/** A tier without code diagnosis sells each use at the catalog's size: 2人天/次 (docs/domain.md). */
const DIAGNOSIS_PERSON_DAYS = 2;


export function createQuoteService(deps: { store: QuoteStore; cache: PolicyCache; entitlements: EntitlementService; contracts: ContractService; audit: AuditLog; seller: QuoteSeller; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const quoteRules = createQuoteRules();
  const approvals = createQuoteApprovals({ store: deps.store, cache: deps.cache, clock });

  async function activePolicy(at: Date): Promise<CompiledPolicy> {
    const policy = await deps.cache.at(at);
    if (!policy) throw new QuoteError('QUOTE_NO_ACTIVE_POLICY', '当前没有生效的策略版本', 'No policy version is active');
    return policy;
  }

  /** What this tier includes, from the entitlement decisions. */
  async function includesOf(policy: CompiledPolicy, offering: Offering, tier: Tier, at: Date): Promise<IncludedService[]> {
    const decisions = await deps.entitlements.all(contractFacts({ offering, tier }), at);
    return decisions
      .filter((d) => d.entitled && !policy.isSpecial(d.service))
      .map((d) => ({
        service: d.service,
        name: policy.entitlement(offering, tier, d.service)?.label ?? d.service,
        channel: d.channel,
        responseWindow: d.responseWindow,
        coverage: d.coverage,
        quota: d.quota?.kind === 'yearly_uses' ? { perYear: d.quota.perYear, personDaysEach: d.quota.personDaysEach, onsite: d.quota.onsite } : null,
        deliverables: d.deliverables,
      }));
  }

  /** Prices a draft through the sales rules; refuses with every reason at once. */
  async function compute(draft: QuoteDraft, at: Date): Promise<{ document: Omit<QuoteDocument, 'customer'>; status: QuoteStatus }> {
    const policy = await activePolicy(at);
    const prices = policy.prices();
    if (!prices) throw new QuoteError('NO_PRICE_LIST', '生效的策略版本没有价格表(价格工作表)', 'The active policy version has no price list (价格 sheet)');
    const unknown = draft.specialServices.map((s, i) => ({ s, i })).filter(({ s }) => !policy.isSpecial(s.service));
    if (unknown.length > 0) {
      throw new QuoteError('VALIDATION_FAILED', `不是可购买的专项服务:${unknown.map(({ s }) => serviceName(s.service, 'zh')).join('、')}`, `Not special services that can be sold: ${unknown.map(({ s }) => serviceName(s.service, 'en')).join(', ')}`, unknown.map(({ i }) => ({ field: `specialServices.${i}.service`, message: 'not a special service' })));
    }
    const onPremiseOnly = draft.specialServices.filter((s) => !policy.special(draft.offering, s.service) && policy.special('on_premise', s.service)).map((s) => s.service);
    const code = policy.entitlement(draft.offering, draft.tier, 'code_diagnosis');
    const included = code?.included && code.quota ? { perYear: code.quota.perYear, personDaysEach: code.quota.personDaysEach } : null;
    const events = await quoteRules.evaluate({
      offering: draft.offering,
      onPremiseOnlyRequested: onPremiseOnly.length,
      discountBasisPoints: draft.discountBasisPoints,
      salesLimitBasisPoints: prices.discount.salesLimitBasisPoints,
      maximumBasisPoints: prices.discount.maximumBasisPoints,
      codeDiagnosisUses: draft.codeDiagnosisUses ?? 0,
      codeDiagnosisPerYear: included?.perYear ?? 0,
    });
    if (events.some((e) => e.type === 'refuse' && e.params.code === 'ON_PREMISE_ONLY')) {
      // Names, not codes, in the words; the codes stay in details for the API and for the form to mark its fields.
      throw new QuoteError('ON_PREMISE_ONLY', `仅面向私有云客户的服务不能报给公有云客户:${onPremiseOnly.map((c) => serviceName(c, 'zh')).join('、')}`, `On-premise-only services cannot be quoted to a cloud customer: ${onPremiseOnly.map((c) => serviceName(c, 'en')).join(', ')}`, { services: onPremiseOnly });
    }
    const input: QuoteInput = {
      offering: draft.offering,
      tier: draft.tier,
      termYears: draft.termYears,
      licenceFen: draft.licenceFen ?? null,
      specialServices: draft.specialServices,
      discountBasisPoints: draft.discountBasisPoints,
      includedCodeDiagnosis: included,
      codeDiagnosisRequested: draft.codeDiagnosisUses ? { uses: draft.codeDiagnosisUses, personDaysEach: included?.personDaysEach ?? DIAGNOSIS_PERSON_DAYS } : null,
    };
    const outcome = priceQuote(prices, input);
    const refusals = outcome.ok ? [] : [...outcome.refusals];
    if (events.some((e) => e.type === 'refuse' && e.params.code === 'DISCOUNT_TOO_LARGE')) {
      const [asked, max] = [formatBasisPoints(draft.discountBasisPoints), formatBasisPoints(prices.discount.maximumBasisPoints)];
      refusals.push({ code: 'DISCOUNT_TOO_LARGE', field: 'discountBasisPoints', message: `折扣 ${asked} 超过折扣上限 ${max},经理也不能批准 / a discount of ${asked} is over the maximum of ${max}, which not even a manager may approve` });
    }
    if (!outcome.ok || refusals.length > 0) throw refused(refusals);
    const date = shanghaiDate(at);
    const document: Omit<QuoteDocument, 'customer'> = {
      ...outcome.quote,
      date,
      validUntil: addDays(date, QUOTE_VALID_DAYS),
      policy: { id: policy.id, version: policy.version },
      includes: await includesOf(policy, draft.offering, draft.tier, at),
      onPremiseOnly: draft.specialServices.map((s) => s.service).filter((s) => policy.special('on_premise', s)?.onPremiseOnly),
      notes: (draft.notes ?? '').trim().slice(0, 2000),
      rules: events.map((e) => ('code' in e.params ? e.params.code : `${e.params.service}→${e.params.as}`)),
      validDays: QUOTE_VALID_DAYS,
      terms: quoteTerms(QUOTE_VALID_DAYS, policy.version),
    };
    return { document, status: events.some((e) => e.type === 'approval_required') ? 'pending_approval' : 'issued' };
  }

  async function customerOf(draft: QuoteDraft, actor: Actor): Promise<{ id: number; name: string }> {
    if (draft.customerId) {
      const customer = await deps.contracts.getCustomer(draft.customerId);
      return { id: customer.id, name: customer.name };
    }
    const name = (draft.customerName ?? '').trim();
    const existing = name ? await deps.contracts.customerNamed(name) : null;
    const customer = existing ?? (await deps.contracts.createCustomer({ name }, actor));
    return { id: customer.id, name: customer.name };
  }

  async function store(draft: QuoteDraft, actor: Actor, revisionOf?: string): Promise<Quote> {
    try {
      return await storeOnce(draft, actor, revisionOf);
    } catch (err) {
      // The version in force changed between computing and storing (moving in, or an activation this instance had
      // not read yet): compute once more under the version in force now.
      if (!(err instanceof PolicyChangedError)) throw err;
      deps.cache.invalidate();
      return storeOnce(draft, actor, revisionOf);
    }
  }

  async function storeOnce(draft: QuoteDraft, actor: Actor, revisionOf?: string): Promise<Quote> {
    const now = clock();
    const { document, status } = await compute(draft, now);
    const customer = await customerOf(draft, actor);
    return deps.store.create<QuoteDocument>(
      {
        customerId: customer.id,
        offering: draft.offering,
        tier: draft.tier,
        termYears: draft.termYears,
        discountBasisPoints: draft.discountBasisPoints,
        status,
        policy: document.policy,
        totalFen: document.totalFen,
        // The seller as configured now is part of what the customer signs: stored, never re-read.
        document: { ...document, customer, seller: deps.seller, asked: { licenceFen: draft.licenceFen ?? null, specialServices: draft.specialServices.map((o) => ({ ...o })), codeDiagnosisUses: draft.codeDiagnosisUses ?? null } },
        validUntil: document.validUntil,
        createdBy: actor.name,
        createdAt: now.toISOString(),
      },
      {
        year: Number(document.date.slice(0, 4)),
        revisionOf,
        audit: { actor: actor.name, action: revisionOf ? 'quote.revise' : 'quote.create', target: null, details: { customerId: customer.id, status, totalFen: document.totalFen, discountBasisPoints: draft.discountBasisPoints, ...(revisionOf ? { revisionOf } : {}) }, address: actor.address },
      },
    );
  }

  async function requireQuote(number: string): Promise<Quote> {
    const quote = await deps.store.get<QuoteDocument>(number);
    if (!quote) throw new QuoteError('QUOTE_NOT_FOUND', `报价单 ${number} 不存在`, `Quote ${number} does not exist`);
    return quote;
  }

  /**
   * What the quote form offers under the version in force: every special service with the unit its price is
   * counted in (per offering, as the price list sets it), and which tiers are priced as a share of the licence.
   */
  async function formCatalog(): Promise<QuoteFormCatalog> {
    const prices = (await activePolicy(clock())).prices();
    const priceOf = (service: string, offering: Offering) => prices?.specialServices.find((p) => p.service === service && (p.offering === offering || p.offering === null));
    const unitOf = (service: string, offering: Offering): QuoteUnit | null => {
      const unit = priceOf(service, offering)?.unit;
      return unit === 'person_day' ? '人天' : unit === 'item' ? '项' : null;
    };
    return {
      services: SPECIAL_SERVICES.map((s) => ({
        code: s.code,
        onPremiseOnly: s.onPremiseOnly,
        unit: { on_premise: unitOf(s.code, 'on_premise'), cloud: s.onPremiseOnly ? null : unitOf(s.code, 'cloud') },
        travel: (priceOf(s.code, 'on_premise')?.travelPerTripFen ?? priceOf(s.code, 'cloud')?.travelPerTripFen ?? null) !== null,
      })),
      licenceShare: (prices?.tiers ?? []).filter((t) => t.method === 'licence_share').map((t) => `${t.offering}:${t.tier}`),
    };
  }

  return {
    formCatalog,
    /** The quote as it would be issued now, without storing it: the form's live totals. */
    preview: async (draft: QuoteDraft) => compute(draft, clock()),
    create: (draft: QuoteDraft, actor: Actor) => store(draft, actor),
    /** A revision is a new quote with its own number (Q-2026-000123-R2); the one it revises stays as it was. */
    async revise(number: string, draft: QuoteDraft, actor: Actor): Promise<Quote> {
      const original = await requireQuote(number);
      return store({ ...draft, customerId: original.customerId }, actor, original.baseNumber);
    },
    get: requireQuote,
    /** The seller block a quote shows: its own, or for a quote made before quotes stored one, today's. */
    sellerOf: (quote: Quote): QuoteSeller => quote.document.seller ?? deps.seller,
    list: (query: { customerId?: number; status?: QuoteStatus; limit: number; offset: number }) => deps.store.list<QuoteDocument>(query),
    /** The quotes list: dates are Asia/Shanghai days (from and to both included); all of it is the store's SQL. */
    search: (query: Omit<QuoteSearch, 'createdFrom' | 'createdBefore'> & { fromDate?: string; toDate?: string }) => {
      const { fromDate, toDate, ...rest } = query;
      const startOf = (date: string | undefined, plus: number) => {
        const day = date ? dayOfDate(date) : null;
        return day === null ? undefined : new Date(dayStartMs(day + plus)).toISOString();
      };
      return deps.store.search({ ...rest, createdFrom: startOf(fromDate, 0), createdBefore: startOf(toDate, 1) });
    },
    authors: () => deps.store.authors(),
    revisions: (baseNumber: string) => deps.store.revisions<QuoteDocument>(baseNumber),
    // Approvals (quote-approvals.ts): approve (optional note), reject (required reason), and for the approvals
    // page, the navigation's badge and the home pages: approvalInbox (the quotes waiting, oldest first, paged),
    // waitingCount (how many wait) and recentlyRejected(user) (their quotes rejected lately, with the reason).
    ...approvals,
  };
}

function refused(refusals: QuoteRefusal[]): QuoteError {
  const zh = refusals.map((r) => r.message.split(' / ')[0]).join(';');
  return new QuoteError('QUOTE_REFUSED', `报价未通过:${zh}`, `The quote was refused: ${refusals.map((r) => r.code).join(', ')}`, { reasons: refusals });
}

export type QuoteService = ReturnType<typeof createQuoteService>;
