/** A tiny escaping XML writer: objects are elements, arrays repeat, `@name` keys are attributes. */
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toXml(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  let attributes = '';
  let children = '';
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined || child === null) continue;
    if (key.startsWith('@')) attributes += ` ${key.slice(1)}="${escapeXml(String(child))}"`;
    else if (key === '#text') children += escapeXml(String(child));
    else children += toXml(key, child);
  }
  return `<${name}${attributes}>${children}</${name}>`;
}
