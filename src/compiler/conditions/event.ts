import { z } from 'zod';
import type { Finding } from '../../definitions/diagnostics.ts';
import { countSchema, nameSchema, positiveDays } from '../../definitions/schemas/common.ts';
import { column } from '../sql/escape.ts';
import { activitySql, checkActivityTable, countWords } from './activity.ts';
import { checkTest, compileTest, describeTest, fieldTestSchema } from './operators.ts';
import { defineCondition } from './types.ts';

/**
 * A prospect action recorded in an event data extension (downloads, page views, site searches):
 * `event: { source: Web_Downloads, where: [{ field: Asset, contains: pricing }], atLeast: 2, withinDays: 30 }`.
 */
export const event = defineCondition({
  kind: 'event',
  summary: 'An action recorded in an event data extension (download, page view, search), counted in a window',
  schema: z
    .object({
      source: nameSchema.describe('Event data extension'),
      where: z.array(fieldTestSchema).default([]).describe('Tests on the event row; all must hold'),
      atLeast: countSchema.default(1).describe('Minimum number of matching events'),
      withinDays: positiveDays.optional().describe('Only events in the last N days'),
      keyField: nameSchema.default('SubscriberKey').describe('Column holding the contact key'),
      dateField: nameSchema.default('EventDate').describe('Column holding the event time'),
    })
    .strict(),
  describe: (c) => {
    const what = c.where.map((w) => describeTest(w.field, w)).join(' and ');
    return `has a ${c.source} event${what ? ` where ${what}` : ''}${countWords(c.atLeast, c.withinDays)}`;
  },
  check(c, ctx) {
    const r = checkActivityTable(ctx, c.source, ['source'], c.keyField, c.dateField, [
      ...c.where.map((w, i) => ({ name: w.field, path: ['where', i, 'field'] })),
    ]);
    const findings: Finding[] = [...r.findings];
    if (r.table) {
      c.where.forEach((w, i) => {
        const f = ctx.field(r.table!, w.field);
        if (f)
          findings.push(
            ...checkTest(w, f.type, f.name).map((x) => ({ ...x, path: ['where', i, ...x.path] })),
          );
      });
    }
    return findings;
  },
  sql(c, ctx) {
    const table = ctx.table(c.source)!;
    return activitySql(
      {
        table: table.name,
        keyField: ctx.field(table, c.keyField)!.name,
        dateField: ctx.field(table, c.dateField)!.name,
        atLeast: c.atLeast,
        withinDays: c.withinDays,
        aliasPrefix: 'e',
        where: (e) =>
          c.where.map((w) => {
            const f = ctx.field(table, w.field)!;
            return compileTest(column(e, f.name), f.type, w);
          }),
      },
      ctx,
    );
  },
  facts: (c) => ({
    windows: c.withinDays ? [{ table: c.source, days: c.withinDays, path: ['withinDays'] }] : [],
    actionWithinDays: c.withinDays,
  }),
});
