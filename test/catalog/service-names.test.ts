// Every known service has a name in both languages, the Chinese one the catalog's canonical name.
import { describe, expect, it } from 'vitest';
import { SPECIAL_SERVICES, TIER_SERVICES } from '../../src/catalog/catalog-codes.ts';
import { SERVICE_NAMES, serviceName } from '../../src/catalog/catalog-names.ts';

describe('service names', () => {
  it('name every tier and special service, in Chinese as the catalog does and in English', () => {
    for (const def of [...TIER_SERVICES, ...SPECIAL_SERVICES]) {
      expect(SERVICE_NAMES[def.code]?.zh, def.code).toBe(def.names[0]);
      expect(SERVICE_NAMES[def.code]?.en, def.code).toMatch(/^[A-Z][a-z -]+$/);
    }
    expect(Object.keys(SERVICE_NAMES).sort()).toEqual([...TIER_SERVICES, ...SPECIAL_SERVICES].map((d) => d.code).sort());
  });

  it('name a service the workbook introduced by its label, and only an unlabelled one by its code', () => {
    expect(serviceName('emergency_fault', 'zh')).toBe('紧急故障处理');
    expect(serviceName('emergency_fault', 'en')).toBe('Emergency faults');
    expect(serviceName('ai_assist', 'zh', '智能助手')).toBe('智能助手');
    expect(serviceName('ai_assist', 'en', '')).toBe('ai_assist');
  });
});
