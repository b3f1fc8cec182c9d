/** The interaction sources inactivity conditions look at: email views or event data extensions. */
import { z } from 'zod';
import type { Finding } from '../../definitions/diagnostics.ts';
import { nameSchema } from '../../definitions/schemas/common.ts';
import { activitySql, checkActivityTable } from './activity.ts';
import type { RuleContext, SqlContext } from './types.ts';

export const actionSchema = z.union(
  [
    z.enum(['click', 'open', 'send']),
    z
      .object({
        event: nameSchema,
        keyField: nameSchema.default('SubscriberKey'),
        dateField: nameSchema.default('EventDate'),
      })
      .strict(),
  ],
  { error: 'expected click, open, send or { event: <data extension> }' },
);
export type Action = z.infer<typeof actionSchema>;

const VIEWS = { click: '_Click', open: '_Open', send: '_Sent' } as const;

function source(a: Action) {
  return typeof a === 'string'
    ? { table: VIEWS[a], keyField: 'SubscriberKey', dateField: 'EventDate', prefix: a[0] }
    : { table: a.event, keyField: a.keyField, dateField: a.dateField, prefix: 'e' };
}

export function actionLabel(a: Action): string {
  return typeof a === 'string' ? `${a}s` : `${a.event} events`;
}

export function checkActions(actions: Action[], ctx: RuleContext): Finding[] {
  return actions.flatMap((a, i) => {
    const s = source(a);
    return checkActivityTable(ctx, s.table, ['actions', i], s.keyField, s.dateField).findings;
  });
}

export function actionTables(actions: Action[]): string[] {
  return actions.map((a) => source(a).table);
}

/** `EXISTS` of any of the actions (within N days when given), one EXISTS per source. */
export function anyActionSql(actions: Action[], ctx: SqlContext, withinDays?: number): string[] {
  return actions.map((a) => {
    const s = source(a);
    const table = ctx.table(s.table);
    const key = table ? (ctx.field(table, s.keyField)?.name ?? s.keyField) : s.keyField;
    const date = table ? (ctx.field(table, s.dateField)?.name ?? s.dateField) : s.dateField;
    return activitySql(
      {
        table: table?.name ?? s.table,
        keyField: key,
        dateField: date,
        atLeast: 1,
        withinDays,
        aliasPrefix: s.prefix,
      },
      ctx,
    );
  });
}
