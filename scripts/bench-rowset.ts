/**
 * Rowset reads are linear in the rows (issue #17): reads every page of a 10,000-row and a 100,000-row
 * data extension over real HTTP (GET /data/v1/customobjectdata/key/{key}/rowset, then the `next` links
 * on the request token, 2,500 rows a page) and compares the cost per row. The 10k run is the baseline
 * of the same run; a per-row cost at 100k above CEILING x the baseline fails (a re-read of the table per
 * page, as before, costs about 10x per row at 100k).
 *   node scripts/bench-rowset.ts [--rows 10000,100000]
 */
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator/index.ts';

const CEILING = 2;
const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000,100000' } } });
const sizes = values.rows.split(',').map(Number);

async function readAll(rows: number): Promise<{ ms: number; read: number; pages: number }> {
  const emu = await startEmulator({ port: 0, salesforce: false, scheduleTickMs: 0 });
  try {
    emu.state.createDataExtension({
      customerKey: 'bench_rows',
      name: 'bench_rows',
      fields: [
        { name: 'Id', isPrimaryKey: true, maxLength: 20 },
        { name: 'Email', fieldType: 'EmailAddress' },
        { name: 'Score', fieldType: 'Number' },
        { name: 'Joined', fieldType: 'Date' },
      ],
    });
    const batch: Record<string, unknown>[] = [];
    for (let i = 0; i < rows; i++) {
      batch.push({ Id: `id${i}`, Email: `p${i}@example.com`, Score: i % 1000, Joined: '2024-01-02' });
      if (batch.length === 10_000) emu.state.insertRows('bench_rows', batch.splice(0));
    }
    if (batch.length) emu.state.insertRows('bench_rows', batch);
    const t = await fetch(`${emu.urls.auth}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: emu.credentials.clientId,
        client_secret: emu.credentials.clientSecret,
      }),
    });
    const token = ((await t.json()) as { access_token: string }).access_token;
    const started = performance.now();
    let url: string | undefined =
      `${emu.urls.base}/data/v1/customobjectdata/key/bench_rows/rowset?$pageSize=2500`;
    let read = 0;
    let pages = 0;
    while (url) {
      const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await r.json()) as { items?: unknown[]; links: { next?: string } };
      read += body.items?.length ?? 0;
      pages += 1;
      url = body.links.next ? `${emu.urls.base}/data${body.links.next}` : undefined;
    }
    return { ms: performance.now() - started, read, pages };
  } finally {
    await emu.close();
  }
}

const results = [];
for (const n of sizes) {
  const r = await readAll(n);
  if (r.read !== n) throw new Error(`read ${r.read} of ${n} rows`);
  results.push({ rows: n, ...r, usPerRow: (r.ms * 1000) / n });
  console.log(
    `rowset read ${n} rows  pages ${r.pages}  ${(r.ms / 1000).toFixed(2)} s  ${((r.ms * 1000) / n).toFixed(1)} us/row`,
  );
}
const base = results[0];
const last = results[results.length - 1];
const ratio = last.usPerRow / base.usPerRow;
console.log(
  `per-row cost ${last.rows} vs ${base.rows}: ${ratio.toFixed(2)}x (ceiling ${CEILING}x; time ratio ${(last.ms / base.ms).toFixed(1)}x for ${last.rows / base.rows}x the rows)`,
);
console.log(`BENCH_RESULT ${JSON.stringify({ id: 'rowset-read', ratio, ceiling: CEILING, results })}`);
if (ratio > CEILING) {
  console.error(`rowset reads are not linear: ${ratio.toFixed(2)}x per row at ${last.rows} rows`);
  process.exit(1);
}
