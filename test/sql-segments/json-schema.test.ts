import { describe, expect, it } from 'vitest';
import { generateJsonSchemas } from '../../src/definitions/json-schema.ts';

describe('SQL segment JSON Schema', () => {
  it('is generated for editors, requiring sql and target and sharing the segment fields', () => {
    const schemas = generateJsonSchemas();
    const sql = JSON.parse(schemas['sql-segment.schema.json']!);
    const seg = JSON.parse(schemas['segment.schema.json']!);
    expect(sql.required).toEqual(expect.arrayContaining(['name', 'membership', 'target', 'sql']));
    expect(sql.additionalProperties).toBe(false);
    for (const f of ['name', 'label', 'description', 'schedule'])
      expect(sql.properties[f], f).toEqual(seg.properties[f]);
    expect(sql.properties.membership.enum).toEqual(seg.properties.membership.enum);
  });
});
