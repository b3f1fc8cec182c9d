/** Writes the semantics project (data extensions, one segment per case, one test file per case) to a temp dir. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SemanticsCase, sortKeys } from './cases.ts';
import { NOW_ISO } from './clock.ts';
import { dataExtensionRows, VIEWS } from './dataset.ts';

const f = (name: string, type: string, more: Record<string, unknown> = {}) => ({ name, type, ...more });

export const DATA_EXTENSIONS = [
  {
    name: 'Contacts',
    fields: [
      f('SubscriberKey', 'Text', { length: 254, primaryKey: true }),
      f('EmailAddress', 'EmailAddress', { length: 254 }),
      f('Tier', 'Text', { length: 20 }),
      f('City', 'Text', { length: 50 }),
      f('Score', 'Number'),
      f('Spend', 'Decimal', { length: 18, scale: 2 }),
      f('Active', 'Boolean'),
      f('BirthDate', 'Date'),
      f('CreatedDate', 'Date'),
      f('Note', 'Text', { length: 100 }),
    ],
  },
  {
    name: 'Score_History',
    fields: [
      f('SnapshotId', 'Text', { length: 300, primaryKey: true }),
      f('SubscriberKey', 'Text', { length: 254, required: true }),
      f('SnapshotDate', 'Date', { required: true }),
      f('Score', 'Number'),
    ],
  },
  {
    name: 'Web_Events',
    fields: [
      f('EventId', 'Text', { length: 20, primaryKey: true }),
      f('SubscriberKey', 'Text', { length: 254 }),
      f('EventDate', 'Date'),
      f('Page', 'Text', { length: 100 }),
    ],
  },
  {
    name: 'CRM_Lead',
    fields: [
      f('Id', 'Text', { length: 254, primaryKey: true }),
      f('Status', 'Text', { length: 40 }),
      f('OwnerId', 'Text', { length: 18 }),
      f('LastActivityDate', 'Date'),
      f('CreatedDate', 'Date'),
      f('IsDeleted', 'Boolean'),
    ],
  },
  {
    name: 'CRM_User',
    fields: [
      f('Id', 'Text', { length: 18, primaryKey: true }),
      f('Email', 'EmailAddress', { length: 254 }),
      f('Name', 'Text', { length: 121 }),
    ],
  },
  {
    name: 'CRM_Contact',
    fields: [
      f('Id', 'Text', { length: 254, primaryKey: true }),
      f('AccountId', 'Text', { length: 18 }),
      f('IsDeleted', 'Boolean'),
    ],
  },
  {
    name: 'CRM_Opportunity',
    fields: [
      f('Id', 'Text', { length: 18, primaryKey: true }),
      f('AccountId', 'Text', { length: 18 }),
      f('StageName', 'Text', { length: 40 }),
      f('Amount', 'Decimal', { length: 18, scale: 2 }),
      f('CloseDate', 'Date'),
      f('IsWon', 'Boolean'),
      f('IsClosed', 'Boolean'),
      f('IsDeleted', 'Boolean'),
    ],
  },
];

export type Membership = 'static' | 'additive' | 'dynamic';

export interface SegmentSpec {
  name: string;
  rules: unknown;
  membership: Membership;
}

/** Files of the project: JSON is YAML, so every file is written as JSON. */
export function writeProject(
  segments: SegmentSpec[],
  tests: SemanticsCase[] = [],
): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kit-semantics-'));
  const write = (file: string, value: unknown) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(value, null, 1));
  };
  write('sfmc-kit.yaml', { name: 'Semantics', keyPrefix: 'sem_' });
  for (const de of DATA_EXTENSIONS) write(`data-extensions/${de.name}.yaml`, de);
  for (const s of segments) {
    write(`segments/${s.name}.yaml`, {
      name: s.name,
      membership: s.membership,
      ...(s.membership === 'static' ? {} : { schedule: { frequency: 'daily', time: '06:00' } }),
      audience: 'Contacts',
      select: ['SubscriberKey'],
      // These segments probe semantics, not mailing hygiene.
      lint: { allow: ['no-suppression', 'data-view-window', 'opens-signal', 'young-contact-guard'] },
      rules: s.rules,
    });
  }
  const given = { ...dataExtensionRows(), ...VIEWS };
  for (const t of tests) {
    write(`tests/${t.name}.yaml`, {
      segment: t.name,
      now: NOW_ISO,
      cases: [{ name: 'documented meaning', given, expect: { members: sortKeys(t.members) } }],
    });
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
