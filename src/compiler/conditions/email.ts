/**
 * Email actions over the SFMC data views (_Click, _Open, _Sent, _Bounce, _Unsubscribe, _Complaint),
 * or over an archive data extension with the same columns (`from:`) when history beyond 6 months matters.
 */
import { z } from 'zod';
import type { Finding } from '../../definitions/diagnostics.ts';
import { column, indent, stringLiteral } from '../sql/escape.ts';
import { activityShape, activitySql, checkActivityTable, countWords } from './activity.ts';
import { compileTest, describeTest, type TextMatch, textMatchSchema } from './operators.ts';
import type { ConditionFacts, ConditionKind, RuleContext, SqlContext } from './types.ts';
import { defineCondition } from './types.ts';

const emailNameShape = {
  emailName: textMatchSchema.optional().describe('Only sends of emails whose name matches (joins _Job)'),
};

interface ActivityBase {
  atLeast: number;
  withinDays?: number;
  from?: string;
  emailName?: TextMatch;
}

function jobJoin(c: ActivityBase) {
  if (!c.emailName) return undefined;
  return (alias: string, ctx: SqlContext) => {
    const j = ctx.alias('j');
    return [
      `INNER JOIN ${ctx.tableRef('_Job')} AS ${j} ON ${column(j, 'JobID')} = ${column(alias, 'JobID')}`,
    ].concat([`  AND ${compileTest(column(j, 'EmailName'), 'Text', c.emailName!)}`]);
  };
}

function checkBase(
  c: ActivityBase,
  ctx: RuleContext,
  view: string,
  extra: { name: string; path: (string | number)[] }[],
) {
  const findings: Finding[] = [];
  const table = c.from ?? view;
  const r = checkActivityTable(ctx, table, c.from ? ['from'] : [], 'SubscriberKey', 'EventDate', [
    ...extra,
    ...(c.emailName ? [{ name: 'JobID', path: ['emailName'] }] : []),
  ]);
  findings.push(...r.findings);
  return findings;
}

function baseFacts(c: ActivityBase, view: string): ConditionFacts {
  return {
    windows: c.withinDays ? [{ table: c.from ?? view, days: c.withinDays, path: ['withinDays'] }] : [],
    unboundedReads: c.withinDays ? [] : [{ table: c.from ?? view, path: [] }],
    actionWithinDays: c.withinDays,
  };
}

function emailWords(c: ActivityBase): string {
  return c.emailName ? ` an email whose name ${describeTest('', c.emailName).trim()}` : ' an email';
}

export const emailClicked = defineCondition({
  kind: 'emailClicked',
  summary: 'Clicked a link in an email (URL or link name), at least N times, within N days',
  schema: z
    .object({
      ...activityShape,
      ...emailNameShape,
      url: textMatchSchema.optional().describe('URL test, e.g. { contains: premium }'),
      linkName: textMatchSchema.optional().describe('Link name (alias) test'),
      unique: z.boolean().default(false).describe('Count only the first click per send (IsUnique)'),
    })
    .strict(),
  describe: (c) => {
    const what = [c.url && describeTest('URL', c.url), c.linkName && describeTest('link name', c.linkName)]
      .filter(Boolean)
      .join(' and ');
    return `clicked a link${what ? ` where ${what}` : ''} in${emailWords(c)}${countWords(c.atLeast, c.withinDays)}`;
  },
  check: (c, ctx) =>
    checkBase(c, ctx, '_Click', [
      ...(c.url ? [{ name: 'URL', path: ['url'] }] : []),
      ...(c.linkName ? [{ name: 'LinkName', path: ['linkName'] }] : []),
    ]),
  sql: (c, ctx) =>
    activitySql(
      {
        table: c.from ?? '_Click',
        keyField: 'SubscriberKey',
        dateField: 'EventDate',
        atLeast: c.atLeast,
        withinDays: c.withinDays,
        aliasPrefix: 'c',
        joins: jobJoin(c),
        where: (e) => [
          ...(c.unique ? [`${column(e, 'IsUnique')} = 1`] : []),
          ...(c.url ? [compileTest(column(e, 'URL'), 'Text', c.url)] : []),
          ...(c.linkName ? [compileTest(column(e, 'LinkName'), 'Text', c.linkName)] : []),
        ],
      },
      ctx,
    ),
  facts: (c) => baseFacts(c, '_Click'),
});

export const emailOpened = defineCondition({
  kind: 'emailOpened',
  summary: 'Opened an email at least N times within N days (linted: opens are unreliable)',
  schema: z.object({ ...activityShape, ...emailNameShape }).strict(),
  describe: (c) => `opened${emailWords(c)}${countWords(c.atLeast, c.withinDays)}`,
  check: (c, ctx) => checkBase(c, ctx, '_Open', []),
  sql: (c, ctx) =>
    activitySql(
      {
        table: c.from ?? '_Open',
        keyField: 'SubscriberKey',
        dateField: 'EventDate',
        atLeast: c.atLeast,
        withinDays: c.withinDays,
        aliasPrefix: 'o',
        joins: jobJoin(c),
      },
      ctx,
    ),
  facts: (c) => ({ ...baseFacts(c, '_Open'), opens: true }),
});

export const emailSent = defineCondition({
  kind: 'emailSent',
  summary: 'Was sent an email at least N times within N days',
  schema: z.object({ ...activityShape, ...emailNameShape }).strict(),
  describe: (c) => `was sent${emailWords(c)}${countWords(c.atLeast, c.withinDays)}`,
  check: (c, ctx) => checkBase(c, ctx, '_Sent', []),
  sql: (c, ctx) =>
    activitySql(
      {
        table: c.from ?? '_Sent',
        keyField: 'SubscriberKey',
        dateField: 'EventDate',
        atLeast: c.atLeast,
        withinDays: c.withinDays,
        aliasPrefix: 's',
        joins: jobJoin(c),
      },
      ctx,
    ),
  facts: (c) => baseFacts(c, '_Sent'),
});

const BOUNCE_CATEGORY = { hard: 'Hard bounce', soft: 'Soft bounce', block: 'Block bounce' } as const;

export const bounced = defineCondition({
  kind: 'bounced',
  summary: 'Bounced (hard, soft, block or any) at least N times within N days',
  schema: z
    .object({
      ...activityShape,
      type: z
        .enum(['hard', 'soft', 'block', 'any'])
        .default('any')
        .describe('Bounce category (BounceCategory)'),
    })
    .strict(),
  describe: (c) => `${c.type === 'any' ? '' : `${c.type}-`}bounced${countWords(c.atLeast, c.withinDays)}`,
  check: (c, ctx) =>
    checkBase(c, ctx, '_Bounce', c.type === 'any' ? [] : [{ name: 'BounceCategory', path: ['type'] }]),
  sql: (c, ctx) =>
    activitySql(
      {
        table: c.from ?? '_Bounce',
        keyField: 'SubscriberKey',
        dateField: 'EventDate',
        atLeast: c.atLeast,
        withinDays: c.withinDays,
        aliasPrefix: 'b',
        where: (e) =>
          c.type === 'any'
            ? []
            : [`${column(e, 'BounceCategory')} = ${stringLiteral(BOUNCE_CATEGORY[c.type])}`],
      },
      ctx,
    ),
  facts: (c) => ({
    ...baseFacts(c, '_Bounce'),
    ...(c.type === 'hard' ? { suppression: 'hardBounce' as const } : {}),
  }),
});

function simpleView(
  kind: string,
  view: string,
  verb: string,
  suppression: 'unsubscribed' | 'complaint',
  prefix: string,
) {
  return defineCondition({
    kind,
    summary: `${verb[0].toUpperCase()}${verb.slice(1)} (for exclusion), optionally within N days`,
    schema: z.object({ withinDays: activityShape.withinDays, from: activityShape.from }).strict(),
    describe: (c: { withinDays?: number; from?: string }) => `${verb}${countWords(1, c.withinDays)}`,
    check: (c: { withinDays?: number; from?: string }, ctx: RuleContext) =>
      checkBase({ ...c, atLeast: 1 }, ctx, view, []),
    sql: (c: { withinDays?: number; from?: string }, ctx: SqlContext) =>
      activitySql(
        {
          table: c.from ?? view,
          keyField: 'SubscriberKey',
          dateField: 'EventDate',
          atLeast: 1,
          withinDays: c.withinDays,
          aliasPrefix: prefix,
        },
        ctx,
      ),
    facts: (c: { withinDays?: number; from?: string }) => ({
      ...baseFacts({ ...c, atLeast: 1 }, view),
      suppression,
    }),
  }) as ConditionKind<{ withinDays?: number; from?: string }>;
}

const unsubscribedEvents = simpleView('unsubscribed', '_Unsubscribe', 'unsubscribed', 'unsubscribed', 'u');

/**
 * `unsubscribed: {}` (no window) is a status, not an event: _Unsubscribe keeps 6 months, so a contact who
 * unsubscribed 7 months ago would be mailable again. Without `withinDays` it reads the subscriber's status in
 * _Subscribers (All Subscribers: Status 'unsubscribed') and any business-unit unsubscribe in
 * _BusinessUnitUnsubscribes; both keep no time limit (help.salesforce.com "Data View: Subscribers",
 * "Data View: Business Unit Unsubscribes"). With `withinDays` (or an archive `from:`) it reads the events.
 */
export const unsubscribed: ConditionKind<{ withinDays?: number; from?: string }> = {
  ...unsubscribedEvents,
  summary:
    'Unsubscribed (for exclusion): status in _Subscribers / _BusinessUnitUnsubscribes, or within N days',
  describe: (c) => (c.withinDays || c.from ? unsubscribedEvents.describe(c) : 'is unsubscribed'),
  check: (c, ctx) => {
    if (c.withinDays || c.from) return unsubscribedEvents.check(c, ctx);
    return [
      ...checkActivityTable(ctx, '_Subscribers', [], 'SubscriberKey', 'DateJoined', [
        { name: 'Status', path: [] },
      ]).findings,
      ...checkActivityTable(ctx, '_BusinessUnitUnsubscribes', [], 'SubscriberKey', 'UnsubDateUTC').findings,
    ];
  },
  sql: (c, ctx) => {
    if (c.withinDays || c.from) return unsubscribedEvents.sql(c, ctx);
    const s = ctx.alias('u');
    const b = ctx.alias('u');
    const key = column(ctx.outer, ctx.audienceKey);
    const status = `EXISTS (\n  SELECT 1\n  FROM ${ctx.tableRef('_Subscribers')} AS ${s}\n  WHERE\n    ${column(s, 'SubscriberKey')} = ${key}\n    AND ${column(s, 'Status')} = ${stringLiteral('unsubscribed')}\n)`;
    const bu = `EXISTS (\n  SELECT 1\n  FROM ${ctx.tableRef('_BusinessUnitUnsubscribes')} AS ${b}\n  WHERE\n    ${column(b, 'SubscriberKey')} = ${key}\n)`;
    return `(\n${indent(`${status}\nOR ${bu}`)}\n)`;
  },
  facts: (c, ctx) =>
    c.withinDays || c.from
      ? unsubscribedEvents.facts(c, ctx)
      : { windows: [], unboundedReads: [], suppression: 'unsubscribed' },
};
export const complained = simpleView(
  'complained',
  '_Complaint',
  'complained (spam report)',
  'complaint',
  'k',
);
