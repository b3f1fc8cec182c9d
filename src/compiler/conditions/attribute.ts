import { column } from '../sql/escape.ts';
import { requireFields } from './helpers.ts';
import {
  checkTest,
  compileTest,
  describeTest,
  type FieldTest,
  fieldTestSchema,
  filterOperator,
} from './operators.ts';
import { defineCondition } from './types.ts';

/** A test on one field of the audience data extension: `attribute: { field: Country, in: [US, CA] }`. */
export const attribute = defineCondition<FieldTest>({
  kind: 'attribute',
  summary: 'A field of the audience data extension compared with a value',
  schema: fieldTestSchema,
  describe: (c) => describeTest(c.field, c),
  check(c, ctx) {
    const { fields, findings } = requireFields(
      ctx,
      ctx.audience.name,
      ['field'],
      [{ name: c.field, path: ['field'] }],
    );
    const field = fields.get(c.field);
    return field ? [...findings, ...checkTest(c, field.type, field.name)] : findings;
  },
  sql(c, ctx) {
    const field = ctx.field(ctx.audience, c.field)!;
    return compileTest(column(ctx.outer, field.name), field.type, c);
  },
  filter(c, ctx) {
    const field = ctx.field(ctx.audience, c.field)!;
    const op = filterOperator(c, field.type);
    return 'reason' in op ? op : { field: field.name, ...op };
  },
  facts(c) {
    if (c.olderThanDays !== undefined) return { guardsAgeDays: c.olderThanDays };
    return {};
  },
});
