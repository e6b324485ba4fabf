// The unit project (vitest.config.ts) promises a run in seconds: no database, no child process, no browser.
// Test support that opens one of those calls this first, so that a file doing so outside the database and e2e
// lists of vitest.config.ts fails with the reason instead of quietly slowing every developer's unit run.
export function refuseInUnitProject(what: string): void {
  if (process.env.ENTITLE_TEST_PROJECT === 'unit') {
    throw new Error(`${what} in the unit project: list this test file under DATABASE or E2E in vitest.config.ts`);
  }
}
