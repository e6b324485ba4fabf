// The navigation marks the section a page belongs to: the list itself as the current page, a page below it too.
import { expect, it } from 'vitest';
import { navSection } from '../../src/http/pages/page-context.ts';

it('marks the section of a page below a list, the more specific first, and nothing outside the sections', () => {
  expect(navSection('/requests')).toBe('/requests');
  expect(navSection('/requests/5')).toBe('/requests');
  expect(navSection('/requests/new')).toBe('/requests');
  expect(navSection('/reports/reviews/3')).toBe('/reports/reviews');
  expect(navSection('/reports/runs/2')).toBe('/reports');
  expect(navSection('/customers/1')).toBe('/customers');
  expect(navSection('/requestsx')).toBeNull();
  expect(navSection('/account/password')).toBeNull();
  expect(navSection('/')).toBeNull();
});
