import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint, CheckpointStore } from './types.ts';

const fileName = (sync: string): string => `${sync.replace(/[^\w.-]/g, '_')}.json`;

/** One JSON file per sync in `dir`, replaced atomically (write to a temp file, then rename). */
export function createFileCheckpointStore(dir: string): CheckpointStore {
  return {
    async load(sync) {
      try {
        return JSON.parse(await readFile(join(dir, fileName(sync)), 'utf8')) as Checkpoint;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async save(checkpoint) {
      await mkdir(dir, { recursive: true });
      const target = join(dir, fileName(checkpoint.sync));
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(checkpoint, null, 2)}\n`);
      await rename(tmp, target);
    },
  };
}

export function createMemoryCheckpointStore(): CheckpointStore & { saved: Checkpoint[] } {
  const current = new Map<string, Checkpoint>();
  const saved: Checkpoint[] = [];
  return {
    saved,
    async load(sync) {
      const cp = current.get(sync);
      return cp ? structuredClone(cp) : undefined;
    },
    async save(cp) {
      current.set(cp.sync, structuredClone(cp));
      saved.push(structuredClone(cp));
    },
  };
}
