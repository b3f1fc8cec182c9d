/**
 * The files `sfmc-kit init` writes, as templates embedded in the package: the product never reads
 * files outside its own package at run time, so nothing here is copied from the repository.
 */
import type { SF_VARIABLES, SFMC_VARIABLES } from '../config/schema.ts';

export interface TemplateInput {
  /** Project name shown in reports and plans. */
  name: string;
}

const SCHEMA_BASE = '../node_modules/sfmc-kit/schema';

export function projectConfigYaml({ name }: TemplateInput): string {
  return `# yaml-language-server: $schema=${SCHEMA_BASE}/sfmc-kit.schema.json
name: ${JSON.stringify(name)}
# Prefix of every external key the kit generates (up to 12 letters, digits, _ or -).
keyPrefix: kit_
defaultEnvironment: dev
folders:
  dataExtensions: \${folderRoot}/Data Extensions
  segments: \${folderRoot}/Segments
  queries: \${folderRoot}/Queries
  filters: \${folderRoot}/Filters
  automations: \${folderRoot}/Automations
variables:
  folderRoot: sfmc-kit
  refreshTime: '06:00'
environments:
  dev:
    description: Sandbox business unit
    keySuffix: _dev
  prod:
    description: Production business unit
`;
}

export const CONTACTS_YAML = `# yaml-language-server: $schema=../${SCHEMA_BASE}/data-extension.schema.json
name: Contacts
description: Every contact the business unit mails, keyed by subscriber key
sendable: true
sendableField: SubscriberKey
fields:
  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }
  - { name: EmailAddress, type: EmailAddress, length: 254, required: true }
  - { name: FirstName, type: Text, length: 80 }
  - { name: LastName, type: Text, length: 80 }
  - { name: Country, type: Text, length: 2 }
  - { name: HasOptedIn, type: Boolean }
  - { name: CreatedDate, type: Date, required: true }
`;

export const STARTER_SEGMENT_NAME = 'opted-in-us';

export const STARTER_SEGMENT_YAML = `# yaml-language-server: $schema=../${SCHEMA_BASE}/segment.schema.json
# A first segment: edit the rules, then run \`npx sfmc-kit test\` and \`npx sfmc-kit plan\`.
name: ${STARTER_SEGMENT_NAME}
label: Opted-in contacts in the US
description: Contacts in the United States who opted in to marketing email
membership: dynamic
schedule: { frequency: daily, time: "\${refreshTime}" }
audience: Contacts
select: [EmailAddress, FirstName]
rules:
  all:
    - attribute: { field: HasOptedIn, equals: true }
    - attribute: { field: Country, equals: US }
lint:
  # A real project adds \`notInSegment: <your suppression segment>\` to every mailing segment.
  allow: [no-suppression]
`;

export const STARTER_TEST_YAML = `# yaml-language-server: $schema=../${SCHEMA_BASE}/segment-test.schema.json
# Fixture rows in, expected members out: \`npx sfmc-kit test ${STARTER_SEGMENT_NAME}\`.
segment: ${STARTER_SEGMENT_NAME}
now: '2025-01-15T09:00:00'
cases:
  - name: keeps opted-in US contacts only
    given:
      Contacts:
        - { SubscriberKey: C1, EmailAddress: ada@example.com, Country: US, HasOptedIn: true, CreatedDate: '2024-03-01' }
        - { SubscriberKey: C2, EmailAddress: bob@example.com, Country: US, HasOptedIn: false, CreatedDate: '2024-03-01' }
        - { SubscriberKey: C3, EmailAddress: cleo@example.com, Country: FR, HasOptedIn: true, CreatedDate: '2024-03-01' }
        - { SubscriberKey: C4, EmailAddress: dan@example.com, Country: US, HasOptedIn: null, CreatedDate: '2024-03-01' }
    expect:
      members: [C1]
      count: 1
`;

/** One commented line per variable the config module reads; values stay empty on purpose. */
export function envExample(): string {
  const sfmcHelp: Record<(typeof SFMC_VARIABLES)[number], string> = {
    SFMC_AUTH_URL: 'Auth base URL, e.g. https://mcXXXX.auth.marketingcloudapis.com (or set SFMC_SUBDOMAIN)',
    SFMC_SUBDOMAIN: 'Tenant subdomain only, e.g. mc563885gzs27c5t9-63k636ttgm',
    SFMC_CLIENT_ID: 'Server-to-server installed package client id',
    SFMC_CLIENT_SECRET: 'Its client secret (never commit it)',
    SFMC_ACCOUNT_ID: 'MID of the business unit (digits)',
    SFMC_SCOPE: 'Optional space-separated scopes',
    SFMC_HTTP_DEADLINE_SEC:
      'Optional: seconds within which each SFMC request (retries included) ends (default 120)',
  };
  const sfHelp: Record<(typeof SF_VARIABLES)[number], string> = {
    SF_LOGIN_URL: 'https://login.salesforce.com or https://test.salesforce.com',
    SF_CLIENT_ID: 'Connected app consumer key',
    SF_CLIENT_SECRET: 'Connected app consumer secret',
    SF_USERNAME: 'Integration user',
    SF_PASSWORD: 'Password followed by the security token',
    SF_REFRESH_TOKEN: 'For SF_AUTH=refresh_token',
    SF_API_VERSION: 'e.g. 62.0',
    SF_AUTH: 'password | refresh_token | client_credentials | jwt',
    SF_JWT_KEY_FILE: 'Private key file for SF_AUTH=jwt',
    SF_HTTP_DEADLINE_SEC: 'Optional: seconds within which each Salesforce call ends (default 120)',
  };
  const block = (help: Record<string, string>) =>
    Object.entries(help)
      .map(([k, v]) => `# ${v}\n${k}=`)
      .join('\n');
  return `# Copy to .env (never commit .env). Without SFMC variables the kit runs on its embedded emulator.
# Per environment, prefix a variable with the environment name: PROD_SFMC_CLIENT_ID=...

# --- Salesforce Marketing Cloud ---
${block(sfmcHelp)}

# --- Salesforce (CRM sync) ---
${block(sfHelp)}
`;
}

export const GITIGNORE = `node_modules/
.env
.sfmc-kit/
*.log
report.html
`;

/** validate and test need no account; plan uses repository secrets when set, the emulator otherwise. */
export const WORKFLOW_YAML = `name: sfmc-kit

on:
  pull_request:
    paths: ['definitions/**', 'package.json', 'package-lock.json', '.github/workflows/sfmc-kit.yml']
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  segments:
    runs-on: ubuntu-latest
    env:
      SFMC_AUTH_URL: \${{ secrets.SFMC_AUTH_URL }}
      SFMC_CLIENT_ID: \${{ secrets.SFMC_CLIENT_ID }}
      SFMC_CLIENT_SECRET: \${{ secrets.SFMC_CLIENT_SECRET }}
      SFMC_ACCOUNT_ID: \${{ secrets.SFMC_ACCOUNT_ID }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      # npm ci installs exactly the committed package-lock.json; without one, npm install makes it.
      - name: Install
        run: if [ -f package-lock.json ]; then npm ci; else npm install; fi
      - name: Validate definitions
        run: npx sfmc-kit validate
      - name: Run segment tests
        run: npx sfmc-kit test
      # plan exits 2 when deploy would change something: that is a result, not a failure.
      - name: Plan against the business unit
        if: \${{ env.SFMC_CLIENT_ID != '' }}
        run: npx sfmc-kit plan || [ $? -eq 2 ]
      - name: Plan against the emulator (no credentials configured)
        if: \${{ env.SFMC_CLIENT_ID == '' }}
        run: npx sfmc-kit plan --emulator || [ $? -eq 2 ]
`;

/** An npm package name from a project name: lower case, runs of other characters as one "-". */
export function packageName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return slug || 'sfmc-segments';
}

export interface ManifestInput {
  name: string;
  /** How the project depends on sfmc-kit (a version range, or a file: path to a tarball). */
  kitSpec: string;
  /** Node range the kit needs (its own engines.node). */
  nodeEngine: string;
  /** The `node` package the project installs so npx and npm scripts run on a supported Node. */
  nodePackage: string;
}

/** What init puts in package.json: added to an existing one key by key, never over a value it has. */
export function projectManifest(input: ManifestInput) {
  return {
    name: packageName(input.name),
    private: true,
    description: 'Marketing Cloud segments as code, with sfmc-kit',
    type: 'module',
    scripts: {
      validate: 'sfmc-kit validate',
      test: 'sfmc-kit test',
      plan: 'sfmc-kit plan',
      deploy: 'sfmc-kit deploy',
    },
    engines: { node: input.nodeEngine },
    devDependencies: { node: input.nodePackage, 'sfmc-kit': input.kitSpec },
  };
}

export function projectReadme({ name }: TemplateInput): string {
  return `# ${name}

Salesforce Marketing Cloud segments as code, checked and deployed with [sfmc-kit](https://www.npmjs.com/package/sfmc-kit).

## Start

\`\`\`sh
npm install            # sfmc-kit and the Node 24 it runs on (the \`node\` devDependency)
npx sfmc-kit validate  # definitions load, compile and lint (exit 0, or 1 with every problem listed)
npx sfmc-kit test      # segment tests in definitions/tests (exit 0 all pass, 1 a failure)
npx sfmc-kit plan --emulator  # what a deploy would create, against an in-process emulator (exit 2: changes)
\`\`\`

## Connect your business unit

Copy \`.env.example\` to \`.env\` (never commit it) and fill in the SFMC variables of an installed package
with server-to-server credentials. Then:

\`\`\`sh
npx sfmc-kit plan      # exit 0 nothing to do, 2 changes to apply, 1 an error
npx sfmc-kit deploy    # applies the plan
\`\`\`

## What is here

- \`definitions/sfmc-kit.yaml\`: project name, key prefix, folders, environments
- \`definitions/data-extensions/\`: the data extensions segments read and write
- \`definitions/segments/\`: one segment per file (start with \`${STARTER_SEGMENT_NAME}.yaml\`)
- \`definitions/tests/\`: fixture rows in, expected members out
- \`.github/workflows/sfmc-kit.yml\`: validate, test and plan on every pull request (set the SFMC_* repository
  secrets to plan against the business unit; without them it plans against the emulator)

\`npx sfmc-kit --help\` lists every command.
`;
}
