/**
 * Runs ml/ code in headless Chromium from a Node script: bundles scripts/browser/page.ts with
 * esbuild, serves it (plus public/data and the tfjs WASM files) from a throwaway server on
 * 127.0.0.1, and drives the page with playwright-core. Used by scripts/bench-train.ts.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu'];

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };

export interface Harness {
  /** A fresh page with the bundle loaded (one per run, so backends never share a tfjs instance). */
  page(): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(log: (line: string) => void = () => {}): Promise<Harness> {
  const bundle = await build({
    entryPoints: [path.join(root, 'scripts/browser/page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0].contents;
  const html = '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/bundle.js"></script>';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      let body: Uint8Array | string;
      if (url === '/') body = html;
      else if (url === '/bundle.js') body = js;
      else if (/^\/(data|tfjs-wasm)\/[\w.-]+$/.test(url)) body = await readFile(path.join(root, 'public', url));
      else throw new Error('not found');
      res.writeHead(200, { 'content-type': TYPES[path.extname(url)] ?? 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
  const open: Page[] = [];
  return {
    async page() {
      const p = await browser.newPage();
      open.push(p);
      p.on('console', (m) => log(`[chromium] ${m.text()}`));
      p.on('pageerror', (e) => log(`[chromium error] ${e.message}`));
      await p.goto(`http://127.0.0.1:${port}/`);
      await p.waitForFunction(() => 'ganArenaBench' in globalThis);
      return p;
    },
    async close() {
      await browser.close().catch(() => {});
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
