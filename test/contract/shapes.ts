import { XMLParser } from 'fast-xml-parser';

/** What a value is, for comparing a recorded answer with the emulator's (values themselves aside). */
export type Kind = 'nil' | 'null' | 'bool' | 'number' | 'date' | 'text' | 'object' | 'array';

/** Leaf path -> kinds seen there. Paths: XML element names joined by '/', JSON keys by '.', arrays as '[]'. */
export type Shape = Map<string, Set<Kind>>;

const DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2})/;

function add(shape: Shape, path: string, kind: Kind) {
  let s = shape.get(path);
  if (!s) shape.set(path, (s = new Set()));
  s.add(kind);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath, _leaf, isAttribute) =>
    !isAttribute && typeof jpath === 'string' && jpath.split('.').length > 3,
});

export type XmlNode = Record<string, unknown>;

/** The SOAP Body's message element (RetrieveResponseMsg, CreateResponse, …) and its name. */
export function soapMessage(xml: string): { name: string; body: XmlNode } {
  const doc = parser.parse(xml) as XmlNode;
  const body = (doc.Envelope as XmlNode).Body as XmlNode;
  const name = Object.keys(body).find((k) => !k.startsWith('@_'))!;
  const msg = body[name];
  return { name, body: (Array.isArray(msg) ? msg[0] : msg) as XmlNode };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function xmlLeaf(v: unknown): Kind | undefined {
  if (v === null || v === undefined) return 'text';
  if (typeof v === 'string') {
    if (v === '') return 'text';
    if (/^(true|false)$/i.test(v)) return 'bool';
    if (/^-?\d+(\.\d+)?$/.test(v)) return 'number';
    if (DATE.test(v)) return 'date';
    return 'text';
  }
  const o = v as XmlNode;
  if (o['@_nil'] === 'true') return 'nil';
  const children = Object.keys(o).filter((k) => !k.startsWith('@_') && k !== '#text');
  if (children.length === 0) return xmlLeaf(o['#text'] === undefined ? '' : String(o['#text']));
  return undefined;
}

/** Shape of one XML element's content (e.g. one Results item). */
export function xmlShape(node: unknown, prefix = '', shape: Shape = new Map()): Shape {
  for (const item of asList(node)) {
    const leaf = xmlLeaf(item);
    if (leaf) {
      if (prefix) add(shape, prefix, leaf);
      continue;
    }
    for (const [k, v] of Object.entries(item as XmlNode)) {
      if (k.startsWith('@_') || k === '#text') continue;
      xmlShape(v, prefix ? `${prefix}/${k}` : k, shape);
    }
  }
  return shape;
}

/** Children of a message element, each with its items (Results may repeat). */
export function xmlChildren(msg: XmlNode): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(msg)) if (!k.startsWith('@_')) out.set(k, asList(v));
  return out;
}

/** JSON shape; `mapKeys` names object paths whose keys are data (e.g. a rowset's field names). */
export function jsonShape(
  v: unknown,
  mapKeys: RegExp | undefined,
  prefix = '',
  shape: Shape = new Map(),
): Shape {
  if (Array.isArray(v)) {
    add(shape, prefix, 'array');
    for (const x of v) jsonShape(x, mapKeys, `${prefix}[]`, shape);
  } else if (v === null) add(shape, prefix, 'null');
  else if (typeof v === 'object') {
    add(shape, prefix, 'object');
    const isMap = mapKeys?.test(prefix);
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      jsonShape(x, mapKeys, `${prefix ? `${prefix}.` : ''}${isMap ? '*' : k}`, shape);
  } else if (typeof v === 'boolean') add(shape, prefix, 'bool');
  else if (typeof v === 'number') add(shape, prefix, 'number');
  else add(shape, prefix, DATE.test(String(v)) ? 'date' : 'text');
  return shape;
}

export function merge(into: Shape, from: Shape): Shape {
  for (const [p, ks] of from) for (const k of ks) add(into, p, k);
  return into;
}

const compatible = (emu: Kind, recorded: Set<Kind>, xml: boolean) =>
  recorded.has(emu) ||
  // XML carries every value as text: digits in a text field are still text.
  (xml && emu === 'number' && recorded.has('text')) ||
  (xml && emu === 'text' && recorded.has('number') && recorded.size === 1 && false);

/**
 * Differences of an emulator shape from the recorded ones: paths SFMC never sends, paths SFMC always
 * sends that are missing, and values of another kind. `always` = paths present in every recorded sample.
 */
export function diffShape(emu: Shape, recorded: Shape, always: Set<string>, xml: boolean): string[] {
  const out: string[] = [];
  for (const [p, kinds] of emu) {
    const rec = recorded.get(p);
    if (!rec) out.push(`extra: ${p}`);
    else
      for (const k of kinds)
        if (!compatible(k, rec, xml)) out.push(`kind: ${p} is ${k}, SFMC sends ${[...rec].join('|')}`);
  }
  for (const p of always) if (!emu.has(p)) out.push(`missing: ${p}`);
  return out;
}
