/**
 * Condition operators the emulator accepts in Filter Definition XML, as SFMC spells them. Recorded:
 * `Begins`, `Ends` (../shared/reference/sfmc-recorded/9999999/email/v1/filters/filterdefinition/10ef27dd-…/
 * patch-response.json, get-response.json). The others are the names SFMC's filter UI and the kit's earlier
 * evidence use (Equal, NotEqual, GreaterThan, LessThan, …OrEqual, Is, IsEmpty, IsNotEmpty, Contains,
 * NotContains) and the date names the emulator reads (Before, After, AtOrBefore, AtOrAfter): UNCERTAIN beyond
 * the recorded two. `BeginsWith` / `EndsWith` are not SFMC's names (issue #12.4): refused.
 */
export const FILTER_OPERATORS: ReadonlySet<string> = new Set([
  'Equal',
  'NotEqual',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqual',
  'LessThanOrEqual',
  'Is',
  'IsEmpty',
  'IsNotEmpty',
  'Contains',
  'NotContains',
  'Begins',
  'Ends',
  'Before',
  'After',
  'AtOrBefore',
  'AtOrAfter',
]);

/** Operators in the XML's conditions that SFMC does not know (CDATA values are not looked at). */
export function unknownFilterOperators(xml: string): string[] {
  const markup = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const found = [...markup.matchAll(/<Condition\s[^>]*?\bOperator="([^"]*)"/g)].map((m) => m[1]);
  return [...new Set(found.filter((op) => !FILTER_OPERATORS.has(op)))];
}
