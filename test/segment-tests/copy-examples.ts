import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const EXAMPLES = path.resolve(import.meta.dirname, '../../definitions');

/** A temporary copy of the example definitions with some files replaced (paths relative to definitions/). */
export async function copyExamples(
  replace: Record<string, string> = {},
): Promise<{ root: string; dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'sfmc-kit-tests-'));
  const dir = path.join(root, 'definitions');
  await cp(EXAMPLES, dir, { recursive: true });
  for (const [file, text] of Object.entries(replace)) await writeFile(path.join(dir, file), text);
  return { root, dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** hard-bounced's example test with its expectation replaced. */
export const hardBouncedTest = (expect: string, contacts = '') => `segment: hard-bounced
now: "2024-06-15T12:00:00Z"
cases:
  - name: "hard bounces only"
    given:
      Contacts:
        - {"SubscriberKey": "a", "EmailAddress": "a@example.com", "CreatedDate": "2023-01-01 00:00:00"}
        - {"SubscriberKey": "b", "EmailAddress": "b@example.com", "CreatedDate": "2023-01-01 00:00:00"}${contacts}
      _Bounce:
        - {"SubscriberKey": "a", "EventDate": "2024-06-01 00:00:00", "BounceCategory": "Hard bounce"}
        - {"SubscriberKey": "b", "EventDate": "2024-06-01 00:00:00", "BounceCategory": "Soft bounce"}
    expect:
${expect}
`;
