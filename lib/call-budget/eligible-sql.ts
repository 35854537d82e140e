/**
 * The schedule's filter for the call budget, in SQL so the fan-out stays one query: a
 * connection is left out when today's budget is spent (its connection row, or every
 * synchronized account's transactions row where the provider counts per account). Mirrors
 * `callPolicy`; the query must join `institutions` to `bank_connections`.
 */
import { sql, type SQL } from "drizzle-orm";
import { bankConnections, institutions } from "@/db/schema";
import { DECIDING_SCOPE, periodStart, providerBudgets } from "./policy";

const literal = (value: string) => {
  // Provider names come from our own table; checked anyway since they are inlined.
  if (!/^[a-z]+$/.test(value)) throw new Error(`Unexpected provider name ${value}`);
  return sql.raw(`'${value}'`);
};

function dailyLimitSql(): SQL {
  const cases = providerBudgets().map(([name, budget]) =>
    budget.defaultDailyLimit === null
      ? sql`when ${literal(name)} then ${institutions.dailyCallLimit}`
      : sql`when ${literal(name)} then coalesce(${institutions.dailyCallLimit}, ${sql.raw(String(budget.defaultDailyLimit))})`,
  );
  return sql`(case ${bankConnections.provider} ${sql.join(cases, sql` `)} else null end)`;
}

/** Mirrors `runCost`: requests per synchronized account beyond the run's one call. */
function requestsPerAccountSql(): SQL {
  const cases = providerBudgets()
    .filter(([, budget]) => (budget.requestsPerAccount ?? 0) > 0)
    .map(([name, budget]) => sql`when ${literal(name)} then ${sql.raw(String(budget.requestsPerAccount))}`);
  return cases.length === 0 ? sql`0` : sql`(case ${bankConnections.provider} ${sql.join(cases, sql` `)} else 0 end)`;
}

function perAccountProvidersSql(): SQL {
  const names = providerBudgets().filter(([, budget]) => budget.scope === "account").map(([name]) => literal(name));
  return sql`(${sql.join(names, sql`, `)})`;
}

/** True for a connection that has a run's calls left today (or no daily count). */
export function hasCallBudgetLeft(now: Date): SQL {
  const period = periodStart(now).toISOString();
  const limit = dailyLimitSql();
  return sql`(
    ${limit} is null
    or (${bankConnections.provider} not in ${perAccountProvidersSql()} and not exists (
      select 1 from provider_call_counts c where c.connection_id = ${bankConnections.id} and c.scope = 'connection'
        and c.period_start = ${period}::timestamptz
        and c.calls + 1 + ${requestsPerAccountSql()} * (
          select count(*) from bank_accounts a where a.connection_id = ${bankConnections.id} and a.sync_enabled) > ${limit}))
    or (${bankConnections.provider} in ${perAccountProvidersSql()} and exists (
      select 1 from bank_accounts a where a.connection_id = ${bankConnections.id} and a.sync_enabled
        and not exists (select 1 from provider_call_counts c where c.connection_id = a.connection_id
          and c.scope = coalesce(a.provider_account_id, a.id::text) || ${sql.raw(`'|${DECIDING_SCOPE}'`)}
          and c.period_start = ${period}::timestamptz and c.calls >= ${limit}))))`;
}
