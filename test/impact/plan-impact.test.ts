import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, planDeployment, renderPlan } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { planImpactNotes } from '../../src/impact/plan-notes.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const contacts = (countryLength: number) =>
  [
    'name: Contacts',
    'fields:',
    '  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }',
    `  - { name: Country, type: Text, length: ${countryLength} }`,
    '  - { name: City, type: Text, length: 80 }',
    '',
  ].join('\n');

describe('plan shows the impact of each field it changes', () => {
  it('widening Contacts.Country lists the segment that filters on it with file:line; City (unchanged) is not listed', async () => {
    emu = await startEmulator({ port: 0, salesforce: false });
    const dir = mkdtempSync(join(tmpdir(), 'kit-plan-impact-'));
    mkdirSync(join(dir, 'data-extensions'));
    mkdirSync(join(dir, 'segments'));
    writeFileSync(join(dir, 'sfmc-kit.yaml'), 'name: T\nkeyPrefix: t_\n');
    writeFileSync(join(dir, 'data-extensions', 'Contacts.yaml'), contacts(2));
    writeFileSync(
      join(dir, 'segments', 'us.yaml'),
      'name: us\nmembership: static\naudience: Contacts\nselect: [City]\nrules:\n  attribute: { field: Country, equals: US }\n',
    );
    const sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
    const first = await openSession({ dir, sfmc });
    const { plan } = await planDeployment(first.port, first.desired, first.env);
    const applied = await applyPlan(plan, first.port, { concurrency: 2 });
    expect(applied.failed).toEqual([]);

    writeFileSync(join(dir, 'data-extensions', 'Contacts.yaml'), contacts(3));
    const s = await openSession({ dir, sfmc });
    const next = (await planDeployment(s.port, s.desired, s.env)).plan;
    const text = renderPlan(next, planImpactNotes(s.project, dir));
    expect(text).toContain('field Country: Text(2) → Text(3): widen');
    expect(text).toContain('impact of Contacts.Country:');
    expect(text).toContain('segment us: rules: attribute at segments/us.yaml:6');
    expect(text).not.toContain('impact of Contacts.City');
    // Without the hook the plan renders as before.
    expect(renderPlan(next)).not.toContain('impact of');
  });
});
