import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.ts';
import { dumpDom, elements, hasChromium, screenshot } from './chromium.ts';
import { fixtureReportData } from './fixture-data.ts';
import { countColour, decodePng } from './png.ts';
import { fixtureTrends } from './trend-fixture.ts';

/** The bar colours of the entered/exited chart, used nowhere else on the page. */
const ENTERED = '#16a34a';
const EXITED = '#dc2626';

describe.skipIf(!hasChromium)('report trends in headless chromium (screenshot)', () => {
  let dir: string;
  const shots: Record<string, ReturnType<typeof decodePng>> = {};
  let dom: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kit-trends-'));
    for (const [name, data] of [
      ['with', { ...fixtureReportData(), trends: fixtureTrends() }],
      ['without', fixtureReportData()],
    ] as const) {
      const file = path.join(dir, `${name}.html`);
      await writeFile(file, renderReport(data));
      await screenshot(file, path.join(dir, `${name}.png`));
      shots[name] = decodePng(await readFile(path.join(dir, `${name}.png`)));
      if (name === 'with') dom = await dumpDom(file);
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps every chart in the loaded page', () => {
    expect(elements(dom, 'svg', 'class="chart size"')).toHaveLength(3);
    expect(elements(dom, 'svg', 'class="chart bars"')).toHaveLength(3);
    expect(elements(dom, 'svg', 'funnel-conversion')).toHaveLength(1);
    expect(elements(dom, 'table', 'window-conversion')).toHaveLength(1);
  });

  it('paints the entered and exited bars (their colours appear only when the trends are drawn)', () => {
    expect(shots.with.width).toBe(1280);
    expect(countColour(shots.with, ENTERED)).toBeGreaterThan(200);
    expect(countColour(shots.with, EXITED)).toBeGreaterThan(200);
    expect(countColour(shots.without, ENTERED)).toBe(0);
    expect(countColour(shots.without, EXITED)).toBe(0);
  });
});
