// Every setting the server reads is documented where operators look: deploy/env.example (which they copy) and
// the README's Configuration table. A new setting without both fails here.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../src/config/config.ts';
import { REPORT_KINDS } from '../../src/report/report-kinds.ts';

const envExample = fs.readFileSync('deploy/env.example', 'utf8');
const readme = fs.readFileSync('README.md', 'utf8');
const schedules = REPORT_KINDS.map((k) => `REPORT_${k.name.toUpperCase().replace(/-/g, '_')}_CRON`);

describe('the settings', () => {
  it('are many, and include the ones operators must set', () => {
    expect(SETTING_NAMES.length).toBeGreaterThan(40);
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(['DATABASE_URL', 'SESSION_SECRET', 'OUTBOX_LEASE_S']));
  });

  it.each([...SETTING_NAMES, ...schedules])('%s is in deploy/env.example and the README', (name) => {
    expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    expect(readme).toContain(`\`${name}\``);
  });

  it('lists nothing the server does not read', () => {
    const listed = [...envExample.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(listed.filter((n) => !SETTING_NAMES.includes(n!) && !schedules.includes(n!))).toEqual([]);
  });
});
