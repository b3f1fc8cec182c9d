import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { report } from './campaign.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/sfmc-kit.js');
const root = mkdtempSync(path.join(tmpdir(), 'kit-rel-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CONFIG = 'name: Hostile\nkeyPrefix: h_\n';
const CONTACTS =
  'name: Contacts\nsendable: true\nsendableField: SubscriberKey\nfields:\n  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }\n  - { name: EmailAddress, type: EmailAddress }\n  - { name: Country, type: Text, length: 2 }\n  - { name: Score, type: Number }\n';
const seg = (name: string, rules: string, extra = '') =>
  `name: ${name}\nmembership: dynamic\nschedule: { frequency: daily, time: "06:00" }\naudience: Contacts\n${extra}rules:\n${rules}`;
const nested = (depth: number): string => {
  let s = '    - attribute: { field: Score, gte: 1 }\n';
  for (let i = 0; i < depth; i++) s = `    - all:\n${s.replace(/^/gm, '    ')}`;
  return `  all:\n${s}`;
};

/** Broken definitions: each must fail with a clear error, never a crash or a stack trace. */
const BROKEN: Array<{ name: string; files: Record<string, string>; valid?: boolean }> = [
  { name: 'YAML syntax error', files: { 'segments/a.yaml': 'name: a\nrules: [unclosed\n' } },
  { name: 'tab indentation', files: { 'segments/a.yaml': 'name: a\nrules:\n\tall: []\n' } },
  { name: 'empty segment file', files: { 'segments/a.yaml': '' } },
  { name: 'segment is a list', files: { 'segments/a.yaml': '- 1\n- 2\n' } },
  {
    name: 'unknown condition',
    files: { 'segments/a.yaml': seg('a', '  all:\n    - teleported: { to: mars }\n') },
  },
  {
    name: 'unknown field',
    files: { 'segments/a.yaml': seg('a', '  all:\n    - attribute: { field: Nope, equals: x }\n') },
  },
  {
    name: 'wrong value type',
    files: { 'segments/a.yaml': seg('a', '  all:\n    - attribute: { field: Score, gte: "lots" }\n') },
  },
  {
    name: 'unknown audience',
    files: { 'segments/a.yaml': seg('a', '  all: []\n').replace('audience: Contacts', 'audience: Nobody') },
  },
  {
    name: 'segment cycle',
    files: {
      'segments/a.yaml': seg('a', '  all:\n    - inSegment: b\n'),
      'segments/b.yaml': seg('b', '  all:\n    - inSegment: a\n'),
    },
  },
  {
    name: 'missing inSegment target',
    files: { 'segments/a.yaml': seg('a', '  all:\n    - notInSegment: ghost\n') },
  },
  { name: 'name with path traversal', files: { 'segments/a.yaml': seg('../../etc/passwd', '  all: []\n') } },
  { name: '10,000-character name', files: { 'segments/a.yaml': seg('x'.repeat(10_000), '  all: []\n') } },
  // Deep but legal: it must compile (or refuse clearly), not overflow the stack.
  { name: 'rules nested 200 deep', files: { 'segments/a.yaml': seg('a', nested(200)) }, valid: true },
  {
    name: 'YAML alias bomb',
    files: {
      'segments/a.yaml': `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nname: a\n`,
    },
  },
  {
    name: '__proto__ keys',
    files: {
      'segments/a.yaml': `__proto__: { polluted: true }\nconstructor: { prototype: { x: 1 } }\n${seg('a', '  all: []\n')}`,
    },
  },
  {
    name: 'NUL and control bytes',
    files: { 'segments/a.yaml': `name: "a\\u0000b\\u001b[31m"\nrules: {}\n` },
  },
  {
    name: 'huge number',
    files: { 'segments/a.yaml': seg('a', `  all:\n    - attribute: { field: Score, gte: 1e400 }\n`) },
  },
  { name: 'duplicate keys', files: { 'segments/a.yaml': `name: a\nname: b\n${seg('a', '  all: []\n')}` } },
  {
    name: 'broken data extension',
    files: { 'data-extensions/Bad.yaml': 'name: Bad\nfields:\n  - { name: X, type: Spaceship }\n' },
  },
  {
    name: 'duplicate field names',
    files: {
      'data-extensions/Bad.yaml':
        'name: Bad\nfields:\n  - { name: X, type: Text }\n  - { name: x, type: Number }\n',
    },
  },
  { name: 'broken config', files: { 'sfmc-kit.yaml': 'name: [\n' } },
  {
    name: 'unknown variable',
    files: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a definitions variable, not a JS template
      'segments/a.yaml': seg('a', '  all:\n    - attribute: { field: Country, equals: "${nope}" }\n'),
    },
  },
];

/** Valid definitions carrying hostile strings: they must compile, with every string escaped. */
const HOSTILE_VALUES = [
  `O'Brien'); DROP TABLE Contacts; --`,
  `]]></Value><Script>alert(1)</Script>`,
  `x' OR '1'='1`,
  `‮evil‭ ​zero-width 𝓤𝓷𝓲𝓬𝓸𝓭𝓮 "quoted" \\ back\\slash`,
  `%_[abc]^ wildcard`,
];

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name.replace(/\W+/g, '-'));
  mkdirSync(path.join(dir, 'segments'), { recursive: true });
  mkdirSync(path.join(dir, 'data-extensions'), { recursive: true });
  writeFileSync(path.join(dir, 'sfmc-kit.yaml'), CONFIG);
  writeFileSync(path.join(dir, 'data-extensions/Contacts.yaml'), CONTACTS);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

const cli = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
const STACK =
  /\n\s+at .+[:(]\d+:\d+\)?|TypeError|ReferenceError|RangeError|Maximum call stack|Unhandled|node:internal/;

describe('broken definitions and hostile strings through validate and compile', () => {
  it('every broken definition fails with a clear error, never a crash', () => {
    const outcomes: string[] = [];
    const bad: string[] = [];
    for (const c of BROKEN) {
      const dir = project(c.name, c.files);
      for (const args of [
        ['validate', '--dir', dir],
        ['compile', 'a', '--dir', dir],
      ]) {
        const r = cli(args);
        const out = `${r.stdout}\n${r.stderr}`;
        const clear = /error/i.test(out) && out.trim().length < 20_000;
        const crashed = r.status === null || STACK.test(out) || ![0, 1, 2].includes(r.status);
        const accepted = r.status === 0 && !c.valid;
        const unclear = !c.valid && !clear;
        outcomes.push(
          `${c.name} / ${args[0]}: exit ${r.status}${crashed ? ' CRASH' : ''}${accepted ? ' ACCEPTED' : ''}${unclear ? ' UNCLEAR' : ''}`,
        );
        if (crashed || accepted || unclear)
          bad.push(`${c.name} / ${args[0]}: exit ${r.status} ${out.trim().slice(0, 300)}`);
      }
    }
    report(
      `${BROKEN.length} broken definitions × validate, compile`,
      outcomes,
      bad.length ? bad.join('\n    ') : 'nothing (no crash, every error clear)',
    );
    expect(bad).toEqual([]);
  });

  it('hostile strings compile to escaped SQL and never break out of their literal', () => {
    const files: Record<string, string> = {};
    HOSTILE_VALUES.forEach((v, i) => {
      files[`segments/h${i}.yaml`] = seg(
        `h${i}`,
        `  all:\n    - attribute: { field: Country, equals: ${JSON.stringify(v)} }\n`,
      );
    });
    const dir = project('hostile-values', files);
    const validate = cli(['validate', '--dir', dir]);
    const tried: string[] = [`validate: exit ${validate.status}`];
    const bad: string[] = [];
    if (validate.status !== 0) bad.push(`validate: ${validate.stdout}${validate.stderr}`.slice(0, 600));
    HOSTILE_VALUES.forEach((v, i) => {
      const r = cli(['compile', `h${i}`, '--dir', dir, '--json']);
      let sql = '';
      try {
        sql = JSON.parse(r.stdout).sql ?? '';
      } catch {
        bad.push(`h${i}: no JSON (exit ${r.status}): ${r.stderr.slice(0, 300)}`);
        return;
      }
      const literal = `'${v.replace(/'/g, "''")}'`;
      // The value sits whole inside one N'…' or '…' literal, and nothing after it ends the statement.
      const ok = sql.includes(literal) && !/;\s*DROP/i.test(sql.replace(literal, ''));
      tried.push(`h${i} ${JSON.stringify(v).slice(0, 40)}: ${ok ? 'escaped' : 'NOT ESCAPED'}`);
      if (!ok) bad.push(`h${i}: ${sql.slice(0, 400)}`);
    });
    report('hostile strings in segment values', tried, bad.length ? bad.join('\n    ') : 'nothing');
    expect(bad).toEqual([]);
  });
});
