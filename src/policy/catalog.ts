// The catalog as the importer reads it and the exporter writes it: plain values, no workbook library types.
import type { DeliveredBy, Offering, ServiceKind, Tier } from './catalog-codes.ts';

export interface CellRef {
  sheet: string;
  /** A1 address. */
  cell: string;
}

export interface ResponseWindow {
  amount: number;
  unit: 'working_day' | 'working_hour';
}

export interface Coverage {
  daysPerWeek: number;
  hoursPerDay: number;
}

export interface Quota {
  perYear: number;
  personDaysEach: number;
  onsite: boolean;
}

export type Channel = 'standard' | 'dedicated';

/** What one tier cell grants. */
export interface TierGrant {
  included: boolean;
  channel: Channel | null;
  responseWindow: ResponseWindow | null;
  coverage: Coverage | null;
  quota: Quota | null;
  deliverables: string[];
  /** The cell's text, normalised (full-width folded, spaces collapsed); '' when blank. */
  text: string;
  source: CellRef;
}

export interface TierServiceEntry {
  offering: Offering;
  service: string;
  /** 服务项目 as the workbook names it. */
  label: string;
  kind: ServiceKind;
  grants: Record<Tier, TierGrant>;
  source: CellRef;
}

export interface SpecialServiceEntry {
  offering: Offering;
  service: string;
  label: string;
  description: string;
  deliveredBy: DeliveredBy;
  source: CellRef;
}

export type TableKind = 'tiers' | 'special_services';

/** One table found in the workbook, in workbook order; a sheet may hold several. */
export interface CatalogTable {
  sheet: string;
  kind: TableKind;
  offering: Offering;
  title: string | null;
  headerCell: string;
}

export interface Catalog {
  tables: CatalogTable[];
  tierServices: TierServiceEntry[];
  specialServices: SpecialServiceEntry[];
}

/** Hours a response window lasts: 1 working day = 8 working hours (DOMAIN.md, Time). */
export function windowHours(w: ResponseWindow): number {
  return w.unit === 'working_day' ? w.amount * 8 : w.amount;
}
