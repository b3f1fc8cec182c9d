import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchFigure, parseResults } from './report.ts';

export interface ProcessRss {
  pid: number;
  role: string;
  maxRssKb: number;
}

export interface ChildRun {
  code: number | null;
  seconds: number;
  stdout: string;
  stderr: string;
  figures: BenchFigure[];
  /** Peak RSS of every node process in the child's tree, one entry per process. */
  processes: ProcessRss[];
}

const PROBE = path.join(import.meta.dirname, 'rss-probe.ts');

/**
 * Runs one benchmark script in its own node process (so peak RSS belongs to that benchmark alone),
 * streaming its output through, and collects its BENCH_RESULT figures and per-process peak RSS.
 */
export function runBenchChild(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildRun> {
  const rssFile = path.join(tmpdir(), `bench-rss-${process.pid}-${Date.now()}.jsonl`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      ...process.env,
      ...env,
      BENCH_RSS_FILE: rssFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PROBE}`.trim(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    for (const line of String(d).split('\n'))
      if (line && !line.startsWith('BENCH_RESULT')) console.log(`  │ ${line}`);
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let processes: ProcessRss[] = [];
      try {
        processes = readFileSync(rssFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as ProcessRss);
        rmSync(rssFile, { force: true });
      } catch {
        // No process wrote a line (it crashed before exit): RSS stays unknown.
      }
      resolve({
        code,
        seconds: (performance.now() - t0) / 1000,
        stdout,
        stderr,
        figures: parseResults(stdout),
        processes,
      });
    });
  });
}
