import { describe, expect, it } from 'vitest';
import { filterXmlToWhere } from '../../src/emulator/run/filter-xml.ts';

// Issue 13 point 12: a value holding `]]>` is written as two CDATA sections (correct XML), which the
// emulator read as "a]],>b".
const fields = [{ name: 'Note', objectId: 'f-1', fieldType: 'Text' }] as Parameters<
  typeof filterXmlToWhere
>[1];
const xml = (value: string) =>
  `<FilterDefinition><ConditionSet Operator="AND" ConditionSetName="x"><Condition ID="f-1" Operator="Equal"><Value>${value}</Value></Condition></ConditionSet></FilterDefinition>`;

describe('filter XML values split into CDATA sections', () => {
  it('`]]>` inside a value, as two CDATA sections, is one value', () => {
    const { params } = filterXmlToWhere(xml('<![CDATA[a]]]]><![CDATA[>b]]>'), fields, new Date());
    expect(params).toEqual(['a]]>b']);
  });

  it('three sections and a plain value', () => {
    expect(
      filterXmlToWhere(xml('<![CDATA[]]]]><![CDATA[>x]]]]><![CDATA[>]]>'), fields, new Date()).params,
    ).toEqual([']]>x]]>']);
    expect(filterXmlToWhere(xml('plain'), fields, new Date()).params).toEqual(['plain']);
  });
});
