// One page of a long list, as the stores answer it: the rows asked for and how many there are in all, so a
// page can say "第 51–100 条,共 1,234 条" without loading the rest. Stores count and slice in SQL.

export interface PageRequest {
  /** Rows to skip, from 0. */
  offset: number;
  /** Rows to return at most. */
  limit: number;
}

export interface PageOf<T> {
  items: T[];
  /** Every row the filters match, on all pages. */
  total: number;
}

/** Escapes a search term for SQL `LIKE … ESCAPE '\'`: a typed % or _ is matched as itself, not as a wildcard. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
