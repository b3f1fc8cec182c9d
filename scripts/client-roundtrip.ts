/**
 * Round trip with the typed client: create a data extension, upsert rows, read them back, delete it.
 * Uses .env (loadConfig) when SFMC credentials are configured, otherwise the embedded emulator.
 *
 *   node scripts/client-roundtrip.ts [--env <name>] [--keep]
 */

import type { SfmcClientConfig } from '../src/client/index.ts';
import { createClient } from '../src/client/index.ts';
import { loadConfig } from '../src/config/index.ts';

const args = process.argv.slice(2);
const envName = args.includes('--env') ? args[args.indexOf('--env') + 1] : undefined;
const keep = args.includes('--keep');

async function resolveTarget(): Promise<{
  config: SfmcClientConfig;
  label: string;
  close: () => Promise<void>;
}> {
  const { sfmc } = loadConfig({ envName });
  if (sfmc)
    return { config: sfmc, label: `business unit ${sfmc.accountId ?? '(default)'}`, close: async () => {} };
  // Loaded lazily: a run against a real BU does not need the emulator's modules.
  const { startEmulator } = await import('../src/emulator/index.ts');
  const emulator = await startEmulator({ port: 0 });
  return {
    config: { authBaseUrl: emulator.urls.auth, ...emulator.credentials },
    label: `emulator at ${emulator.urls.base}`,
    close: () => emulator.close(),
  };
}

const target = await resolveTarget();
const requests: string[] = [];
const client = createClient(target.config, {
  onRequest: (e) => requests.push(`${e.method} ${e.path} → ${e.status}`),
});
const key = `sfmc_kit_roundtrip_${Date.now().toString(36)}`;

try {
  console.log(`Target: ${target.label}`);
  const de = await client.dataExtensions.create({
    key,
    name: key,
    description: 'sfmc-kit client round trip (safe to delete)',
    fields: [
      { name: 'SubscriberKey', type: 'Text', length: 254, isPrimaryKey: true },
      { name: 'Email', type: 'EmailAddress', length: 254 },
      { name: 'Amount', type: 'Decimal', length: 18, scale: 2 },
      { name: 'Joined', type: 'Date' },
    ],
  });
  console.log(`Created data extension ${de.key} (${de.objectId ?? 'no ObjectID'})`);

  const rows = Array.from({ length: 25 }, (_, i) => ({
    SubscriberKey: `sub-${i}`,
    Email: `sub${i}@example.com`,
    Amount: (i * 1.25).toFixed(2),
    Joined: '2024-01-15',
  }));
  const written = await client.rows.upsert(key, rows, { pollIntervalMs: 1000, timeoutMs: 120_000 });
  console.log(
    `Upserted ${written.rowsSent} rows (${written.requestIds.length} request(s), ${written.errors.length} row errors)`,
  );
  for (const e of written.errors.slice(0, 5)) console.log(`  row error: ${e.errorCode ?? ''} ${e.message}`);

  const back: Record<string, string>[] = [];
  for await (const row of client.rows.read(key, { pageSize: 10 })) back.push(row);
  const keyOf = (r: Record<string, string>) => r.SubscriberKey ?? r.subscriberkey;
  const missing = rows.filter((r) => !back.some((b) => keyOf(b) === r.SubscriberKey));
  console.log(
    `Read back ${back.length} rows; count() = ${await client.rows.count(key)}; missing: ${missing.length}`,
  );

  const fetched = await client.dataExtensions.get(key);
  console.log(`Fields by ordinal: ${fetched?.fields.map((f) => `${f.name}:${f.type}`).join(', ')}`);

  if (!keep) {
    await client.dataExtensions.delete(key);
    console.log(`Deleted ${key}`);
  }
  console.log(`${requests.length} HTTP requests`);
  if (missing.length || written.errors.length) process.exitCode = 1;
} finally {
  await target.close();
}
