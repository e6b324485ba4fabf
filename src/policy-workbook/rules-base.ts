// What every rule of a rules document is made of, whatever sheet it comes from: the facts it tests, the cell and
// workbook it came from, and the shape json-rules-engine runs. Each sheet kind builds its own rules from these
// parts; rules-document.ts names the whole document.
import type { CellRef } from '../catalog/cell-ref.ts';

export interface RuleSource extends CellRef {
  workbookSha256: string;
}

export interface FactCondition {
  fact: 'offering' | 'tier' | 'service';
  operator: 'equal' | 'in';
  value: string | string[];
}

/** A rule whose event is of one type, with that type's parameters. */
export interface RuleOf<Type extends string, Params> {
  name: string;
  priority: number;
  conditions: { all: FactCondition[] };
  event: { type: Type; params: Params };
}

/** Any rule, as the document builder collects them from every kind. */
export type AnyRule = RuleOf<string, unknown>;

/** A catalog cell as a rule's source: the cell, and the workbook it is in. */
export type SourceOf = (ref: CellRef) => RuleSource;

/** The cell a rule's source names, without the workbook: how the catalog holds it. */
export const cellRefOf = (source: RuleSource): CellRef => ({ sheet: source.sheet, cell: source.cell });

// Conditions are immutable values; sharing one object per fact and value keeps large policies light.
const conditionCache = new Map<string, FactCondition>();

export function equal(fact: FactCondition['fact'], value: string): FactCondition {
  const key = `${fact}\u0000${value}`;
  let condition = conditionCache.get(key);
  if (!condition) {
    if (conditionCache.size > 50_000) conditionCache.clear();
    conditionCache.set(key, (condition = { fact, operator: 'equal', value }));
  }
  return condition;
}
