/**
 * Records verified webhook deliveries: the one database write before the HTTP answer.
 * Deliveries that arrive while a statement runs wait for the next one and go together
 * (batcher.ts), so a burst costs one round trip and one commit per batch instead of two
 * per delivery; that is what keeps intake near the framework's own ceiling.
 *
 * The same statement matches each delivery to its connection: one for a connection we do
 * not have is not kept (anyone holding a provider's secret could otherwise fill the table),
 * and a provider event id already recorded, in the table or earlier in the same batch,
 * is a duplicate.
 */
import type { Db } from "@/db/client";
import { createBatcher } from "./batcher";

export type Delivery = { provider: string; dedupeKey: string; eventType: string; kind: string; refHash: string; payload: unknown };

export type Recorded =
  | { outcome: "recorded"; webhookEventId: string; connectionId: string; companyId: string }
  | { outcome: "duplicate" }
  | { outcome: "unknown_connection" };

const batchers = new WeakMap<Db, (delivery: Delivery) => Promise<Recorded>>();

export function recordDelivery(db: Db, delivery: Delivery): Promise<Recorded> {
  let record = batchers.get(db);
  if (!record) batchers.set(db, (record = createBatcher((deliveries: Delivery[]) => recordBatch(db, deliveries))));
  return record(delivery);
}

type Row = { ord: number; connection_id: string | null; company_id: string | null; first: boolean | null; webhook_event_id: string | null };

/**
 * One statement for a batch; the answers come back in the batch's order. It goes through
 * the driver's tagged template, which prepares it once per connection: each batch is then
 * one round trip (Drizzle's `execute` sends it unprepared, asking PostgreSQL to describe
 * its parameters first, which is a second round trip and a parse and plan every time).
 */
async function recordBatch(db: Db, deliveries: Delivery[]): Promise<Recorded[]> {
  const incoming = JSON.stringify(deliveries.map((d, ord) => ({ ord, provider: d.provider, dedupe_key: d.dedupeKey, event_type: d.eventType, kind: d.kind, ref_hash: d.refHash, payload: d.payload })));
  const rows = await db.$client<Row[]>`
    with incoming as (
      select * from jsonb_to_recordset(${incoming}::jsonb)
        as i(ord int, provider text, dedupe_key text, event_type text, kind text, ref_hash text, payload jsonb)
    ),
    matched as (
      select distinct on (i.provider, i.dedupe_key) i.*, c.id as connection_id, c.company_id
      from incoming i
      -- One index probe per delivery, whatever the plan: the prepared statement's plan is
      -- made without knowing how many deliveries a batch holds.
      cross join lateral (
        select id, company_id from bank_connections
        where provider = i.provider and provider_ref_hash = i.ref_hash limit 1
      ) c
      order by i.provider, i.dedupe_key, i.ord
    ),
    inserted as (
      insert into webhook_events (provider, dedupe_key, event_type, kind, provider_connection_ref, signature_valid, payload)
      select provider, dedupe_key, event_type, kind, ref_hash, true, payload from matched
      on conflict (provider, dedupe_key) do nothing
      returning id, provider, dedupe_key
    )
    select i.ord, m.connection_id, m.company_id, m.ord = i.ord as first, ins.id as webhook_event_id
    from incoming i
    left join matched m on m.provider = i.provider and m.dedupe_key = i.dedupe_key
    left join inserted ins on ins.provider = i.provider and ins.dedupe_key = i.dedupe_key
  `;
  const byOrd = new Map(rows.map((r) => [r.ord, r]));
  return deliveries.map((_, ord): Recorded => {
    const row = byOrd.get(ord);
    if (!row?.connection_id || !row.company_id) return { outcome: "unknown_connection" };
    if (row.first && row.webhook_event_id) return { outcome: "recorded", webhookEventId: row.webhook_event_id, connectionId: row.connection_id, companyId: row.company_id };
    return { outcome: "duplicate" };
  });
}
