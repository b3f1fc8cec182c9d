import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/index.ts';
import { collectUses, impactOf } from '../../src/impact/index.ts';
import { repoRoot, runCli } from '../support/run-cli.ts';

const dir = join(repoRoot, 'definitions');

async function impact(table: string, field?: string) {
  const project = await loadProject(dir);
  const forms = new Map(compileProject(project).segments.map((s) => [s.name, s.form]));
  return impactOf(
    project,
    collectUses(project, (n) => forms.get(n)),
    table,
    field,
  );
}

const short = (file: string) => file.replace(/^.*definitions\//, '');

describe('impact', () => {
  it('Contacts.Country: the segments whose rules or selected fields read it, with file:line, and their tests', async () => {
    const r = await impact('Contacts', 'Country');
    const segments = r.entries
      .filter((e) => e.consumer.kind !== 'test')
      .map((e) => `${e.consumer.kind} ${e.consumer.name} ${e.what} ${short(e.file)}:${e.line}`);
    expect(segments).toEqual([
      'filter geographic-us-west-urban copied into the target segments/geographic-us-west-urban.yaml:6',
      'filter geographic-us-west-urban rules: attribute segments/geographic-us-west-urban.yaml:10',
      'segment nested-logic rules: attribute segments/nested-logic.yaml:12',
      'segment nested-logic rules: attribute segments/nested-logic.yaml:15',
      'segment spring-campaign rules: attribute segments/spring-campaign.yaml:10',
    ]);
    const tests = new Set(r.entries.filter((e) => e.consumer.kind === 'test').map((e) => e.consumer.name));
    expect([...tests].sort()).toEqual(['geographic-us-west-urban', 'spring-campaign']);
    // nested-logic has no test file: nothing invented for it.
    expect(r.entries.every((e) => e.via.length === 0)).toBe(true);
  });

  it('follows segments that read other segments: CRM_Lead.Status reaches the funnel stages and what excludes them', async () => {
    const r = await impact('CRM_Lead', 'Status');
    const direct = r.entries
      .filter((e) => e.via.length === 0)
      .map((e) => `${e.consumer.kind} ${e.consumer.name}`);
    expect(direct).toEqual(
      expect.arrayContaining(['segment lead-status-working', 'segment lifecycle', 'sync leads']),
    );
    const premium = r.entries.find(
      (e) => e.consumer.name === 'premium-not-customers' && e.consumer.kind === 'segment',
    );
    expect(premium?.via).toEqual(['lifecycle', 'stage-customer']);
    expect(short(premium!.file)).toBe('segments/premium-not-customers.yaml');
    // A segment that only writes the table (none here) or a field not used gives nothing.
    expect((await impact('CRM_Lead', 'NoSuchField')).entries).toEqual([]);
  });

  it('through the CLI: names a missing field, prints file:line:column', () => {
    const ok = runCli(repoRoot, ['impact', 'Contacts.Country']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('definitions/segments/spring-campaign.yaml:10:18');
    const bad = runCli(repoRoot, ['impact', 'Contacts.Nope']);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain('data extension Contacts has no field "Nope"');
    const json = JSON.parse(runCli(repoRoot, ['impact', 'Contacts.Country', '--json']).stdout);
    expect(json).toMatchObject({ table: 'Contacts', field: 'Country' });
  }, 90_000);
});
