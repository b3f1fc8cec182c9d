import { defineCommand } from 'citty';
import { KitError } from '../../errors/index.ts';

export default defineCommand({
  meta: {
    name: 'emulator',
    description: 'Run a local SFMC emulator on 127.0.0.1 and print the .env lines that point the kit at it',
  },
  args: {
    port: { type: 'string', description: 'Port (0 = a free one; default 8787, 443 with --tls)' },
    tls: {
      type: 'boolean',
      description:
        'Serve HTTPS with a generated self-signed certificate, answering as <subdomain>.auth|rest|soap.marketingcloudapis.com',
    },
    'tls-dir': {
      type: 'string',
      description: 'Where --tls writes its certificate, key and Node preload (default: a temp folder)',
    },
    data: { type: 'string', description: 'SQLite file; state survives restarts (default: in memory)' },
    'client-id': { type: 'string', description: 'Client id the emulator accepts' },
    'client-secret': { type: 'string', description: 'Client secret the emulator accepts' },
    'account-id': { type: 'string', description: 'Business unit MID (account_id)' },
    latency: { type: 'string', description: 'Added latency per request, in ms' },
    fault: {
      type: 'string',
      description:
        'Faults, ";"-separated: e.g. "429,route=/data/*,rate=0.2,retryAfter=2;reset,route=/Service.asmx,rate=0.05;concurrency,max=4;latency,ms=50,inclusive"',
    },
    seed: { type: 'string', description: 'Seed for fault randomness', default: '1' },
    synthetic: {
      type: 'boolean',
      description:
        "Seed the demo's synthetic Salesforce records and email data views; Contacts and web-event data extensions fill once a deploy creates them",
      default: false,
    },
    contacts: {
      type: 'string',
      description: 'With --synthetic: Salesforce contacts (as many leads again)',
      default: '2000',
    },
  },
  async run({ args }) {
    const { DEFAULT_CREDENTIALS, parseFaultSpec, startEmulator } = await import('../../emulator/index.ts');
    const port = Number(args.port ?? (args.tls ? 443 : 8787));
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new KitError('USAGE', `--port must be 0–65535, got ${args.port}`);
    const specs = [args.fault]
      .flat()
      .filter((x): x is string => typeof x === 'string' && x.length > 0)
      .flatMap((x) => x.split(';'))
      .filter(Boolean);
    let faults: ReturnType<typeof parseFaultSpec>[];
    try {
      faults = specs.map(parseFaultSpec);
    } catch (e) {
      throw new KitError('USAGE', (e as Error).message);
    }
    if (args.latency) {
      const ms = Number(args.latency);
      if (!Number.isFinite(ms) || ms < 0)
        throw new KitError('USAGE', `--latency must be a number of ms, got ${args.latency}`);
      faults.unshift({ kind: 'latency', ms });
    }
    const contacts = Number(args.contacts);
    if (!Number.isInteger(contacts) || contacts < 1 || contacts > 1_000_000)
      throw new KitError(
        'USAGE',
        `--contacts must be a whole number from 1 to 1,000,000, got ${args.contacts}`,
      );
    const seeding = args.synthetic
      ? (await import('../../demo/seed-emulator.ts')).createSyntheticSeeding({ contacts })
      : undefined;
    const tlsFiles = args.tls
      ? await (
          await import('../../emulator/http/tls.ts')
        ).createTlsFiles(
          args['tls-dir'] ??
            (await import('node:path')).join((await import('node:os')).tmpdir(), 'sfmc-kit-emulator-tls'),
        )
      : undefined;
    let emu: Awaited<ReturnType<typeof startEmulator>>;
    try {
      emu = await startEmulator({
        port,
        tls: tlsFiles,
        dataFile: args.data,
        clientId: args['client-id'],
        clientSecret: args['client-secret'],
        accountId: args['account-id'],
        faults,
        faultSeed: Number(args.seed) || 1,
        ...(seeding ? { extraHandlers: [seeding.handler] } : {}),
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EADDRINUSE')
        throw new KitError(
          'USAGE',
          `Cannot listen on 127.0.0.1:${port} (${code}).${args.tls && port < 1024 ? ' Port 443 needs root or CAP_NET_BIND_SERVICE; pass --port 8443 and use the Node preload printed then.' : ''}`,
        );
      throw e;
    }
    const seeded = seeding?.load(emu);
    const tlsLines = tlsFiles ? await tlsHelp(tlsFiles.certPath, emu.urls.base, args['tls-dir']) : [];
    const userSecret = args['client-secret'] !== undefined;
    const sf = emu.credentials.salesforce;
    const lines = [
      `SFMC emulator listening on ${emu.urls.base} (${args.data ? `data: ${args.data}` : 'in memory'})`,
      `  auth: ${emu.urls.auth}v2/token`,
      `  rest: ${emu.urls.rest}`,
      `  soap: ${emu.urls.soap}`,
      emu.urls.salesforce ? `  salesforce: ${emu.urls.salesforce}/services/` : '',
      ...tlsLines,
      seeded
        ? `  synthetic data (seed 1): ${Object.entries(seeded)
            .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
            .join(', ')}; Contacts and web-event data extensions fill after a deploy creates them`
        : '',
      faults.length
        ? `  faults: ${faults.map((f) => f.kind + (f.route ? ` ${f.route}` : '')).join(', ')}`
        : '',
      '',
      '# .env',
      `SFMC_AUTH_URL=${emu.urls.auth}`,
      `SFMC_CLIENT_ID=${emu.credentials.clientId}`,
      // A secret the user chose is never echoed; the emulator's built-in default is not a secret.
      `SFMC_CLIENT_SECRET=${userSecret ? '<the value you passed>' : DEFAULT_CREDENTIALS.clientSecret}`,
      `SFMC_ACCOUNT_ID=${emu.credentials.accountId}`,
      ...(sf
        ? [
            // The embedded Salesforce org, for `sfmc-kit sync` (its built-in credentials are not secrets).
            `SF_LOGIN_URL=${emu.urls.salesforce}`,
            'SF_AUTH=password',
            `SF_CLIENT_ID=${sf.clientId}`,
            `SF_CLIENT_SECRET=${sf.clientSecret}`,
            `SF_USERNAME=${sf.username}`,
            `SF_PASSWORD=${sf.password}`,
          ]
        : []),
      '',
      'Press Ctrl+C to stop.',
    ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
    console.log(lines.join('\n'));
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        emu.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
});

/** Any 28-character subdomain works; sfmc-sdk insists on the length. */
const EXAMPLE_SUBDOMAIN = 'mcemulator000000000000000000';

async function tlsHelp(certPath: string, base: string, dir: string | undefined): Promise<string[]> {
  const { writeFile } = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  const { nodePreloadSource } = await import('../../emulator/http/node-preload.ts');
  const port = Number(new URL(base).port) || 443;
  const preload = join(dir ?? dirname(certPath), 'sfmc-hosts-preload.cjs');
  await writeFile(preload, nodePreloadSource(port));
  return [
    `  tls: certificate ${certPath}`,
    `  hosts: <subdomain>.auth|rest|soap.marketingcloudapis.com (e.g. ${EXAMPLE_SUBDOMAIN}.auth.marketingcloudapis.com)`,
    '',
    '# trust the certificate (Node tools)',
    `NODE_EXTRA_CA_CERTS=${certPath}`,
    '# send *.marketingcloudapis.com:443 to this emulator from Node tools, no hosts entry needed',
    `NODE_OPTIONS=--require=${preload}`,
    `# third-party tools (sfmc-sdk, mcdev): auth_url https://${EXAMPLE_SUBDOMAIN}.auth.marketingcloudapis.com/`,
    ...(port === 443
      ? [
          `# or, for any tool: a hosts entry "127.0.0.1 ${EXAMPLE_SUBDOMAIN}.auth.marketingcloudapis.com ${EXAMPLE_SUBDOMAIN}.rest.marketingcloudapis.com ${EXAMPLE_SUBDOMAIN}.soap.marketingcloudapis.com"`,
        ]
      : []),
  ];
}
