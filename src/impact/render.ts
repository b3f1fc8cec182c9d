import { relative } from 'node:path';
import type { Impact } from './impact.ts';

/** Text rendering: direct uses first, then uses through other segments; file:line per use. */
export function renderImpact(impact: Impact, cwd = process.cwd()): string {
  const subject = impact.field ? `${impact.table}.${impact.field}` : impact.table;
  if (!impact.entries.length) return `Nothing in the definitions uses ${subject}.`;
  const lines = [`${subject} is used by:`];
  const where = (file: string, line: number, column: number) =>
    `${relative(cwd, file) || file}:${line}:${column}`;
  const direct = impact.entries.filter((e) => e.via.length === 0);
  const indirect = impact.entries.filter((e) => e.via.length > 0);
  for (const e of direct)
    lines.push(
      `  ${e.consumer.kind.padEnd(11)} ${e.consumer.name.padEnd(32)} ${e.access} (${e.what})  ${where(e.file, e.line, e.column)}`,
    );
  if (indirect.length) lines.push('through other segments:');
  for (const e of indirect)
    lines.push(
      `  ${e.consumer.kind.padEnd(11)} ${e.consumer.name.padEnd(32)} via ${e.via.join(' → ')} (${e.what})  ${where(e.file, e.line, e.column)}`,
    );
  const names = new Set(impact.entries.map((e) => `${e.consumer.kind} ${e.consumer.name}`));
  lines.push(`${names.size} definitions affected.`);
  return lines.join('\n');
}
