import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lint/validate-project.ts';
import { CASES } from './broken-cases.ts';
import { writeProject } from './fixture.ts';

describe('broken definitions are answered with a precise error at the right place', () => {
  it('the corpus has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it('the base project alone has no errors', async () => {
    const { dir, cleanup } = await writeProject();
    const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
    await cleanup();
    expect(r.errors).toBe(0);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const { dir, cleanup } = await writeProject(c.files);
      const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
      await cleanup();
      const found = r.diagnostics.map((d) => ({
        at: `${d.file}:${d.line}:${d.column}`,
        code: d.code,
        message: d.message,
      }));
      const hit = found.find((d) => d.at === c.at && d.code === c.code);
      expect(hit, JSON.stringify(found, null, 1)).toBeDefined();
      expect(hit!.message).toContain(c.says);
      expect(r.diagnostics.find((d) => d.code === c.code)?.severity).toBe(
        c.code === 'no-suppression' ? 'warning' : 'error',
      );
    });
  }
});
