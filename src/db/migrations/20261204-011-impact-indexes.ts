import type { Knex } from 'knex';

// A policy page counts and lists the contracts in force that a new version touches (see contractsInScope in
// contract-repository.ts): by offering × tier, and by the special services bought. Without these indexes each
// view read every contract. The end date leads where a range on it is all there is to read (the contracts in
// force), and follows the equalities otherwise; contract_services' primary key starts with the contract, so the
// service needs its own index to find the contracts that hold it.
const IN_FORCE = 'contracts_ends_on_index';
const BY_TIER = 'contracts_offering_tier_ends_on_index';
const BY_SERVICE = 'contract_services_service_contract_id_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contracts', (t) => {
    t.index(['ends_on'], IN_FORCE);
    t.index(['offering', 'tier', 'ends_on'], BY_TIER);
  });
  await knex.schema.alterTable('contract_services', (t) => {
    t.index(['service', 'contract_id'], BY_SERVICE);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contract_services', (t) => {
    t.dropIndex(['service', 'contract_id'], BY_SERVICE);
  });
  await knex.schema.alterTable('contracts', (t) => {
    t.dropIndex(['offering', 'tier', 'ends_on'], BY_TIER);
    t.dropIndex(['ends_on'], IN_FORCE);
  });
}
