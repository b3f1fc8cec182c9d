/**
 * JSON Schema for editors, generated from the zod schemas (the single source of truth) into schema/*.json.
 * `node src/definitions/json-schema.ts --write` regenerates; test/definitions checks they are current.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { dataExtensionSchema } from './schemas/data-extension.ts';
import { projectConfigSchema } from './schemas/project-config.ts';
import { segmentSchema } from './schemas/segment.ts';
import { sqlSegmentSchema } from './schemas/sql-segment.ts';
import { segmentTestSchema } from './schemas/segment-test.ts';
import { syncSchema } from './schemas/sync.ts';

const SCHEMAS: Record<string, z.ZodType> = {
  'sfmc-kit.schema.json': projectConfigSchema,
  'data-extension.schema.json': dataExtensionSchema,
  'segment.schema.json': segmentSchema,
  'sql-segment.schema.json': sqlSegmentSchema,
  'sync.schema.json': syncSchema,
  'segment-test.schema.json': segmentTestSchema,
};

/** File name → JSON text. */
export function generateJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, schema] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    out[file] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return out;
}

export async function writeJsonSchemas(dir: string): Promise<string[]> {
  const files = generateJsonSchemas();
  await Promise.all(Object.entries(files).map(([f, text]) => writeFile(path.join(dir, f), text)));
  return Object.keys(files);
}

if (import.meta.main && process.argv.includes('--write')) {
  const dir = path.resolve(import.meta.dirname, '../../schema');
  const written = await writeJsonSchemas(dir);
  process.stdout.write(`wrote ${written.map((f) => `schema/${f}`).join(', ')}\n`);
}
