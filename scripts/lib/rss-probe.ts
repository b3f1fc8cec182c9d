/**
 * Preloaded into every node process of a benchmark (NODE_OPTIONS=--import): on exit, appends one JSON
 * line {pid, role, maxRssKb, cpuMs} to $BENCH_RSS_FILE, so the runner knows each process's peak resident memory
 * (Linux getrusage ru_maxrss), including grandchildren such as the CLI a benchmark spawns.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const role = process.env.BENCH_ROLE ?? process.argv.slice(1, 3).join(' ');
    appendFileSync(
      file,
      `${JSON.stringify({ pid: process.pid, role, maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`,
    );
  });
}
