/** Broken definitions, each with the one diagnostic it must produce: where, which code, what it says. */
export interface BrokenCase {
  name: string;
  files: Record<string, string | null>;
  at: string;
  code: string;
  says: string;
}

const seg = (name: string, body: string) => ({
  [`segments/${name}.yaml`]: `name: ${name}\nmembership: static\naudience: Contacts\n${body}`,
});

export const CASES: BrokenCase[] = [
  {
    name: 'YAML syntax error',
    files: seg('s', 'rules:\n  attribute: { field: Country, equals: US\n'),
    at: 'segments/s.yaml:6:1',
    code: 'yaml',
    says: 'YAML syntax',
  },
  {
    name: 'missing config',
    files: { 'sfmc-kit.yaml': null },
    at: 'sfmc-kit.yaml:1:1',
    code: 'missing-config',
    says: 'no sfmc-kit.yaml',
  },
  {
    name: 'unknown key in config',
    files: { 'sfmc-kit.yaml': 'name: T\nkeyprefix: x\n' },
    at: 'sfmc-kit.yaml:2:1',
    code: 'schema',
    says: 'unknown key "keyprefix"',
  },
  {
    name: 'bad keyPrefix',
    files: { 'sfmc-kit.yaml': 'name: T\nkeyPrefix: "a b"\n' },
    at: 'sfmc-kit.yaml:2:12',
    code: 'schema',
    says: 'up to 12 letters',
  },
  {
    name: 'unknown environment',
    files: { 'sfmc-kit.yaml': 'name: T\ndefaultEnvironment: qa\nenvironments:\n  dev: {}\n' },
    at: 'sfmc-kit.yaml:4:3',
    code: 'unknown-environment',
    says: 'unknown environment "qa"',
  },
  {
    name: 'unknown variable',
    files: seg('s', 'description: "${nope}"\nrules:\n  attribute: { field: Country, equals: US }\n'),
    at: 'segments/s.yaml:4:14',
    code: 'unknown-variable',
    says: 'unknown variable ${nope}',
  },
  {
    name: 'DE field type typo',
    files: { 'data-extensions/X.yaml': 'name: X\nfields:\n  - { name: A, type: Txt, length: 5 }\n' },
    at: 'data-extensions/X.yaml:3:22',
    code: 'schema',
    says: 'expected one of',
  },
  {
    name: 'DE without fields',
    files: { 'data-extensions/X.yaml': 'name: X\nfields: []\n' },
    at: 'data-extensions/X.yaml:2:9',
    code: 'schema',
    says: 'at least one field',
  },
  {
    name: 'Text field without length',
    files: { 'data-extensions/X.yaml': 'name: X\nfields:\n  - { name: A, type: Text }\n' },
    at: 'data-extensions/X.yaml:3:5',
    code: 'field-rule',
    says: 'needs a length',
  },
  {
    name: 'duplicate field',
    files: {
      'data-extensions/X.yaml':
        'name: X\nfields:\n  - { name: A, type: Number }\n  - { name: a, type: Number }\n',
    },
    at: 'data-extensions/X.yaml:4:13',
    code: 'duplicate',
    says: 'duplicate field "a"',
  },
  {
    name: 'PK not required',
    files: {
      'data-extensions/X.yaml':
        'name: X\nfields:\n  - { name: A, type: Number, primaryKey: true, required: false }\n',
    },
    at: 'data-extensions/X.yaml:3:58',
    code: 'field-rule',
    says: 'primary-key field must be required',
  },
  {
    name: 'duplicate DE name',
    files: { 'data-extensions/Y.yaml': 'name: contacts\nfields:\n  - { name: A, type: Number }\n' },
    at: 'data-extensions/Y.yaml:1:7',
    code: 'duplicate',
    says: 'duplicate data extension name',
  },
  {
    name: 'bad membership',
    files: {
      'segments/s.yaml':
        'name: s\nmembership: sometimes\naudience: Contacts\nrules:\n  attribute: { field: Country, equals: US }\n',
    },
    at: 'segments/s.yaml:2:13',
    code: 'schema',
    says: 'expected one of',
  },
  {
    name: 'dynamic without schedule',
    files: {
      'segments/s.yaml':
        'name: s\nmembership: dynamic\naudience: Contacts\nrules:\n  attribute: { field: Country, equals: US }\n',
    },
    at: 'segments/s.yaml:2:1',
    code: 'schema',
    says: 'expected schedule',
  },
  {
    name: 'bad schedule time',
    files: {
      'segments/s.yaml':
        'name: s\nmembership: dynamic\nschedule: { frequency: daily, time: "25:00" }\naudience: Contacts\nrules:\n  attribute: { field: Country, equals: US }\n',
    },
    at: 'segments/s.yaml:3:37',
    code: 'schema',
    says: 'HH:MM',
  },
  {
    name: 'name differs from file',
    files: {
      'segments/s.yaml':
        'name: other\nmembership: static\naudience: Contacts\nrules:\n  attribute: { field: Country, equals: US }\n',
    },
    at: 'segments/s.yaml:1:7',
    code: 'schema',
    says: 'must match its file name',
  },
  {
    name: 'no rules',
    files: seg('s', ''),
    at: 'segments/s.yaml:1:1',
    code: 'schema',
    says: 'exactly one of rules: or funnel:',
  },
  {
    name: 'unknown condition',
    files: seg('s', 'rules:\n  all:\n    - emailClick: { withinDays: 3 }\n'),
    at: 'segments/s.yaml:6:7',
    code: 'schema',
    says: 'unknown condition "emailClick" (did you mean emailClicked?)',
  },
  {
    name: 'two keys in one rule',
    files: seg(
      's',
      'rules:\n  all:\n    - attribute: { field: Country, equals: US }\n      unsubscribed: {}\n',
    ),
    at: 'segments/s.yaml:6:7',
    code: 'schema',
    says: 'exactly one key',
  },
  {
    name: 'empty all',
    files: seg('s', 'rules:\n  all: []\n'),
    at: 'segments/s.yaml:5:8',
    code: 'schema',
    says: 'non-empty list',
  },
  {
    name: 'two operators',
    files: seg('s', 'rules:\n  attribute: { field: Country, equals: US, in: [CA] }\n'),
    at: 'segments/s.yaml:5:14',
    code: 'schema',
    says: 'exactly one operator',
  },
  {
    name: 'unknown operator',
    files: seg('s', 'rules:\n  attribute: { field: Country, like: US }\n'),
    at: 'segments/s.yaml:5:32',
    code: 'schema',
    says: 'unknown key "like"',
  },
  {
    name: 'missing field',
    files: seg('s', 'rules:\n  attribute: { equals: US }\n'),
    at: 'segments/s.yaml:5:14',
    code: 'schema',
    says: 'missing required key "field"',
  },
  {
    name: 'unknown field',
    files: seg('s', 'rules:\n  attribute: { field: Countri, equals: US }\n'),
    at: 'segments/s.yaml:5:23',
    code: 'unknown-field',
    says: 'Contacts has no field "Countri" (did you mean Country?)',
  },
  {
    name: 'operator on wrong type',
    files: seg('s', 'rules:\n  attribute: { field: Score, contains: x }\n'),
    at: 'segments/s.yaml:5:40',
    code: 'operator-type',
    says: 'contains needs a text field',
  },
  {
    name: 'text value for number',
    files: seg('s', 'rules:\n  attribute: { field: Score, gt: lots }\n'),
    at: 'segments/s.yaml:5:34',
    code: 'operator-type',
    says: 'expected a number',
  },
  {
    name: 'relative date on text',
    files: seg('s', 'rules:\n  attribute: { field: Country, inLastDays: 7 }\n'),
    at: 'segments/s.yaml:5:44',
    code: 'operator-type',
    says: 'needs a Date field',
  },
  {
    name: 'bad anniversary',
    files: seg('s', 'rules:\n  attribute: { field: CreatedDate, anniversary: yesterday }\n'),
    at: 'segments/s.yaml:5:49',
    code: 'schema',
    says: 'today, tomorrow or { inDays: N }',
  },
  {
    name: 'negative days',
    files: seg('s', 'rules:\n  emailClicked: { withinDays: -3 }\n'),
    at: 'segments/s.yaml:5:31',
    code: 'schema',
    says: 'at least 1 day',
  },
  {
    name: 'unknown audience',
    files: {
      'segments/s.yaml':
        'name: s\nmembership: static\naudience: People\nrules:\n  attribute: { field: Country, equals: US }\n',
    },
    at: 'segments/s.yaml:3:11',
    code: 'unknown-data-extension',
    says: 'unknown data extension or data view "People"',
  },
  {
    name: 'unknown event source',
    files: seg('s', 'rules:\n  event: { source: Web_Nope }\n'),
    at: 'segments/s.yaml:5:20',
    code: 'unknown-data-extension',
    says: '"Web_Nope"',
  },
  {
    name: 'unknown segment reference',
    files: seg('s', 'rules:\n  inSegment: nobody\n'),
    at: 'segments/s.yaml:5:14',
    code: 'unknown-segment',
    says: 'unknown segment "nobody"',
  },
  {
    name: 'self reference',
    files: seg('s', 'rules:\n  notInSegment: s\n'),
    at: 'segments/s.yaml:5:17',
    code: 'segment-cycle',
    says: 'refers to itself',
  },
  {
    name: 'window beyond data-view retention',
    files: seg('s', 'rules:\n  emailClicked: { withinDays: 365 }\n'),
    at: 'segments/s.yaml:5:31',
    code: 'retention-window',
    says: 'keeps only 180 days',
  },
  {
    name: 'target lacks selected fields',
    files: {
      ...seg(
        's',
        'select: [EmailAddress, Country]\ntarget: Small\nrules:\n  attribute: { field: Country, equals: US }\n',
      ),
      'data-extensions/Small.yaml':
        'name: Small\nfields:\n  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }\n  - { name: EmailAddress, type: EmailAddress, length: 254 }\n',
    },
    at: 'segments/s.yaml:5:9',
    code: 'target-fields',
    says: 'lacks selected field Country',
  },
  {
    name: 'target without the key as PK',
    files: {
      ...seg(
        's',
        'select: [EmailAddress]\ntarget: NoPk\nrules:\n  attribute: { field: Country, equals: US }\n',
      ),
      'data-extensions/NoPk.yaml':
        'name: NoPk\nfields:\n  - { name: SubscriberKey, type: Text, length: 18 }\n  - { name: EmailAddress, type: EmailAddress, length: 254 }\n',
    },
    at: 'segments/s.yaml:5:9',
    code: 'target-fields',
    says: 'needs SubscriberKey as its primary key',
  },
  {
    name: 'unknown funnel stage',
    files: {
      ...seg('s', 'rules:\n  funnelStage: { funnel: f, is: Champion }\n'),
      'segments/f.yaml':
        'name: f\nmembership: additive\nschedule: { frequency: daily }\naudience: Contacts\nfunnel:\n  stages:\n    - { name: A, rules: { attribute: { field: Country, isNotEmpty: true } } }\n    - { name: B, rules: { attribute: { field: Country, equals: US } } }\n',
    },
    at: 'segments/s.yaml:5:33',
    code: 'unknown-stage',
    says: 'has no stage "Champion"',
  },
  {
    name: 'sync with bad mode',
    files: {
      'syncs/leads.yaml':
        'name: leads\nobject: Lead\nfields: [Id, Email]\ntarget: CRM_Lead\nmode: sometimes\n',
    },
    at: 'syncs/leads.yaml:5:7',
    code: 'schema',
    says: 'expected one of',
  },
  {
    name: 'test without cases',
    files: { 'tests/base.yaml': 'segment: base\ncases: []\n' },
    at: 'tests/base.yaml:2:8',
    code: 'schema',
    says: 'expected array to have >=1 items',
  },
  {
    name: 'sync into an unknown data extension',
    files: { 'syncs/leads.yaml': 'name: leads\nobject: Lead\nfields: [Id]\ntarget: Leads\n' },
    at: 'syncs/leads.yaml:4:9',
    code: 'unknown-data-extension',
    says: 'sync target "Leads"',
  },
  {
    name: 'test of an unknown segment',
    files: { 'tests/x.yaml': 'segment: nope\ncases:\n  - { name: a, given: {}, expect: { members: [] } }\n' },
    at: 'tests/x.yaml:1:10',
    code: 'unknown-segment',
    says: 'unknown segment "nope"',
  },
  {
    name: 'test fixture for an unknown table',
    files: {
      'tests/x.yaml':
        'segment: base\ncases:\n  - name: a\n    given:\n      _Clicks: []\n    expect: { members: [] }\n',
    },
    at: 'tests/x.yaml:5:7',
    code: 'unknown-data-extension',
    says: 'fixture table "_Clicks"',
  },
  {
    name: 'generated key longer than 36',
    files: seg(
      'a-very-long-segment-name-for-keys-x',
      'rules:\n  attribute: { field: Country, equals: US }\n',
    ),
    at: 'segments/a-very-long-segment-name-for-keys-x.yaml:1:7',
    code: 'key-too-long',
    says: 'at most 36',
  },
];
