// What a service request may become, and the priority it starts with (docs/service-requests.md). Pure: the
// use cases ask here before they write, and the store writes only a change from the state they read.
import { RequestError } from './request-error.ts';

/** 新建 → 处理中 → 待客户反馈 → 已解决 → 已关闭, with reopen. */
export const REQUEST_STATES = ['new', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The states the desk still works on: the queue's default tab. */
export const ACTIVE_STATES: readonly RequestState[] = ['new', 'in_progress', 'waiting_customer'];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const isRequestState = (value: string): value is RequestState => (REQUEST_STATES as readonly string[]).includes(value);
export const isPriority = (value: string): value is Priority => (PRIORITIES as readonly string[]).includes(value);

/**
 * The priority a request starts with, by service. P1: the customer cannot work (紧急故障处理). P2: production is
 * impaired or its data wrong (系统运维, 数据修复). P4: planned or advisory work with no one blocked. P3: every
 * other question or problem (问题反馈 and the rest), and services the catalog added under codes of its own.
 */
const DEFAULT_PRIORITY: Readonly<Record<string, Priority>> = {
  emergency_fault: 'P1',
  system_ops: 'P2',
  data_repair: 'P2',
  app_improvement: 'P4',
  customer_success: 'P4',
  community: 'P4',
  update_license: 'P4',
  self_service_ops: 'P4',
  data_optimization: 'P4',
};

export function defaultPriority(service: string): Priority {
  return DEFAULT_PRIORITY[service] ?? 'P3';
}

/** The moves the status form offers; resolve, close and reopen have forms of their own. */
const NEXT: Readonly<Record<RequestState, readonly RequestState[]>> = {
  new: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function nextStates(state: RequestState): readonly RequestState[] {
  return NEXT[state];
}

const STATE_NAMES: Record<RequestState, { zh: string; en: string }> = {
  new: { zh: '新建', en: 'new' },
  in_progress: { zh: '处理中', en: 'in progress' },
  waiting_customer: { zh: '待客户反馈', en: 'waiting for the customer' },
  resolved: { zh: '已解决', en: 'resolved' },
  closed: { zh: '已关闭', en: 'closed' },
};

export function stateName(state: RequestState): { zh: string; en: string } {
  return STATE_NAMES[state];
}

/** Refuses a move the flow does not have, saying what the request is and what it may become. */
export function assertTransition(id: number, from: RequestState, to: RequestState): void {
  if (NEXT[from].includes(to)) return;
  const allowed = NEXT[from];
  throw new RequestError(
    'INVALID_TRANSITION',
    `服务请求 #${id} 当前为「${STATE_NAMES[from].zh}」,不能改为「${STATE_NAMES[to].zh}」;可改为:${allowed.map((s) => `「${STATE_NAMES[s].zh}」`).join('、')}`,
    `Service request #${id} is ${STATE_NAMES[from].en} and cannot become ${STATE_NAMES[to].en}; it may become: ${allowed.map((s) => STATE_NAMES[s].en).join(', ')}`,
    { state: from, requested: to, allowed },
  );
}

/** A reopen leaves resolved or closed for 处理中. */
export const isReopen = (from: RequestState, to: RequestState) => (from === 'resolved' || from === 'closed') && to === 'in_progress';
