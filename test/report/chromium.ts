/** Runs Debian's chromium headless on a local file; the browser test skips when it is not installed. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** `--dump-dom` serialises the document after its scripts ran. */
export async function dumpDom(file: string): Promise<string> {
  return runChromium(['--dump-dom', pathToFileURL(file).href]);
}

export async function screenshot(file: string, png: string): Promise<void> {
  await runChromium(['--window-size=1280,2400', `--screenshot=${png}`, pathToFileURL(file).href]);
}

async function runChromium(args: string[]): Promise<string> {
  const profile = await mkdtemp(path.join(tmpdir(), 'kit-chromium-'));
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          ...args,
        ],
        { timeout: 45_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`chromium failed: ${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** What a reader sees of an HTML fragment: no scripts or styles, tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|title)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e])
    .replace(/\s+/g, ' ')
    .trim();
}

/** The outer HTML of every element `<tag …marker…>…</tag>` (no nesting of the same tag inside). */
export function elements(html: string, tag: string, marker: string): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*${marker}[^>]*>[\\s\\S]*?</${tag}>`, 'g');
  return html.match(re) ?? [];
}
