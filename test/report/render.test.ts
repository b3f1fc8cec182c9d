import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, renderReport } from '../../src/report/index.ts';
import { fixtureReportData, HOSTILE } from './fixture-data.ts';

describe('renderReport', () => {
  const html = renderReport(fixtureReportData());

  it('is one self-contained page: no external URL, stylesheet, script source or image', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // The only namespace URI is the SVG one, which browsers never fetch.
    expect([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0])).toEqual([
      'http://www.w3.org/2000/svg',
    ]);
  });

  it('escapes every value: the hostile name never appears raw, and the embedded JSON cannot end its script', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('&lt;/pre&gt;&lt;b&gt;x&lt;/b&gt;');
    // Exactly the two script elements the page itself has.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(json)).toEqual(fixtureReportData());
  });

  it('escapes the five HTML characters and script-breaking JSON', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(jsonForScript({ s: '</script><!--&\u2028' })).toBe(
      '{"s":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}',
    );
  });

  it('draws the funnel as inline SVG with one bar per stage, widths proportional to the counts', () => {
    const bars = [
      ...html.matchAll(
        /<g class="stage" data-stage="([^"]+)" data-count="(\d+)">[\s\S]*?<rect x="[\d.]+" y="\d+" width="([\d.]+)"/g,
      ),
    ];
    expect(bars.map((b) => [b[1], Number(b[2])])).toEqual([
      ['Subscriber', 1200],
      ['Lead', 640],
      ['MQL', 310],
      ['SQL', 95],
      ['Customer', 42],
    ]);
    const widths = bars.map((b) => Number(b[3]));
    for (const [i, b] of bars.entries()) expect(widths[i] / widths[0]).toBeCloseTo(Number(b[2]) / 1200, 2);
  });
});
