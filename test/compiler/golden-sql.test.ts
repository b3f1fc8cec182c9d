import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledSegment, compileProject } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/load-project.ts';

// Expected SQL of every catalogue example, written out in full and reviewed by hand: a change in
// generated SQL must show up here as a diff.
let compiled: Map<string, CompiledSegment>;
beforeAll(async () => {
  const project = await loadProject(new URL('../../definitions', import.meta.url).pathname, { env: 'prod' });
  compiled = new Map(compileProject(project).segments.map((s) => [s.name, s]));
});
const sql = (name: string) => compiled.get(name)?.sql;

describe('golden SQL of the catalogue examples', () => {
  it('behavioural-loyal-frequent', () => {
    expect(sql('behavioural-loyal-frequent')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[PurchaseFrequency] IN ('weekly', 'monthly')
  AND a.[LoyaltyTier] = 'Gold'
  AND a.[EngagementScore] >= 70
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('big-spenders', () => {
    expect(sql('big-spenders')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    (
      SELECT COUNT(*)
      FROM [CRM_Opportunity] AS p1
      INNER JOIN [CRM_Contact] AS ct1 ON ct1.[AccountId] = p1.[AccountId]
      WHERE
        ct1.[Id] = a.[SubscriberKey]
        AND (ct1.[IsDeleted] IS NULL OR ct1.[IsDeleted] = 0)
        AND (p1.[IsDeleted] IS NULL OR p1.[IsDeleted] = 0)
        AND p1.[IsWon] = 1
    ) >= 3
    AND (
      SELECT ISNULL(SUM(p2.[Amount]), 0)
      FROM [CRM_Opportunity] AS p2
      INNER JOIN [CRM_Contact] AS ct2 ON ct2.[AccountId] = p2.[AccountId]
      WHERE
        ct2.[Id] = a.[SubscriberKey]
        AND (ct2.[IsDeleted] IS NULL OR ct2.[IsDeleted] = 0)
        AND (p2.[IsDeleted] IS NULL OR p2.[IsDeleted] = 0)
        AND p2.[IsWon] = 1
    ) >= 10000
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('birthday-tomorrow', () => {
    expect(sql('birthday-tomorrow')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (MONTH(a.[BirthDate]) = MONTH(DATEADD(DAY, 1, GETDATE())) AND DAY(a.[BirthDate]) = DAY(DATEADD(DAY, 1, GETDATE())))
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('clicked-premium-links', () => {
    expect(sql('clicked-premium-links')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [_Click] AS c1
    WHERE
      c1.[SubscriberKey] = a.[SubscriberKey]
      AND c1.[EventDate] >= DATEADD(DAY, -30, GETDATE())
      AND c1.[URL] LIKE '%premium%'
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('clicked-webinar-cta', () => {
    expect(sql('clicked-webinar-cta')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [_Click] AS c1
    INNER JOIN [_Job] AS j1 ON j1.[JobID] = c1.[JobID]
      AND j1.[EmailName] LIKE 'Webinar%'
    WHERE
      c1.[SubscriberKey] = a.[SubscriberKey]
      AND c1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
      AND c1.[LinkName] = 'Register now'
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('cold-leads-premium', () => {
    expect(sql('cold-leads-premium')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_lifecycle] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
      AND m1.[StageRank] IN (2, 3)
  )
  AND EXISTS (
    SELECT 1
    FROM [Web_Downloads] AS e1
    WHERE
      e1.[SubscriberKey] = a.[SubscriberKey]
      AND e1.[EventDate] >= DATEADD(DAY, -90, GETDATE())
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [CRM_Opportunity] AS p1
    INNER JOIN [CRM_Contact] AS ct1 ON ct1.[AccountId] = p1.[AccountId]
    WHERE
      ct1.[Id] = a.[SubscriberKey]
      AND (ct1.[IsDeleted] IS NULL OR ct1.[IsDeleted] = 0)
      AND (p1.[IsDeleted] IS NULL OR p1.[IsDeleted] = 0)
      AND p1.[IsWon] = 1
  )
  AND EXISTS (
    SELECT 1
    FROM [kit_interested-premium-service] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m3
    WHERE
      m3.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('complained', () => {
    expect(sql('complained')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [_Complaint] AS k1
    WHERE
      k1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('demographic-women-35-50', () => {
    expect(sql('demographic-women-35-50')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[Gender] = 'female'
  AND (a.[BirthDate] >= '1976-01-01' AND a.[BirthDate] < '1992-01-01')
  AND a.[Income] >= 50000
  AND a.[MaritalStatus] = 'married'
  AND a.[Education] IN ('Bachelor', 'Master', 'Doctorate')
  AND (a.[Occupation] IS NOT NULL AND a.[Occupation] <> '')
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('downloaded-pricing-guide', () => {
    expect(sql('downloaded-pricing-guide')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [Web_Downloads] AS e1
    WHERE
      e1.[SubscriberKey] = a.[SubscriberKey]
      AND e1.[EventDate] >= DATEADD(DAY, -90, GETDATE())
      AND e1.[Asset] LIKE '%pricing-guide%'
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('ever-engaged-premium', () => {
    expect(sql('ever-engaged-premium')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    EXISTS (
      SELECT 1
      FROM [kit_clicked-premium-links] AS m1
      WHERE
        m1.[SubscriberKey] = a.[SubscriberKey]
    )
    OR EXISTS (
      SELECT 1
      FROM [kit_downloaded-pricing-guide] AS m2
      WHERE
        m2.[SubscriberKey] = a.[SubscriberKey]
    )
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m3
    WHERE
      m3.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('firmographic-enterprise-tech', () => {
    expect(sql('firmographic-enterprise-tech')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[CompanySize] >= 500
  AND a.[Industry] IN ('Technology', 'Software')
  AND a.[AnnualRevenue] > 1000000
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('geographic-us-west-urban', () => {
    expect(sql('geographic-us-west-urban')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName],
  a.[LastName],
  a.[BirthDate],
  a.[Gender],
  a.[Income],
  a.[Occupation],
  a.[Education],
  a.[MaritalStatus],
  a.[Country],
  a.[Region],
  a.[City],
  a.[UrbanRural],
  a.[Interests],
  a.[Values],
  a.[PurchaseFrequency],
  a.[LoyaltyTier],
  a.[EngagementScore],
  a.[CompanySize],
  a.[Industry],
  a.[AnnualRevenue],
  a.[HasOptedIn],
  a.[pi__score__c],
  a.[CreatedDate]
FROM [Contacts] AS a
WHERE
  a.[Country] = 'US'
  AND a.[Region] IN ('CA', 'WA', 'OR')
  AND (a.[City] IS NOT NULL AND a.[City] <> '')
  AND a.[UrbanRural] = 'urban'`);
  });

  it('hard-bounced', () => {
    expect(sql('hard-bounced')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [_Bounce] AS b1
    WHERE
      b1.[SubscriberKey] = a.[SubscriberKey]
      AND b1.[BounceCategory] = 'Hard bounce'
  )`);
  });

  it('high-interest-premium', () => {
    expect(sql('high-interest-premium')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    SELECT COUNT(*)
    FROM [_Click] AS c1
    WHERE
      c1.[SubscriberKey] = a.[SubscriberKey]
      AND c1.[EventDate] >= DATEADD(DAY, -90, GETDATE())
      AND (
        c1.[URL] LIKE '%premium%'
        OR c1.[URL] LIKE '%upgrade%'
      )
  ) >= 3
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('highest-score-90-days', () => {
    expect(sql('highest-score-90-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[SubscriberKey] IN (
    SELECT TOP 100 h1.[SubscriberKey]
    FROM [Score_History] AS h1
    WHERE h1.[SnapshotDate] >= DATEADD(DAY, -90, GETDATE()) AND h1.[Score] IS NOT NULL
    GROUP BY h1.[SubscriberKey]
    ORDER BY MAX(h1.[Score]) DESC, h1.[SubscriberKey]
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('interested-premium-service', () => {
    expect(sql('interested-premium-service')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    EXISTS (
      SELECT 1
      FROM [Web_Searches] AS e1
      WHERE
        e1.[SubscriberKey] = a.[SubscriberKey]
        AND e1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
        AND (
          e1.[SearchTerm] LIKE '%premium service%'
          OR e1.[SearchTerm] LIKE '%service plan%'
        )
    )
    OR EXISTS (
      SELECT 1
      FROM [_Click] AS c1
      WHERE
        c1.[SubscriberKey] = a.[SubscriberKey]
        AND c1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
        AND c1.[URL] LIKE '%/service%'
    )
    OR EXISTS (
      SELECT 1
      FROM [Web_PageViews] AS e2
      WHERE
        e2.[SubscriberKey] = a.[SubscriberKey]
        AND e2.[EventDate] >= DATEADD(DAY, -60, GETDATE())
        AND e2.[PageURL] LIKE 'https://www.acme.example/service%'
    )
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('joined-last-7-days', () => {
    expect(sql('joined-last-7-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (a.[CreatedDate] >= DATEADD(DAY, -7, CAST(GETDATE() AS DATE)) AND a.[CreatedDate] < DATEADD(DAY, 1, CAST(GETDATE() AS DATE)))
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('lapsed-customers', () => {
    expect(sql('lapsed-customers')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    EXISTS (
      SELECT 1
      FROM [CRM_Opportunity] AS p1
      INNER JOIN [CRM_Contact] AS ct1 ON ct1.[AccountId] = p1.[AccountId]
      WHERE
        ct1.[Id] = a.[SubscriberKey]
        AND (ct1.[IsDeleted] IS NULL OR ct1.[IsDeleted] = 0)
        AND (p1.[IsDeleted] IS NULL OR p1.[IsDeleted] = 0)
        AND p1.[IsWon] = 1
    )
    AND NOT EXISTS (
      SELECT 1
      FROM [CRM_Opportunity] AS p2
      INNER JOIN [CRM_Contact] AS ct2 ON ct2.[AccountId] = p2.[AccountId]
      WHERE
        ct2.[Id] = a.[SubscriberKey]
        AND (ct2.[IsDeleted] IS NULL OR ct2.[IsDeleted] = 0)
        AND (p2.[IsDeleted] IS NULL OR p2.[IsDeleted] = 0)
        AND p2.[IsWon] = 1
        AND p2.[CloseDate] >= DATEADD(DAY, -365, CAST(GETDATE() AS DATE))
    )
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('last-interaction-30-90-days', () => {
    expect(sql('last-interaction-30-90-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    (
      EXISTS (
        SELECT 1
        FROM [_Click] AS c1
        WHERE
          c1.[SubscriberKey] = a.[SubscriberKey]
          AND c1.[EventDate] >= DATEADD(DAY, -90, GETDATE())
      )
      OR EXISTS (
        SELECT 1
        FROM [_Open] AS o1
        WHERE
          o1.[SubscriberKey] = a.[SubscriberKey]
          AND o1.[EventDate] >= DATEADD(DAY, -90, GETDATE())
      )
      OR EXISTS (
        SELECT 1
        FROM [Web_PageViews] AS e1
        WHERE
          e1.[SubscriberKey] = a.[SubscriberKey]
          AND e1.[EventDate] >= DATEADD(DAY, -90, GETDATE())
      )
    )
    AND NOT (
      EXISTS (
        SELECT 1
        FROM [_Click] AS c2
        WHERE
          c2.[SubscriberKey] = a.[SubscriberKey]
          AND c2.[EventDate] >= DATEADD(DAY, -30, GETDATE())
      )
      OR EXISTS (
        SELECT 1
        FROM [_Open] AS o2
        WHERE
          o2.[SubscriberKey] = a.[SubscriberKey]
          AND o2.[EventDate] >= DATEADD(DAY, -30, GETDATE())
      )
      OR EXISTS (
        SELECT 1
        FROM [Web_PageViews] AS e2
        WHERE
          e2.[SubscriberKey] = a.[SubscriberKey]
          AND e2.[EventDate] >= DATEADD(DAY, -30, GETDATE())
      )
    )
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('lead-status-working', () => {
    expect(sql('lead-status-working')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [CRM_Lead] AS l1
    WHERE
      l1.[Id] = a.[SubscriberKey]
      AND (l1.[IsDeleted] IS NULL OR l1.[IsDeleted] = 0)
      AND l1.[Status] IN ('Working - Contacted', 'Nurturing')
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('lifecycle', () => {
    expect(sql('lifecycle')).toBe(`SELECT
  y.[SubscriberKey],
  CASE y.[StageRank]
    WHEN 1 THEN 'Subscriber'
    WHEN 2 THEN 'Lead'
    WHEN 3 THEN 'MQL'
    WHEN 4 THEN 'SQL'
    WHEN 5 THEN 'Customer'
  END AS [Stage],
  y.[StageRank]
FROM (
  SELECT
    x.[SubscriberKey],
    CASE WHEN x.[PreviousRank] > x.[NewRank] THEN x.[PreviousRank] ELSE x.[NewRank] END AS [StageRank]
  FROM (
    SELECT
      a.[SubscriberKey],
      ISNULL(prev.[StageRank], 0) AS [PreviousRank],
      CASE
        WHEN (
            SELECT COUNT(*)
            FROM [CRM_Opportunity] AS p1
            INNER JOIN [CRM_Contact] AS ct1 ON ct1.[AccountId] = p1.[AccountId]
            WHERE
              ct1.[Id] = a.[SubscriberKey]
              AND (ct1.[IsDeleted] IS NULL OR ct1.[IsDeleted] = 0)
              AND (p1.[IsDeleted] IS NULL OR p1.[IsDeleted] = 0)
              AND p1.[IsWon] = 1
          ) >= 1
        THEN 5
        WHEN EXISTS (
            SELECT 1
            FROM [CRM_Opportunity] AS p2
            INNER JOIN [CRM_Contact] AS ct2 ON ct2.[AccountId] = p2.[AccountId]
            WHERE
              ct2.[Id] = a.[SubscriberKey]
              AND (ct2.[IsDeleted] IS NULL OR ct2.[IsDeleted] = 0)
              AND (p2.[IsDeleted] IS NULL OR p2.[IsDeleted] = 0)
              AND (p2.[StageName] NOT IN ('Closed Won', 'Closed Lost') OR p2.[StageName] IS NULL)
          )
        THEN 4
        WHEN (
            SELECT COUNT(*)
            FROM [Web_PageViews] AS e1
            WHERE
              e1.[SubscriberKey] = a.[SubscriberKey]
              AND e1.[EventDate] >= DATEADD(DAY, -30, GETDATE())
          ) >= 6
          AND EXISTS (
            SELECT 1
            FROM [Web_PageViews] AS e2
            WHERE
              e2.[SubscriberKey] = a.[SubscriberKey]
              AND e2.[EventDate] >= DATEADD(DAY, -30, GETDATE())
              AND e2.[ScrollDepth] >= 100
          )
          AND EXISTS (
            SELECT 1
            FROM [Web_PageViews] AS e3
            WHERE
              e3.[SubscriberKey] = a.[SubscriberKey]
              AND e3.[EventDate] >= DATEADD(DAY, -30, GETDATE())
              AND e3.[UsedLiveChat] = 1
          )
        THEN 3
        WHEN EXISTS (
            SELECT 1
            FROM [Web_Downloads] AS e4
            WHERE
              e4.[SubscriberKey] = a.[SubscriberKey]
              AND e4.[EventDate] >= DATEADD(DAY, -180, GETDATE())
          )
          OR EXISTS (
            SELECT 1
            FROM [CRM_Lead] AS l1
            WHERE
              l1.[Id] = a.[SubscriberKey]
              AND (l1.[IsDeleted] IS NULL OR l1.[IsDeleted] = 0)
              AND (l1.[Status] IS NOT NULL AND l1.[Status] <> '')
          )
        THEN 2
        WHEN (a.[EmailAddress] IS NOT NULL AND a.[EmailAddress] <> '')
        THEN 1
        ELSE 0
      END AS [NewRank]
    FROM [Contacts] AS a
    LEFT JOIN [kit_lifecycle] AS prev ON prev.[SubscriberKey] = a.[SubscriberKey]
  ) AS x
) AS y
WHERE y.[StageRank] > 0`);
  });

  it('nested-logic', () => {
    expect(sql('nested-logic')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    (
      a.[Country] = 'US'
      AND a.[Region] IN ('CA', 'WA', 'OR')
    )
    OR (
      a.[Country] = 'CA'
      AND (CASE WHEN (a.[City] = 'Toronto') THEN 1 ELSE 0 END) = 0
    )
  )
  AND NOT (
    EXISTS (
      SELECT 1
      FROM [kit_lapsed-customers] AS m1
      WHERE
        m1.[SubscriberKey] = a.[SubscriberKey]
    )
    OR EXISTS (
      SELECT 1
      FROM [CRM_Lead] AS l1
      WHERE
        l1.[Id] = a.[SubscriberKey]
        AND (l1.[IsDeleted] IS NULL OR l1.[IsDeleted] = 0)
        AND l1.[Status] = 'Unqualified'
    )
  )
  AND (
    EXISTS (
      SELECT 1
      FROM [kit_clicked-premium-links] AS m2
      WHERE
        m2.[SubscriberKey] = a.[SubscriberKey]
    )
    OR EXISTS (
      SELECT 1
      FROM [kit_downloaded-pricing-guide] AS m3
      WHERE
        m3.[SubscriberKey] = a.[SubscriberKey]
    )
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m4
    WHERE
      m4.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('no-action-60-days', () => {
    expect(sql('no-action-60-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    NOT EXISTS (
      SELECT 1
      FROM [_Click] AS c1
      WHERE
        c1.[SubscriberKey] = a.[SubscriberKey]
        AND c1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
    )
    AND NOT EXISTS (
      SELECT 1
      FROM [_Open] AS o1
      WHERE
        o1.[SubscriberKey] = a.[SubscriberKey]
        AND o1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
    )
    AND NOT EXISTS (
      SELECT 1
      FROM [Web_PageViews] AS e1
      WHERE
        e1.[SubscriberKey] = a.[SubscriberKey]
        AND e1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
    )
    AND a.[CreatedDate] <= DATEADD(DAY, -60, GETDATE())
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('no-click-30-days-guarded', () => {
    expect(sql('no-click-30-days-guarded')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  NOT EXISTS (
    SELECT 1
    FROM [_Click] AS c1
    WHERE
      c1.[SubscriberKey] = a.[SubscriberKey]
      AND c1.[EventDate] >= DATEADD(DAY, -30, GETDATE())
  )
  AND a.[CreatedDate] < DATEADD(DAY, -30, CAST(GETDATE() AS DATE))
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('no-sales-activity-30-days', () => {
    expect(sql('no-sales-activity-30-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [CRM_Lead] AS l1
    WHERE
      l1.[Id] = a.[SubscriberKey]
      AND (l1.[IsDeleted] IS NULL OR l1.[IsDeleted] = 0)
      AND (l1.[LastActivityDate] IS NULL OR l1.[LastActivityDate] < DATEADD(DAY, -30, CAST(GETDATE() AS DATE)))
      AND l1.[CreatedDate] <= DATEADD(DAY, -30, GETDATE())
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('no-score', () => {
    expect(sql('no-score')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  NOT EXISTS (
    SELECT 1
    FROM [Score_History] AS h1
    WHERE
      h1.[SubscriberKey] = a.[SubscriberKey]
      AND h1.[Score] IS NOT NULL
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('no-send-60-days', () => {
    expect(sql('no-send-60-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    NOT EXISTS (
      SELECT 1
      FROM [_Sent] AS s1
      WHERE
        s1.[SubscriberKey] = a.[SubscriberKey]
        AND s1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
    )
    AND a.[CreatedDate] <= DATEADD(DAY, -60, GETDATE())
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('opened-promo-7-days', () => {
    expect(sql('opened-promo-7-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [_Open] AS o1
    INNER JOIN [_Job] AS j1 ON j1.[JobID] = o1.[JobID]
      AND j1.[EmailName] LIKE '%Promo%'
    WHERE
      o1.[SubscriberKey] = a.[SubscriberKey]
      AND o1.[EventDate] >= DATEADD(DAY, -7, GETDATE())
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('opportunity-negotiation', () => {
    expect(sql('opportunity-negotiation')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [CRM_Opportunity] AS p1
    INNER JOIN [CRM_Contact] AS ct1 ON ct1.[AccountId] = p1.[AccountId]
    WHERE
      ct1.[Id] = a.[SubscriberKey]
      AND (ct1.[IsDeleted] IS NULL OR ct1.[IsDeleted] = 0)
      AND (p1.[IsDeleted] IS NULL OR p1.[IsDeleted] = 0)
      AND p1.[StageName] IN ('Proposal/Price Quote', 'Negotiation/Review')
      AND p1.[IsClosed] = 0
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('owned-by-jane-doe', () => {
    expect(sql('owned-by-jane-doe')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [CRM_Lead] AS l1
    INNER JOIN [CRM_User] AS u1 ON u1.[Id] = l1.[OwnerId]
    WHERE
      l1.[Id] = a.[SubscriberKey]
      AND (l1.[IsDeleted] IS NULL OR l1.[IsDeleted] = 0)
      AND u1.[Email] = 'jane.doe@acme.example'
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('premium-not-customers', () => {
    expect(sql('premium-not-customers')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_interested-premium-service] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_stage-customer] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m3
    WHERE
      m3.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('psychographic-outdoor-sustainable', () => {
    expect(sql('psychographic-outdoor-sustainable')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    a.[Interests] LIKE '%outdoor%'
    OR a.[Interests] LIKE '%hiking%'
  )
  AND a.[Values] LIKE '%sustainability%'
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('purchased-last-90-days', () => {
    expect(sql('purchased-last-90-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [CRM_Opportunity] AS p1
    INNER JOIN [CRM_Contact] AS ct1 ON ct1.[AccountId] = p1.[AccountId]
    WHERE
      ct1.[Id] = a.[SubscriberKey]
      AND (ct1.[IsDeleted] IS NULL OR ct1.[IsDeleted] = 0)
      AND (p1.[IsDeleted] IS NULL OR p1.[IsDeleted] = 0)
      AND p1.[IsWon] = 1
      AND p1.[CloseDate] >= DATEADD(DAY, -90, CAST(GETDATE() AS DATE))
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('re-engagement', () => {
    expect(sql('re-engagement')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  NOT EXISTS (
    SELECT 1
    FROM [Email_Open_Archive] AS o1
    WHERE
      o1.[SubscriberKey] = a.[SubscriberKey]
      AND o1.[EventDate] >= DATEADD(DAY, -365, GETDATE())
  )
  AND a.[CreatedDate] < DATEADD(DAY, -365, CAST(GETDATE() AS DATE))
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('score-fell-60-days', () => {
    expect(sql('score-fell-60-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[SubscriberKey] IN (
    SELECT h1.[SubscriberKey]
    FROM [Score_History] AS h1
    INNER JOIN [Score_History] AS h2 ON h2.[SubscriberKey] = h1.[SubscriberKey]
    WHERE
      h1.[SnapshotDate] = (SELECT MAX(h3.[SnapshotDate]) FROM [Score_History] AS h3 WHERE h3.[SubscriberKey] = h1.[SubscriberKey] AND h3.[Score] IS NOT NULL)
      AND h2.[SnapshotDate] = (SELECT MIN(h4.[SnapshotDate]) FROM [Score_History] AS h4 WHERE h4.[SubscriberKey] = h1.[SubscriberKey] AND h4.[Score] IS NOT NULL AND h4.[SnapshotDate] >= DATEADD(DAY, -60, GETDATE()))
      AND h2.[Score] - h1.[Score] >= 10
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('score-rose-most-30-days', () => {
    expect(sql('score-rose-most-30-days')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[SubscriberKey] IN (
    SELECT TOP 50 h1.[SubscriberKey]
    FROM [Score_History] AS h1
    INNER JOIN [Score_History] AS h2 ON h2.[SubscriberKey] = h1.[SubscriberKey]
    WHERE
      h1.[SnapshotDate] = (SELECT MAX(h3.[SnapshotDate]) FROM [Score_History] AS h3 WHERE h3.[SubscriberKey] = h1.[SubscriberKey] AND h3.[Score] IS NOT NULL)
      AND h2.[SnapshotDate] = (SELECT MIN(h4.[SnapshotDate]) FROM [Score_History] AS h4 WHERE h4.[SubscriberKey] = h1.[SubscriberKey] AND h4.[Score] IS NOT NULL AND h4.[SnapshotDate] >= DATEADD(DAY, -30, GETDATE()))
      AND h1.[Score] - h2.[Score] >= 1
    ORDER BY h1.[Score] - h2.[Score] DESC, h1.[SubscriberKey]
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('searched-service-terms', () => {
    expect(sql('searched-service-terms')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [Web_Searches] AS e1
    WHERE
      e1.[SubscriberKey] = a.[SubscriberKey]
      AND e1.[EventDate] >= DATEADD(DAY, -60, GETDATE())
      AND (
        e1.[SearchTerm] LIKE '%service%'
        OR e1.[SearchTerm] LIKE '%support plan%'
      )
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('soft-bounced-4', () => {
    expect(sql('soft-bounced-4')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    SELECT COUNT(*)
    FROM [_Bounce] AS b1
    WHERE
      b1.[SubscriberKey] = a.[SubscriberKey]
      AND b1.[EventDate] >= DATEADD(DAY, -180, GETDATE())
      AND b1.[BounceCategory] = 'Soft bounce'
  ) >= 4
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('spring-campaign', () => {
    expect(sql('spring-campaign')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  a.[Country] IN ('US', 'CA')
  AND a.[HasOptedIn] = 1
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('stage-customer', () => {
    expect(sql('stage-customer')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_lifecycle] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
      AND m1.[StageRank] = 5
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('stage-lead', () => {
    expect(sql('stage-lead')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_lifecycle] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
      AND m1.[StageRank] = 2
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('stage-mql', () => {
    expect(sql('stage-mql')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_lifecycle] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
      AND m1.[StageRank] = 3
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('stage-sql', () => {
    expect(sql('stage-sql')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_lifecycle] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
      AND m1.[StageRank] = 4
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('stage-subscriber', () => {
    expect(sql('stage-subscriber')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [kit_lifecycle] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
      AND m1.[StageRank] = 1
  )
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m2
    WHERE
      m2.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('suppressed', () => {
    expect(sql('suppressed')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    EXISTS (
      SELECT 1
      FROM [_Subscribers] AS u1
      WHERE
        u1.[SubscriberKey] = a.[SubscriberKey]
        AND u1.[Status] = 'unsubscribed'
    )
    OR EXISTS (
      SELECT 1
      FROM [_BusinessUnitUnsubscribes] AS u2
      WHERE
        u2.[SubscriberKey] = a.[SubscriberKey]
    )
  )
  OR EXISTS (
    SELECT 1
    FROM [_Bounce] AS b1
    WHERE
      b1.[SubscriberKey] = a.[SubscriberKey]
      AND b1.[BounceCategory] = 'Hard bounce'
  )
  OR EXISTS (
    SELECT 1
    FROM [_Complaint] AS k1
    WHERE
      k1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });

  it('unsubscribed-recently', () => {
    expect(sql('unsubscribed-recently')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  EXISTS (
    SELECT 1
    FROM [_Unsubscribe] AS u1
    WHERE
      u1.[SubscriberKey] = a.[SubscriberKey]
      AND u1.[EventDate] >= DATEADD(DAY, -30, GETDATE())
  )`);
  });

  it('visited-pricing-pages', () => {
    expect(sql('visited-pricing-pages')).toBe(`SELECT
  a.[SubscriberKey],
  a.[EmailAddress],
  a.[FirstName]
FROM [Contacts] AS a
WHERE
  (
    SELECT COUNT(*)
    FROM [Web_PageViews] AS e1
    WHERE
      e1.[SubscriberKey] = a.[SubscriberKey]
      AND e1.[EventDate] >= DATEADD(DAY, -30, GETDATE())
      AND e1.[PageURL] LIKE '%/pricing%'
  ) >= 2
  AND NOT EXISTS (
    SELECT 1
    FROM [kit_suppressed] AS m1
    WHERE
      m1.[SubscriberKey] = a.[SubscriberKey]
  )`);
  });
});
