import { expect, it } from 'vitest';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { parseInstant } from '../../src/calendar/instants.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { manualClock, sampleWorkbook } from '../support/fixtures.ts';

describeEachDatabase('activation dates', (current) => {
  it('reads a date as midnight in Asia/Shanghai, and today’s date as now', async () => {
    // 2026-11-27 21:00 in Shanghai.
    const clock = manualClock('2026-11-27T13:00:00.000Z');
    const policies = createPolicyService(createPolicyRepository(current().db), clock.now);
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 's.xlsx', actor: 'a' });

    const today = await policies.activate(1, 'a', parseInstant('2026-11-27'));
    expect(today.effectiveFrom).toBe('2026-11-27T13:00:00.000Z');
    const tomorrow = await policies.activate(1, 'a', parseInstant('2026-11-28'));
    expect(tomorrow.effectiveFrom).toBe('2026-11-27T16:00:00.000Z');
    // Yesterday is the past: allowed only as moving in (the installation's first policy, nothing decided yet), as here;
    // test/policy/moving-in.test.ts has the refusals.
    expect((await policies.activate(1, 'a', parseInstant('2026-11-26'))).effectiveFrom).toBe('2026-11-25T16:00:00.000Z');
  });
});
