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
  it('indexes each engagement data view on (key of SubscriberKey, EventDate), _Subscribers on the key', () => {
    const st = createState();
    for (const view of ['_Sent', '_Open', '_Click', '_Bounce', '_Unsubscribe', '_Complaint']) {
      expect(indexes(st, view)).toEqual([
        `CREATE INDEX "dv_${view}_key" ON "${view}" (tsql_key("SubscriberKey"), "EventDate")`,
      ]);
    }
    expect(indexes(st, '_Subscribers')).toEqual([
      'CREATE INDEX "dv__Subscribers_key" ON "_Subscribers" (tsql_key("SubscriberKey"))',
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
      'SEARCH k EXISTS USING COVERING INDEX dv__Click_key (<expr>=? AND EventDate>?)',
      'SEARCH u USING COVERING INDEX dv__Unsubscribe_key (<expr>=?)',
    ]);
  });

  it('indexes DE join keys (…Key, …Id) and the first field of a composite primary key, text on its collation key', () => {
    const st = createState();
    const orders = contactsAndOrders(st);
    const contacts = st.dataExtensions.get('contacts')!;
    // Contacts.SubscriberKey leads its primary-key index, on the column; joins compare its collation key.
    expect(indexes(st, contacts.tableName)).toEqual([
      `CREATE INDEX <name> ON "${contacts.tableName}" (tsql_key("SubscriberKey"))`,
      `CREATE UNIQUE INDEX <name> ON "${contacts.tableName}" ("SubscriberKey")`,
    ]);
    const cols = indexes(st, orders.tableName).map((s) => s.slice(s.indexOf('(')));
    expect(cols.sort()).toEqual([
      '("OrderId", "LineNo")',
      '(tsql_key("AccountID"))',
      '(tsql_key("subscriberkey"))',
    ]);
    expect(
      plan(
        st,
        'SELECT c.Email FROM Contacts c WHERE EXISTS (SELECT 1 FROM Orders o WHERE o.SubscriberKey = c.SubscriberKey)',
      ).slice(1),
    ).toEqual([
      expect.stringMatching(/^SEARCH o EXISTS USING COVERING INDEX jc_de_[0-9a-f_]+ \(<expr>=\?\)$/),
    ]);
  });

  it('keeps join-key indexes in step with added, renamed and deleted fields', () => {
    const st = createState();
    const orders = contactsAndOrders(st);
    const indexed = () =>
      indexes(st, orders.tableName)
        .filter((s) => s.includes('tsql_key'))
        .map((s) => s.slice(s.indexOf('(')))
        .sort();
    st.insertRows('orders', [{ OrderId: 1, LineNo: 1, subscriberkey: 'a', AccountID: 'x', Amount: 2 }]);
    st.dataExtensions.update('orders', { fields: [{ name: 'OwnerId', fieldType: 'Text' }] });
    expect(indexed()).toContain('(tsql_key("OwnerId"))');
    // Keyword ends in neither Key nor Id; renamed to CampaignKey it becomes a join key.
    st.dataExtensions.update('orders', { fields: [{ name: 'Keyword' }] });
    const keyword = st.dataExtensions.get('orders')!.fields.find((f) => f.name === 'Keyword')!;
    st.dataExtensions.update('orders', { fields: [{ objectId: keyword.objectId, name: 'CampaignKey' }] });
    const accountId = st.dataExtensions.get('orders')!.fields.find((f) => f.name === 'AccountID')!;
    st.dataExtensions.update('orders', { fields: [{ objectId: accountId.objectId, name: 'AccountName' }] });
    expect(indexed()).toEqual([
      '(tsql_key("CampaignKey"))',
      '(tsql_key("OwnerId"))',
      '(tsql_key("subscriberkey"))',
    ]);
    // SQLite refuses to drop an indexed column unless its index goes first.
    const owner = st.dataExtensions.get('orders')!.fields.find((f) => f.name === 'OwnerId')!;
    st.dataExtensions.deleteField('orders', owner.objectId);
    expect(indexed()).not.toContain('(tsql_key("OwnerId"))');
    expect(st.readRows('orders')).toEqual([
      expect.objectContaining({ OrderId: 1, subscriberkey: 'a', AccountName: 'x', Amount: 2 }),
    ]);
  });
});
