/**
 * Strict flag checking for every command, from the command's own citty `args` (so a command only
 * declares its flags). Unknown flags, flags missing their value, values of the wrong kind and extra
 * arguments are refused with KitError('USAGE') (exit 64) before the command runs, with a "did you mean".
 * The arguments handed on to citty are normalised (`--name=value`), so citty and this check agree.
 */
import type { ArgDef, ArgsDef } from 'citty';
import { KitError } from '../errors/index.ts';

/** Flags every command accepts (handled by the entry point). */
export const GLOBAL_FLAGS = ['verbose', 'help'] as const;

interface IntegerRule {
  min: number;
  max: number;
}

const integerRules = new WeakMap<object, IntegerRule>();

/** A flag whose value must be a whole number in [min, max]; checked centrally before the command runs. */
export function integerFlag(
  description: string,
  rule: IntegerRule & { default?: number },
): { type: 'string'; description: string; valueHint: string; default?: string } {
  const def = {
    type: 'string' as const,
    description: `${description} (${rule.min}–${rule.max})`,
    valueHint: 'n',
    ...(rule.default === undefined ? {} : { default: String(rule.default) }),
  };
  integerRules.set(def, { min: rule.min, max: rule.max });
  return def;
}

/** The value of a flag declared with integerFlag (already checked by checkArgs). */
export function integerValue(args: Record<string, unknown>, name: string): number {
  return Number(args[name]);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

function suggest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestScore) {
      best = k;
      bestScore = d;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

const usage = (command: string, message: string, hint?: string) =>
  new KitError('USAGE', `${command}: ${message}`, { hint: hint ?? `see sfmc-kit ${command} --help` });

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Checks `rawArgs` against `argsDef`; returns them normalised for citty. Throws KitError('USAGE'). */
export function checkArgs(command: string, argsDef: ArgsDef, rawArgs: string[]): string[] {
  const byName = new Map<string, { name: string; def: ArgDef }>();
  const positionals: Array<{ name: string; def: ArgDef }> = [];
  for (const [name, def] of Object.entries(argsDef)) {
    if (def.type === 'positional') {
      positionals.push({ name, def });
      continue;
    }
    byName.set(name, { name, def });
    const aliases = 'alias' in def && def.alias ? [def.alias].flat() : [];
    for (const a of aliases) byName.set(a, { name, def });
  }
  const flagNames = [...byName.keys()].filter((n) => n.length > 1);
  const out: string[] = [];
  let seenPositionals = 0;
  // The last positional, when optional, takes any number of values (`sync a b`, `test x y`).
  const last = positionals.at(-1);
  const variadic = last !== undefined && !last.def.required;
  const positional = (value: string) => {
    if (seenPositionals >= positionals.length && !variadic) {
      throw usage(
        command,
        `unexpected argument ${show(value)}`,
        positionals.length
          ? undefined
          : `${command} takes no arguments, only flags; see sfmc-kit ${command} --help`,
      );
    }
    seenPositionals += 1;
    out.push(value);
  };

  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i];
    if (token === '--') {
      for (const rest of rawArgs.slice(i + 1)) positional(rest);
      break;
    }
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      positional(token);
      continue;
    }
    const long = token.startsWith('--');
    const body = token.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    let name = eq >= 0 ? body.slice(0, eq) : body;
    let inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (!long && name.length > 1 && inline === undefined) {
      // `-abc` is not a thing here: short flags are one letter.
      throw unknownFlag(command, token, name, flagNames);
    }
    if ((GLOBAL_FLAGS as readonly string[]).includes(name) || (!long && name === 'h')) continue;
    let negated = false;
    if (!byName.has(name) && name.startsWith('no-') && byName.get(name.slice(3))?.def.type === 'boolean') {
      negated = true;
      name = name.slice(3);
    }
    const entry = byName.get(name);
    if (!entry) throw unknownFlag(command, `${long ? '--' : '-'}${name}`, name, flagNames);
    const { def } = entry;
    const flag = `--${entry.name}`;
    if (def.type === 'boolean') {
      if (inline !== undefined) {
        if (negated || !/^(true|false)$/i.test(inline))
          throw usage(command, `${flag} is a switch and takes no value (got ${show(inline)})`);
        negated = inline.toLowerCase() === 'false';
      }
      out.push(negated ? `--no-${entry.name}` : flag);
      continue;
    }
    // A string or enum flag: its value is inline or the next argument.
    if (inline === undefined) {
      const next = rawArgs[i + 1];
      if (next === undefined || (next.startsWith('-') && !/^-\d/.test(next))) {
        throw usage(
          command,
          `${flag} needs a value${next === undefined ? '' : ` (got the flag ${next})`}`,
          def.valueHint ? `write ${flag} <${def.valueHint}>` : undefined,
        );
      }
      inline = next;
      i += 1;
    }
    checkValue(command, flag, def, inline);
    out.push(`${flag}=${inline}`);
  }
  for (const p of positionals.slice(seenPositionals)) {
    if (p.def.required) throw usage(command, `missing argument <${p.name}>`);
  }
  return out;
}

function unknownFlag(command: string, shown: string, name: string, known: string[]): KitError {
  const guess = suggest(name, known);
  return usage(
    command,
    `unknown flag ${shown}${guess ? `; did you mean --${guess}?` : ''}`,
    `${command} accepts: ${known.map((k) => `--${k}`).join(', ')}`,
  );
}

function checkValue(command: string, flag: string, def: ArgDef, value: string): void {
  if (def.type === 'enum' && def.options && !def.options.includes(value)) {
    const guess = suggest(value, def.options);
    throw usage(
      command,
      `${flag} must be one of ${def.options.join(', ')}, got ${show(value)}`,
      guess ? `did you mean ${flag} ${guess}?` : undefined,
    );
  }
  const rule = integerRules.get(def);
  if (rule) {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < rule.min || n > rule.max) {
      throw usage(
        command,
        `${flag} must be a whole number from ${rule.min} to ${rule.max}, got ${show(value)}`,
      );
    }
  }
  if (value.trim() === '' && def.type === 'string')
    throw usage(command, `${flag} needs a value, got an empty one`);
}
