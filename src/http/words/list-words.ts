// The words lists and forms share: the pager under every long list, its export link, and the summary of a
// refused form's problems at its top.
import type { Words } from '../../shared/i18n.ts';

export const LIST_WORDS = {
  pagerLabel: { zh: '分页', en: 'Pages' },
  pagerRange: { zh: '第 {from}–{to} 条,共 {total} 条', en: '{from}–{to} of {total}' },
  pagerEmpty: { zh: '共 0 条', en: 'None' },
  pagerPrev: { zh: '上一页', en: 'Previous' },
  pagerNext: { zh: '下一页', en: 'Next' },
  pagerPage: { zh: '第 {n} 页', en: 'Page {n}' },
  exportView: { zh: '导出当前列表(Excel)', en: 'Export this view (Excel)' },
  listSearch: { zh: '搜索', en: 'Search' },
  filter: { zh: '筛选', en: 'Filter' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  sortBy: { zh: '排序', en: 'Sort by' },
  anyValue: { zh: '全部', en: 'Any' },
  errorSummaryTitleOne: { zh: '有 1 处需要修改,请更正后再提交:', en: 'There is 1 problem to fix before submitting:' },
  errorSummaryTitleMany: { zh: '有 {n} 处需要修改,请更正后再提交:', en: 'There are {n} problems to fix before submitting:' },
} as const satisfies Words;
