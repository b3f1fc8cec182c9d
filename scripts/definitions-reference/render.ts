/**
 * docs/definitions.md as one string, from the zod schemas (fields, types, defaults, descriptions), the
 * condition registry (one section per kind) and the example project (examples picked per kind).
 */
import { WINDOW_MEANINGS } from '../../src/compiler/windows.ts';
import type { z } from 'zod';
import { CONDITION_KINDS } from '../../src/compiler/conditions/registry.ts';
import { dataExtensionSchema } from '../../src/definitions/schemas/data-extension.ts';
import { projectConfigSchema } from '../../src/definitions/schemas/project-config.ts';
import { segmentSchema } from '../../src/definitions/schemas/segment.ts';
import { segmentTestSchema } from '../../src/definitions/schemas/segment-test.ts';
import { syncSchema } from '../../src/definitions/schemas/sync.ts';
import { operatorExamples, pickExample, pickRuleTree, type SourceFile, scanSegments } from './examples.ts';
import { fieldRows, fieldTable, toJson, typeLabel } from './field-rows.ts';
import { operatorRows, operatorTable } from './operators.ts';

/** `${name}`, spelled so it is not read as a template placeholder by mistake. */
const VARIABLE = '$' + '{name}';

interface FileKind {
  title: string;
  anchor: string;
  /** Where the files live, relative to the project root. */
  location: string;
  folder: string;
  jsonSchema: string;
  schema: z.ZodType;
  intro: string;
}

const FILE_KINDS: FileKind[] = [
  {
    title: 'Project configuration',
    anchor: 'project-configuration',
    location: 'definitions/sfmc-kit.yaml',
    folder: 'sfmc-kit.yaml',
    jsonSchema: 'schema/sfmc-kit.schema.json',
    schema: projectConfigSchema,
    intro: `One file per project. Key prefix, folders, business units (environments) and the \`${VARIABLE}\` variables any definition may use.`,
  },
  {
    title: 'Data extensions',
    anchor: 'data-extensions',
    location: 'definitions/data-extensions/<name>.yaml',
    folder: 'data-extensions/',
    jsonSchema: 'schema/data-extension.schema.json',
    schema: dataExtensionSchema,
    intro: 'One data extension per file: the audience, synced CRM objects, event and archive tables.',
  },
  {
    title: 'Segments',
    anchor: 'segments',
    location: 'definitions/segments/<name>.yaml',
    folder: 'segments/',
    jsonSchema: 'schema/segment.schema.json',
    schema: segmentSchema,
    intro:
      'One segment per file; the file name is the segment name. A segment deploys as a target data extension filled by a query (or a filter) on a schedule. Who is in it is written in [rules](#rules).',
  },
  {
    title: 'Syncs',
    anchor: 'syncs',
    location: 'definitions/syncs/<name>.yaml',
    folder: 'syncs/',
    jsonSchema: 'schema/sync.schema.json',
    schema: syncSchema,
    intro: 'One Salesforce object copied into a data extension per file.',
  },
  {
    title: 'Segment tests',
    anchor: 'segment-tests',
    location: 'definitions/tests/<segment>.yaml',
    folder: 'tests/',
    jsonSchema: 'schema/segment-test.schema.json',
    schema: segmentTestSchema,
    intro:
      'Fixture rows per data extension or data view and the exact members a segment must return; `sfmc-kit test` runs them without touching SFMC.',
  },
];

function withoutSchemaComment(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('# yaml-language-server:'))
    .join('\n')
    .trim();
}

/** The shortest file of a kind, shown whole when it is short enough to read at a glance. */
function sampleFile(kind: FileKind, files: SourceFile[]): SourceFile | undefined {
  return files
    .filter((f) => (kind.folder.endsWith('/') ? f.path.startsWith(kind.folder) : f.path === kind.folder))
    .filter((f) => f.path.endsWith('.yaml'))
    .sort((a, b) => a.text.length - b.text.length || a.path.localeCompare(b.path))[0];
}

function fileKindSection(kind: FileKind, files: SourceFile[]): string {
  const json = toJson(kind.schema);
  const out = [
    `### ${kind.title}`,
    '',
    `Lives in \`${kind.location}\` · JSON Schema \`${kind.jsonSchema}\``,
    '',
    kind.intro,
    '',
    fieldTable(fieldRows(json)),
  ];
  const sample = sampleFile(kind, files);
  if (sample) {
    const text = withoutSchemaComment(sample.text);
    if (text.split('\n').length <= 30) {
      out.push('', `Example, \`definitions/${sample.path}\`:`, '', '```yaml', text, '```');
    } else {
      out.push('', `Example: \`definitions/${sample.path}\`.`);
    }
  }
  return out.join('\n');
}

function conditionSection(kind: (typeof CONDITION_KINDS)[number], example: string | undefined): string {
  const json = toJson(kind.schema as z.ZodType);
  const out = [`### \`${kind.kind}\``, '', `${kind.summary}.`, ''];
  if (json.type === 'object') {
    if (json.description) out.push(json.description, '');
    const rows = fieldRows(json);
    out.push(rows.length > 0 ? fieldTable(rows) : 'No fields: write `{}`.');
  } else {
    out.push(`Value: ${typeLabel(json)}${json.description ? ` — ${json.description}` : ''}.`);
  }
  if (kind.kind === 'attribute')
    out.push('', 'The operators and the field types they apply to are listed under [Operators](#operators).');
  out.push('');
  out.push(example ? example : '_No segment in `definitions/` uses this condition yet._');
  return out.join('\n');
}

function exampleBlock(file: string, snippet: string): string {
  return [`Example, from \`definitions/${file}\`:`, '', '```yaml', snippet, '```'].join('\n');
}

const RULE_NODES = [
  ['all', 'list of rules', 'Every rule in the list must hold (AND)'],
  ['any', 'list of rules', 'At least one rule in the list must hold (OR)'],
  ['not', 'one rule', 'The rule must not hold'],
];

export function renderDefinitionsReference(files: SourceFile[]): string {
  const segments = files.filter((f) => f.path.startsWith('segments/') && f.path.endsWith('.yaml'));
  const { conditions, trees } = scanSegments(segments);
  const tree = pickRuleTree(trees);
  const anchor = (kind: string) => kind.toLowerCase();

  const parts: string[] = [
    '# Definitions reference',
    '',
    '<!-- Generated by scripts/gen-definitions-reference.ts from the zod schemas and definitions/. Do not edit:',
    '     run `node scripts/gen-definitions-reference.ts` after changing a schema, a condition or an example. -->',
    '',
    'Every file sfmc-kit reads, every field it accepts and every rule condition, with an example from the',
    'example project in `definitions/`. Editors with YAML support check the same things as you type through',
    'the JSON Schemas in `schema/` (first line of each file: `# yaml-language-server: $schema=…`).',
    '',
    'How to read the tables: **Field** is the YAML key (`a.b` is key `b` inside `a`, `a[].b` is key `b` of each',
    'item of the list `a`, `a.<name>.b` is key `b` under any name you choose inside `a`). **Required** applies',
    'once the parent key is written. **Default** is what the kit uses when the key is left out. Any text value',
    `may contain \`${VARIABLE}\`, replaced by the variable of that name from \`sfmc-kit.yaml\` (\`variables:\`,`,
    'overridden per environment).',
    '',
    '## Contents',
    '',
    ...FILE_KINDS.map((k) => `- [${k.title}](#${k.anchor}) — \`${k.location}\``),
    '- [Rules](#rules) — `all`, `any`, `not`',
    '- [Conditions](#conditions)',
    ...CONDITION_KINDS.map((k) => `  - [\`${k.kind}\`](#${anchor(k.kind)})`),
    '- [Operators](#operators)',
    '- [Time windows](#time-windows) — `withinDays`, `inLastDays`, `olderThanDays`, `betweenDays`, `days`',
    '- [Text comparison](#text-comparison)',
    '',
    '## File kinds',
    '',
    ...FILE_KINDS.flatMap((k) => [fileKindSection(k, files), '']),
    '## Rules',
    '',
    'A segment’s `rules:` (and each funnel stage’s `rules:`) is one rule. A rule is a map with exactly one key:',
    'a combinator below, or a [condition](#conditions). Combinators nest to any depth.',
    '',
    '| Key | Value | Meaning |',
    '|---|---|---|',
    ...RULE_NODES.map(([k, v, m]) => `| \`${k}\` | ${v} | ${m} |`),
  ];
  if (tree) parts.push('', exampleBlock(tree.file, tree.snippet));
  parts.push(
    '',
    '## Conditions',
    '',
    '| Condition | What it selects |',
    '|---|---|',
    ...CONDITION_KINDS.map((k) => `| [\`${k.kind}\`](#${anchor(k.kind)}) | ${k.summary} |`),
    '',
  );
  for (const kind of CONDITION_KINDS) {
    const picked = pickExample(conditions.filter((c) => c.kind === kind.kind));
    parts.push(conditionSection(kind, picked && exampleBlock(picked.file, picked.snippet)), '');
  }
  parts.push(
    '## Operators',
    '',
    'An `attribute` condition (and each item of `event`’s `where:`) names a `field` and exactly one operator.',
    'Conditions on CRM values (`leadStatus`, `opportunityStage`, `owner`) and the text tests of email',
    'conditions (`url`, `linkName`, `emailName`) accept the subset listed in their own table. Dates are',
    '`YYYY-MM-DD` (or `YYYY-MM-DD HH:MM`); what each day count and date bound means is under',
    '[Time windows](#time-windows). An operator used on a field type it does not apply to is reported by',
    '`sfmc-kit validate`.',
    '',
    operatorTable(operatorRows(operatorExamples(conditions))),
    '',
    '## Time windows',
    '',
    'SFMC keeps its clock in Central Standard Time all year (UTC−6, no daylight saving time): `GETDATE()`',
    'and the data views’ dates are CST, and “today” is the CST calendar day. A data extension `Date` field',
    'holds a date and a time; a date-only value is midnight. The SQL column is what the compiler emits',
    '(src/compiler/windows.ts), shown for a field `[Date]` and N = 30.',
    '',
    '| Words | Used by | Meaning | SQL |',
    '|---|---|---|---|',
    ...WINDOW_MEANINGS.map(
      (w) => `| \`${w.word}\` | ${w.where} | ${w.meaning} | \`${w.sql.replaceAll('|', '\\|')}\` |`,
    ),
    '',
    'A NULL date is in no window. A NULL score (`scoreChange`) is no score: it neither ranks nor starts a',
    'rise or fall. A CRM record the sync flagged deleted (`IsDeleted`, `deletes: flag`) never qualifies a',
    'contact unless the condition says `includeDeleted: true`.',
    '',
    '## Text comparison',
    '',
    'Text compares as SFMC’s SQL Server does: case-insensitive and accent-sensitive (`Gold` = `gold`,',
    '`é` ≠ `e`), and trailing spaces do not count in `equals`, `in`, `notEquals`, `notIn` or in the joins on',
    "keys (`'gold '` = `'Gold'`, a blank value equals an empty one). `contains`, `beginsWith` and",
    '`endsWith` (LIKE) ignore the trailing spaces of the value but not those of the text you give, and',
    'match `%`, `_`, `[` and `]` literally. `isEmpty` is NULL or empty text, and a value of spaces only',
    'equals empty text. See Microsoft KB 316626, “How SQL Server compares strings with trailing spaces”,',
    'and LIKE (Transact-SQL).',
    '',
  );
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
