/**
 * ReportData built from known member sets (the way collectReportData derives it), with hostile names
 * and SQL to prove every value is escaped. Counts are computed here from the sets, not typed in.
 */
import type { ReportData } from '../../src/report/index.ts';

export const HOSTILE = `<script>document.documentElement.setAttribute('data-pwned','1')</script>"'&`;
export const HOSTILE_IMG = `<img src=x onerror="document.documentElement.setAttribute('data-pwned','2')">`;

export const MEMBER_SETS: Record<string, string[]> = {
  'email-clickers': ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  [HOSTILE]: ['c', 'd', 'e', 'x', 'y'],
  'vip-buyers': ['a', 'e', 'y', 'z'],
};

export const FUNNEL_COUNTS: Array<[string, number]> = [
  ['Subscriber', 1200],
  ['Lead', 640],
  ['MQL', 310],
  ['SQL', 95],
  ['Customer', 42],
];

export function fixtureReportData(): ReportData {
  const names = Object.keys(MEMBER_SETS);
  const shared = names.map((a) =>
    names.map((b) => MEMBER_SETS[a].filter((k) => MEMBER_SETS[b].includes(k)).length),
  );
  const seg = (name: string, extra: Partial<ReportData['segments'][number]>) => ({
    name,
    membership: 'dynamic' as const,
    schedule: 'daily at 06:00 UTC',
    form: 'query' as const,
    reason: 'rules read data views',
    rules: '- clicked a link',
    sql: 'SELECT 1',
    targetName: `kit_${name}`,
    targetKey: `kit_${name}`,
    size: MEMBER_SETS[name].length,
    ...extra,
  });
  return {
    project: 'Fixture & Co',
    generatedAt: '2025-01-15T09:00:00.000Z',
    segments: [
      seg('email-clickers', {
        label: 'Clicked any email',
        rules:
          'all of:\n  - clicked a link whose URL contains "premium" at least 2 times in the last 30 days\n  - not:\n    - is in segment suppressed',
        sql: "SELECT a.[SubscriberKey]\nFROM [Contacts] AS a\nWHERE a.[Country] = 'US' AND a.[Name] <> '</pre><b>x</b>'",
        lastRun: '2025-01-15T06:00:12.345',
      }),
      seg(HOSTILE, {
        label: HOSTILE_IMG,
        description: `Description with ${HOSTILE_IMG}`,
        rules: `- attribute Name equals "${HOSTILE}"`,
        sql: `SELECT '${HOSTILE}' AS x\n-- </script><script>document.documentElement.setAttribute('data-pwned','3')</script>`,
        membership: 'static',
        schedule: undefined,
      }),
      seg('vip-buyers', {
        membership: 'additive',
        form: 'filter',
        reason: 'simple attribute rules fit a filter definition',
        filterXml: '<FilterDefinition><ConditionSet Operator="AND"/></FilterDefinition>',
        rules: '- LoyaltyTier is one of Gold, Platinum',
      }),
    ],
    overlaps: { segments: names, shared },
    funnels: [
      {
        name: 'lifecycle',
        label: 'Lifecycle <funnel>',
        stages: FUNNEL_COUNTS.map(([name, count]) => ({
          name,
          segment: `stage-${name.toLowerCase()}`,
          count,
        })),
      },
    ],
  };
}
