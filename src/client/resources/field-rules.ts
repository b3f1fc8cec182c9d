import { KitError } from '../../errors/index.ts';
import type { Field, FieldInput } from './data-extension-types.ts';

export type FieldChange =
  | { kind: 'add'; field: FieldInput }
  | { kind: 'widen'; field: FieldInput; existing: Field }
  | { kind: 'same'; name: string };

/**
 * Decides how each desired field maps onto the live DE under SFMC's immutability rules
 * (sfmc-devtools DataExtensionField.prepareDeployColumnsOnUpdate): type, scale, primary key and
 * nullable→required never change; length only grows; new required fields need a default unless
 * the DE is empty. Pure, so the rules are tested without a network.
 */
export function planFieldChanges(
  key: string,
  existing: Field[],
  desired: FieldInput[],
  hasRows: boolean,
): FieldChange[] {
  const byName = new Map(existing.map((f) => [f.name.toLowerCase(), f]));
  const forbidden: string[] = [];
  const changes: FieldChange[] = [];
  for (const field of desired) {
    const live = byName.get(field.name.toLowerCase());
    if (!live) {
      if (hasRows && field.isPrimaryKey)
        forbidden.push(`${field.name}: cannot add a primary key field to a DE that has rows`);
      else if (hasRows && field.isRequired && field.defaultValue === undefined) {
        forbidden.push(`${field.name}: a new required field needs a default value when the DE has rows`);
      } else changes.push({ kind: 'add', field });
      continue;
    }
    const problems: string[] = [];
    if (live.type !== field.type) problems.push(`type cannot change (${live.type} → ${field.type})`);
    if (field.length !== undefined && live.length !== undefined && field.length < live.length) {
      problems.push(`length cannot decrease (${live.length} → ${field.length})`);
    }
    if (field.type === 'Decimal' && field.scale !== undefined && (live.scale ?? 0) !== field.scale) {
      problems.push(`decimal scale cannot change (${live.scale ?? 0} → ${field.scale})`);
    }
    if (Boolean(field.isPrimaryKey) !== live.isPrimaryKey)
      problems.push('primary key membership cannot change');
    if (field.isRequired && !live.isRequired && !field.isPrimaryKey)
      problems.push('a nullable field cannot become required');
    if (problems.length) {
      forbidden.push(`${field.name}: ${problems.join('; ')}`);
      continue;
    }
    const grows = field.length !== undefined && live.length !== undefined && field.length > live.length;
    changes.push(grows ? { kind: 'widen', field, existing: live } : { kind: 'same', name: live.name });
  }
  if (forbidden.length) {
    throw new KitError(
      'FORBIDDEN_CHANGE',
      `data extension "${key}": SFMC does not allow\n  - ${forbidden.join('\n  - ')}`,
      {
        hint: 'Create a new data extension (or delete and recreate this one) to make these changes.',
      },
    );
  }
  return changes;
}
