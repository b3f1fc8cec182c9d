import { text, type XNode, xsiType } from './xml.ts';

export type FlatRecord = Record<string, unknown>;

export class FilterError extends Error {}

/** Evaluates a SOAP Retrieve filter (SimpleFilterPart / ComplexFilterPart) against a flat record. */
export function compileFilter(node: XNode | undefined): (r: FlatRecord) => boolean {
  if (!node) return () => true;
  const type = xsiType(node);
  if (type === 'ComplexFilterPart') {
    const left = node.LeftOperand as XNode | undefined;
    const right = node.RightOperand as XNode | undefined;
    if (!xsiType(left) || !xsiType(right))
      throw new FilterError('Operands of a ComplexFilterPart need an xsi:type.');
    const l = compileFilter(left);
    const r = compileFilter(right);
    const op = text(node.LogicalOperator).toUpperCase();
    return op === 'OR' ? (x) => l(x) || r(x) : (x) => l(x) && r(x);
  }
  if (type !== 'SimpleFilterPart') throw new FilterError(`Unsupported filter type ${type || '(none)'}.`);
  const prop = text(node.Property);
  const op = text(node.SimpleOperator);
  const values = [
    ...((node.Value as unknown[]) ?? []),
    ...((node.DateValue as unknown[] | undefined) ?? []),
  ].map(text);
  const get = (r: FlatRecord) => {
    const key = Object.keys(r).find((k) => k.toLowerCase() === prop.toLowerCase());
    const v = key === undefined ? undefined : r[key];
    return v === null || v === undefined ? null : String(v);
  };
  const cmp = (a: string, b: string) => {
    const na = Number(a);
    const nb = Number(b);
    if (a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (!Number.isNaN(da) && !Number.isNaN(db) && /\d{4}/.test(a) && /\d{4}/.test(b)) return da - db;
    return a.toLowerCase().localeCompare(b.toLowerCase());
  };
  return (r) => {
    const v = get(r);
    switch (op) {
      case 'equals':
        return v !== null && cmp(v, values[0] ?? '') === 0;
      case 'notEquals':
        return v === null || cmp(v, values[0] ?? '') !== 0;
      case 'greaterThan':
        return v !== null && cmp(v, values[0]) > 0;
      case 'lessThan':
        return v !== null && cmp(v, values[0]) < 0;
      case 'greaterThanOrEqual':
        return v !== null && cmp(v, values[0]) >= 0;
      case 'lessThanOrEqual':
        return v !== null && cmp(v, values[0]) <= 0;
      case 'isNull':
        return v === null || v === '';
      case 'isNotNull':
        return v !== null && v !== '';
      case 'between':
        return v !== null && cmp(v, values[0]) >= 0 && cmp(v, values[1]) <= 0;
      case 'IN':
        return v !== null && values.some((x) => cmp(v, x) === 0);
      case 'like': {
        if (v === null) return false;
        const re = new RegExp(
          `^${(values[0] ?? '')
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/%/g, '.*')
            .replace(/_/g, '.')}$`,
          'i',
        );
        return re.test(v);
      }
      default:
        throw new FilterError(`Unsupported SimpleOperator ${op}.`);
    }
  };
}
