import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BASE: Record<string, string> = {
  'sfmc-kit.yaml': `name: Test
keyPrefix: t_
defaultEnvironment: dev
variables:
  time: '06:00'
environments:
  dev:
    keySuffix: _dev
`,
  'data-extensions/Contacts.yaml': `name: Contacts
sendable: true
fields:
  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }
  - { name: EmailAddress, type: EmailAddress, length: 254 }
  - { name: Country, type: Text, length: 2 }
  - { name: Score, type: Number }
  - { name: CreatedDate, type: Date }
`,
  'segments/base.yaml': `name: base
membership: static
audience: Contacts
rules:
  attribute: { field: Country, equals: US }
`,
};

/** Writes BASE plus `files` (null deletes a BASE file) into a fresh temp dir; returns it and a cleanup. */
export async function writeProject(
  files: Record<string, string | null> = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sfmc-kit-defs-'));
  const all = { ...BASE, ...files };
  for (const [rel, text] of Object.entries(all)) {
    if (text === null) continue;
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
