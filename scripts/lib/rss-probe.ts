/**
 * Preloaded into every node process of a benchmark (NODE_OPTIONS=--import): on exit, appends one JSON
 * line {pid, role, maxRssKb} to $BENCH_RSS_FILE, so the runner knows each process's peak resident memory
 * (Linux getrusage ru_maxrss), including grandchildren such as the CLI a benchmark spawns.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const role = process.env.BENCH_ROLE ?? process.argv.slice(1, 3).join(' ');
    appendFileSync(
      file,
      `${JSON.stringify({ pid: process.pid, role, maxRssKb: process.resourceUsage().maxRSS })}\n`,
    );
  });
}
