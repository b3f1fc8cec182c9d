import { describe, expect, it } from 'vitest';
import { translateQuery } from '../../src/emulator/sql/index.ts';
import { createState } from '../../src/emulator/state/index.ts';

type State = ReturnType<typeof createState>;

/** The access path SQLite picks for each table in the translated query. */
function plan(st: State, tsql: string): string[] {
  const { sql } = translateQuery(tsql, (n) => st.resolveTable(n));
  return (st.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
    .map((r) => r.detail)
    .filter((d) => /^(SCAN|SEARCH)/.test(d));
}

const indexes = (st: State, table: string) =>
  (
    st.db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
      )
      .all(table) as Array<{ sql: string }>
  ).map((r) => r.sql.replace(/"[a-z]+_de_[0-9a-f_]+"/, '<name>'));

function contactsAndOrders(st: State) {
  st.dataExtensions.create({
    customerKey: 'contacts',
    name: 'Contacts',
    fields: [
      { name: 'SubscriberKey', fieldType: 'Text', isPrimaryKey: true },
      { name: 'Email', fieldType: 'EmailAddress' },
    ],
  });
  return st.dataExtensions.create({
    customerKey: 'orders',
    name: 'Orders',
    fields: [
      { name: 'OrderId', fieldType: 'Number', isPrimaryKey: true },
      { name: 'LineNo', fieldType: 'Number', isPrimaryKey: true },
      { name: 'subscriberkey', fieldType: 'Text' },
      { name: 'AccountID', fieldType: 'Text' },
      { name: 'Amount', fieldType: 'Decimal' },
      { name: 'Keyword', fieldType: 'Text' },
    ],
  });
}

describe('emulator lookup indexes', () => {
  it('indexes each engagement data view on (SubscriberKey, EventDate) NOCASE, _Subscribers on SubscriberKey', () => {
    const st = createState();
    for (const view of ['_Sent', '_Open', '_Click', '_Bounce', '_Unsubscribe', '_Complaint']) {
      expect(indexes(st, view)).toEqual([
        `CREATE INDEX "dv_${view}_lookup" ON "${view}" ("SubscriberKey" COLLATE NOCASE, "EventDate" COLLATE NOCASE)`,
      ]);
    }
    expect(indexes(st, '_Subscribers')).toEqual([
      'CREATE INDEX "dv__Subscribers_lookup" ON "_Subscribers" ("SubscriberKey" COLLATE NOCASE)',
    ]);
    expect(indexes(st, '_Job')).toEqual([]);
  });

  it('a correlated data-view subquery with a date bound searches the index instead of scanning', () => {
    const st = createState();
    contactsAndOrders(st);
    const steps = plan(
      st,
      `SELECT c.SubscriberKey FROM Contacts c WHERE EXISTS (SELECT 1 FROM _Click k
         WHERE k.SubscriberKey = c.SubscriberKey AND k.EventDate >= DATEADD(day, -30, GETDATE()))
       AND NOT EXISTS (SELECT 1 FROM _Unsubscribe u WHERE u.SubscriberKey = c.SubscriberKey)`,
    );
    expect(steps[0]).toMatch(/^SCAN c\b/);
    expect(steps.slice(1).sort()).toEqual([
      'SEARCH k EXISTS USING COVERING INDEX dv__Click_lookup (SubscriberKey=? AND EventDate>?)',
      'SEARCH u USING COVERING INDEX dv__Unsubscribe_lookup (SubscriberKey=?)',
    ]);
  });

  it('indexes DE join keys (…Key, …Id) and the first field of a composite primary key, NOCASE', () => {
    const st = createState();
    const orders = contactsAndOrders(st);
    const contacts = st.dataExtensions.get('contacts')!;
    // Contacts.SubscriberKey leads its (NOCASE) primary-key index already: no second index.
    expect(indexes(st, contacts.tableName)).toEqual([
      'CREATE UNIQUE INDEX <name> ON "<t>" ("SubscriberKey")'.replace('"<t>"', `"${contacts.tableName}"`),
    ]);
    const cols = indexes(st, orders.tableName).map((s) => s.slice(s.indexOf('(')));
    expect(cols.sort()).toEqual([
      '("AccountID" COLLATE NOCASE)',
      '("OrderId" COLLATE NOCASE)',
      '("OrderId", "LineNo")',
      '("subscriberkey" COLLATE NOCASE)',
    ]);
    expect(
      plan(
        st,
        'SELECT c.Email FROM Contacts c WHERE EXISTS (SELECT 1 FROM Orders o WHERE o.SubscriberKey = c.SubscriberKey)',
      ).slice(1),
    ).toEqual([
      expect.stringMatching(/^SEARCH o EXISTS USING COVERING INDEX jk_de_[0-9a-f_]+ \(subscriberkey=\?\)$/),
    ]);
  });

  it('keeps join-key indexes in step with added, renamed and deleted fields', () => {
    const st = createState();
    const orders = contactsAndOrders(st);
    const indexed = () =>
      indexes(st, orders.tableName)
        .filter((s) => s.includes('COLLATE NOCASE'))
        .map((s) => s.slice(s.indexOf('(')))
        .sort();
    st.insertRows('orders', [{ OrderId: 1, LineNo: 1, subscriberkey: 'a', AccountID: 'x', Amount: 2 }]);
    st.dataExtensions.update('orders', { fields: [{ name: 'OwnerId', fieldType: 'Text' }] });
    expect(indexed()).toContain('("OwnerId" COLLATE NOCASE)');
    // Keyword ends in neither Key nor Id; renamed to CampaignKey it becomes a join key.
    st.dataExtensions.update('orders', { fields: [{ name: 'Keyword' }] });
    const keyword = st.dataExtensions.get('orders')!.fields.find((f) => f.name === 'Keyword')!;
    st.dataExtensions.update('orders', { fields: [{ objectId: keyword.objectId, name: 'CampaignKey' }] });
    const accountId = st.dataExtensions.get('orders')!.fields.find((f) => f.name === 'AccountID')!;
    st.dataExtensions.update('orders', { fields: [{ objectId: accountId.objectId, name: 'AccountName' }] });
    expect(indexed()).toEqual([
      '("CampaignKey" COLLATE NOCASE)',
      '("OrderId" COLLATE NOCASE)',
      '("OwnerId" COLLATE NOCASE)',
      '("subscriberkey" COLLATE NOCASE)',
    ]);
    // SQLite refuses to drop an indexed column unless its index goes first.
    const owner = st.dataExtensions.get('orders')!.fields.find((f) => f.name === 'OwnerId')!;
    st.dataExtensions.deleteField('orders', owner.objectId);
    expect(indexed()).not.toContain('("OwnerId" COLLATE NOCASE)');
    expect(st.readRows('orders')).toEqual([
      expect.objectContaining({ OrderId: 1, subscriberkey: 'a', AccountName: 'x', Amount: 2 }),
    ]);
  });
});
