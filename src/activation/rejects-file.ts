import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { MemberReject } from './types.ts';

/** One JSON line per rejected member, appended (a run's rejects never overwrite an earlier run's). */
export async function writeRejects(file: string, rejects: MemberReject[], at: Date): Promise<void> {
  if (!rejects.length) return;
  await mkdir(path.dirname(file), { recursive: true });
  const stamp = at.toISOString();
  await appendFile(file, rejects.map((r) => `${JSON.stringify({ at: stamp, ...r })}\n`).join(''));
}
