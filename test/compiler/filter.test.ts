import { beforeAll, describe, expect, it } from 'vitest';
import { compileSegment, resolveFilterXml } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/load-project.ts';
import type { Project } from '../../src/definitions/project.ts';
import { writeProject } from '../definitions/fixture.ts';

let examples: Project;
beforeAll(async () => {
  examples = await loadProject(new URL('../../definitions', import.meta.url).pathname, { env: 'prod' });
});

describe('filter or query', () => {
  it('attribute-only rules on the audience compile to a Filter Definition with placeholders', () => {
    const c = compileSegment(examples, 'geographic-us-west-urban');
    expect(c.form).toBe('filter');
    expect(c.filter?.sourceName).toBe('Contacts');
    expect(c.filter?.sourceKey).toBe('kit_Contacts');
    expect(c.filter?.xml).toBe(`<FilterDefinition Source="DataExtension" SourceID="{{source}}">
  <ConditionSet Operator="AND" ConditionSetName="Individual Filter Grouping">
    <Condition ID="{{field:Country}}" Operator="Equal"><Value><![CDATA[US]]></Value></Condition>
    <ConditionSet Operator="OR" ConditionSetName="Grouping">
      <Condition ID="{{field:Region}}" Operator="Equal"><Value><![CDATA[CA]]></Value></Condition>
      <Condition ID="{{field:Region}}" Operator="Equal"><Value><![CDATA[WA]]></Value></Condition>
      <Condition ID="{{field:Region}}" Operator="Equal"><Value><![CDATA[OR]]></Value></Condition>
    </ConditionSet>
    <Condition ID="{{field:City}}" Operator="IsNotEmpty"><Value/></Condition>
    <Condition ID="{{field:UrbanRural}}" Operator="Equal"><Value><![CDATA[urban]]></Value></Condition>
  </ConditionSet>
</FilterDefinition>`);
    const resolved = resolveFilterXml(
      c.filter!.xml,
      { country: 'F-1', Region: 'F-2', City: 'F-3', UrbanRural: 'F-4' },
      'DE-9',
    );
    expect(resolved).toContain('SourceID="DE-9"');
    expect(resolved).toContain('<Condition ID="F-1" Operator="Equal">');
    expect(resolved).not.toContain('{{');
    expect(() => resolveFilterXml(c.filter!.xml, { Country: 'F-1' }, 'DE-9')).toThrow(/Region/);
  });

  it('explains why other segments need a query', () => {
    const reason = (n: string) => compileSegment(examples, n).reason;
    expect(compileSegment(examples, 'clicked-premium-links').form).toBe('query');
    expect(reason('clicked-premium-links')).toBe(
      '`select` copies only some columns; a filtered data extension copies every source column',
    );
    expect(reason('ever-engaged-premium')).toBe(
      'additive membership needs Update (add, never remove); a filter activity always overwrites its target',
    );
    expect(reason('lifecycle')).toMatch(/^a funnel reads/);
  });

  it('values with ]]> stay inside CDATA and field names are placeholders, not pasted', async () => {
    const { dir, cleanup } = await writeProject({
      'segments/base.yaml':
        'name: base\nmembership: static\naudience: Contacts\nlint: { allow: [no-suppression] }\nrules:\n  any:\n    - attribute: { field: Country, equals: "a]]>b<" }\n    - attribute: { field: Country, contains: "x\\ny" }\n',
    });
    const p = await loadProject(dir);
    await cleanup();
    const c = compileSegment(p, 'base');
    expect(c.form).toBe('filter');
    expect(c.filter?.xml).toContain('<Value><![CDATA[a]]]]><![CDATA[>b<]]></Value>');
    expect(c.filter?.xml).toContain('<Value><![CDATA[x\ny]]></Value>');
    expect(c.filter?.xml).toContain(
      '<ConditionSet Operator="OR" ConditionSetName="Individual Filter Grouping">',
    );
    expect(c.updateType).toBe('Overwrite');
    expect(c.schedule).toBeUndefined();
  });

  it('membership kinds map to update types and schedules', () => {
    const pick = (n: string) => {
      const c = compileSegment(examples, n);
      return [c.updateType, c.schedule?.frequency ?? 'once', c.target.name, c.targetKey];
    };
    expect(pick('spring-campaign')).toEqual([
      'Overwrite',
      'once',
      'Campaign_Audience',
      'kit_Campaign_Audience',
    ]);
    expect(pick('ever-engaged-premium')).toEqual([
      'Update',
      'daily',
      'kit_ever-engaged-premium',
      'kit_ever-engaged-premium',
    ]);
    expect(pick('birthday-tomorrow')).toEqual([
      'Overwrite',
      'daily',
      'kit_birthday-tomorrow',
      'kit_birthday-tomorrow',
    ]);
    expect(compileSegment(examples, 'cold-leads-premium').dependsOn).toEqual([
      'interested-premium-service',
      'lifecycle',
      'suppressed',
    ]);
  });
});
