import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.ts';
import { dumpDom, elements, hasChromium, visibleText } from './chromium.ts';
import { FUNNEL_COUNTS, fixtureReportData, HOSTILE, HOSTILE_IMG, MEMBER_SETS } from './fixture-data.ts';

if (!hasChromium) {
  // CI installs Debian's chromium (.ci/run); a developer machine without it skips, and says so.
  console.warn('report browser test skipped: /usr/bin/chromium is not installed (apt-get install chromium)');
}

describe.skipIf(!hasChromium)('report in headless chromium', () => {
  const data = fixtureReportData();
  let dir: string;
  let dom: string;
  let text: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kit-report-'));
    const file = path.join(dir, 'report.html');
    await writeFile(file, renderReport(data));
    dom = await dumpDom(file);
    text = visibleText(dom);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('ran its own script, which parsed the embedded data, and no injected markup ran', () => {
    expect(dom).toMatch(/<html\b[^>]*\bdata-ready="3"/);
    // Every injected payload would mark <html> with data-pwned; the page's own script sets data-ready.
    const htmlTag = dom.match(/<html\b[^>]*>/)![0];
    expect(htmlTag).toContain('data-ready');
    expect(htmlTag).not.toContain('data-pwned');
    expect(dom).not.toMatch(/<img\b/i);
    // The page has exactly its own two script elements after load.
    expect(dom.match(/<script\b/g)).toHaveLength(2);
  });

  it('shows the hostile name, label and SQL as text', () => {
    expect(text).toContain(HOSTILE);
    expect(text).toContain(HOSTILE_IMG);
    expect(text).toContain("a.[Name] <> '</pre><b>x</b>'");
    expect(text).toContain(
      "-- </script><script>document.documentElement.setAttribute('data-pwned','3')</script>",
    );
  });

  it('lists every segment with its size after the last run, membership and last-run time', () => {
    const rows = elements(dom, 'tr', 'data-segment=').map(visibleText);
    expect(rows).toHaveLength(3);
    const names = Object.keys(MEMBER_SETS);
    for (const [i, row] of rows.entries()) {
      expect(row.startsWith(names[i])).toBe(true);
      expect(row).toContain(` ${MEMBER_SETS[names[i]].length} `);
    }
    expect(rows[0]).toBe('email-clickers Clicked any email dynamic 7 2025-01-15 06:00 query activity');
    expect(rows[2]).toBe('vip-buyers additive 4 — filtered audience');
    expect(visibleText(dom.match(/<header>[\s\S]*?<\/header>/)![0])).toContain(
      'Segment report — Fixture & Co',
    );
  });

  it('shows the overlap matrix: shared members per pair, sizes on the diagonal', () => {
    const names = Object.keys(MEMBER_SETS);
    const rows = elements(dom, 'tr', '').filter((r) => r.includes('class="row-name"'));
    expect(rows).toHaveLength(3);
    for (const [i, row] of rows.entries()) {
      const cells = [...row.matchAll(/<td\b[^>]*>([^<]*)<\/td>/g)].map((m) => Number(m[1]));
      const expected = names.map(
        (b) => MEMBER_SETS[names[i]].filter((k) => MEMBER_SETS[b].includes(k)).length,
      );
      expect(cells).toEqual(expected);
    }
    // Spot-check against the sets by hand: clickers ∩ hostile = c, d, e.
    expect(visibleText(rows[0])).toBe('email-clickers 7 3 2');
  });

  it('draws the funnel with every stage label and count, in order', () => {
    const stages = elements(dom, 'g', 'class="stage"').map(visibleText);
    expect(stages).toHaveLength(5);
    for (const [i, [name, count]] of FUNNEL_COUNTS.entries()) {
      expect(stages[i]).toContain(name);
      expect(stages[i]).toContain(count.toLocaleString('en-US'));
    }
    expect(stages[1]).toContain('53.3% of Subscriber');
    expect(text).toContain('Funnel: Lifecycle <funnel>');
  });

  it('shows each segment’s rules in plain words', () => {
    const rules = elements(dom, 'pre', 'class="rules"').map((p) => visibleText(p));
    expect(rules[0]).toBe(
      'all of: - clicked a link whose URL contains "premium" at least 2 times in the last 30 days - not: - is in segment suppressed',
    );
    expect(rules[2]).toBe('- LoyaltyTier is one of Gold, Platinum');
    expect(text).toContain('<FilterDefinition><ConditionSet Operator="AND"/></FilterDefinition>');
  });
});
