import { type DataExtensionModel, describeField, type FieldModel, fieldKey } from './model.ts';

export interface FieldDiff {
  /** In-place changes SFMC accepts. */
  compatible: string[];
  /** Changes SFMC refuses in place: the DE must be replaced. */
  incompatible: string[];
  /** Field drops (data loss). */
  drops: string[];
}

/** Field-level rules from SFMC: type fixed, no narrowing, no nullable→required, no scale change. */
export function diffFields(desired: DataExtensionModel, live: DataExtensionModel): FieldDiff {
  const out: FieldDiff = { compatible: [], incompatible: [], drops: [] };
  const liveByName = new Map(live.fields.map((f) => [fieldKey(f.name), f]));
  const mayHoldRows = live.rowCount !== 0;
  for (const d of desired.fields) {
    const l = liveByName.get(fieldKey(d.name));
    if (!l) {
      if (mayHoldRows && (d.primaryKey || (d.required && d.default === undefined))) {
        out.incompatible.push(
          `field ${d.name}: new ${d.primaryKey ? 'primary key' : 'required field without default'} cannot be added to a data extension that ${live.rowCount === undefined ? 'may hold' : 'holds'} rows; requires replace`,
        );
      } else out.compatible.push(`field ${d.name}: add ${describeField(d)}`);
      continue;
    }
    compareField(d, l, out);
  }
  const desiredNames = new Set(desired.fields.map((f) => fieldKey(f.name)));
  for (const l of live.fields) {
    if (!desiredNames.has(fieldKey(l.name))) out.drops.push(`field ${l.name}: drop (its data is lost)`);
  }
  return out;
}

function compareField(d: FieldModel, l: FieldModel, out: FieldDiff): void {
  const from = describeField(l);
  const to = describeField(d);
  if (d.type !== l.type) {
    out.incompatible.push(`field ${d.name}: ${from} → ${to} requires replace (field type cannot change)`);
    return;
  }
  if (d.name !== l.name) out.compatible.push(`field ${l.name} → ${d.name}: rename (case)`);
  if ((d.scale ?? 0) !== (l.scale ?? 0)) {
    out.incompatible.push(
      `field ${d.name}: ${from} → ${to}: Scale updates are not supported by SFMC; requires replace`,
    );
  } else if (d.length !== undefined && l.length !== undefined && d.length !== l.length) {
    if (d.length < l.length) {
      out.incompatible.push(
        `field ${d.name}: ${from} → ${to}: MaxLength decrease is not allowed by SFMC; requires replace`,
      );
    } else out.compatible.push(`field ${d.name}: ${from} → ${to}: widen`);
  }
  if (d.primaryKey !== l.primaryKey) {
    out.incompatible.push(
      `field ${d.name}: primary key ${l.primaryKey ? 'removed' : 'added'}; requires replace`,
    );
  } else if (d.required && !l.required) {
    out.incompatible.push(`field ${d.name}: nullable → required is not allowed by SFMC; requires replace`);
  } else if (!d.required && l.required) {
    out.compatible.push(`field ${d.name}: required → nullable`);
  }
  if ((d.default ?? '') !== (l.default ?? '')) {
    out.compatible.push(`field ${d.name}: default ${l.default ?? '(none)'} → ${d.default ?? '(none)'}`);
  }
}
