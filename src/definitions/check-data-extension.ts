import type { Finding } from './diagnostics.ts';
import type { DataExtensionDef } from './schemas/data-extension.ts';

/** SFMC's own rules for a data extension's fields, found before a deploy would fail on them. */
export function checkDataExtension(de: DataExtensionDef): Finding[] {
  const findings: Finding[] = [];
  const err = (path: (string | number)[], code: string, message: string) =>
    findings.push({ severity: 'error', code, message, path });
  const seen = new Map<string, number>();
  de.fields.forEach((f, i) => {
    const lower = f.name.toLowerCase();
    if (seen.has(lower))
      err(['fields', i, 'name'], 'duplicate', `duplicate field "${f.name}" (names are case-insensitive)`);
    seen.set(lower, i);
    if (f.primaryKey && f.required === false)
      err(['fields', i, 'required'], 'field-rule', 'a primary-key field must be required');
    if (f.type === 'Text' && f.length === undefined) {
      // SFMC defaults Text to 50 silently; being explicit avoids truncated values.
      err(['fields', i], 'field-rule', `Text field "${f.name}" needs a length (1–4000)`);
    }
    if (f.scale !== undefined && f.type !== 'Decimal')
      err(['fields', i, 'scale'], 'field-rule', 'scale applies to Decimal fields only');
    if (f.type === 'Decimal') {
      if (f.length === undefined || f.length > 29)
        err(['fields', i], 'field-rule', 'a Decimal field needs length (precision) 1–29');
      else if (f.scale !== undefined && f.scale > f.length)
        err(['fields', i, 'scale'], 'field-rule', 'scale cannot exceed length');
    }
    if (['Number', 'Date', 'Boolean'].includes(f.type) && f.length !== undefined) {
      err(['fields', i, 'length'], 'field-rule', `${f.type} fields have no length`);
    }
    if (f.type === 'EmailAddress' && f.length !== undefined && f.length > 254) {
      err(['fields', i, 'length'], 'field-rule', 'EmailAddress is at most 254 characters');
    }
    if (f.primaryKey && f.type === 'Date') {
      findings.push({
        severity: 'warning',
        code: 'field-rule',
        message: 'SFMC advises against Date primary keys',
        path: ['fields', i, 'type'],
      });
    }
  });
  if (de.sendable) {
    const field = de.sendableField ?? de.fields.find((f) => f.primaryKey)?.name;
    if (!field)
      err(['sendable'], 'field-rule', 'a sendable data extension needs sendableField or a primary key');
    else if (!seen.has(field.toLowerCase()))
      err(['sendableField'], 'unknown-field', `sendableField "${field}" is not a field of ${de.name}`);
  }
  return findings;
}
