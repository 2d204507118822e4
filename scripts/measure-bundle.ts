/**
 * First-load JavaScript of each page, gzipped, from the production build (`npm run build` first).
 * Reads the prerendered HTML of each route (or, for a page rendered per request, the build's manifests), collects every script it loads at start (src and
 * modulepreload, not the noModule polyfills modern browsers skip), and gzips those files from .next/static. Chunks loaded later (dynamic imports,
 * the training worker) are not first-load and are not counted. Prints JSON.
 *
 *   npx tsx scripts/measure-bundle.ts [route…]     (default: / /play /host /lessons)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, process.env.NEXT_DIST_DIR || '.next');
const routes = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/play', '/host', '/lessons'];
const PLAY_BUDGET_KB = 150;

function htmlFor(route: string): string | null {
  const file = path.join(dist, 'server/app', route === '/' ? 'index.html' : `${route.slice(1)}.html`);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/**
 * A page rendered per request (every page is: the language comes from the request) has no HTML in
 * the build. Its first-load scripts are in the build's manifests instead: the root's main files and
 * every entry chunk of the page's segments, the same list its HTML loads.
 */
function manifestScripts(route: string): string[] {
  const page = path.join(dist, 'server/app', route === '/' ? '' : route.slice(1), 'page');
  const build = path.join(page, 'build-manifest.json');
  const client = `${page}_client-reference-manifest.js`;
  if (!existsSync(build) || !existsSync(client)) throw new Error(`${page} is missing: run \`npm run build\` first`);
  const { rootMainFiles } = JSON.parse(readFileSync(build, 'utf8')) as { rootMainFiles: string[] };
  const scope: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  new Function('globalThis', 'self', readFileSync(client, 'utf8'))(scope, scope);
  const entries = Object.values(scope.__RSC_MANIFEST ?? {}).flatMap((m) => Object.values(m.entryJSFiles).flat());
  return [...new Set([...rootMainFiles, ...entries])].map((f) => `/_next/${f}`);
}

function firstLoadScripts(html: string): string[] {
  const srcs = new Set<string>();
  // noModule scripts are legacy polyfills that every browser with ES modules skips.
  for (const m of html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"([^>]*)>/g)) if (!/noModule/i.test(m[1] + m[3])) srcs.add(m[2]);
  for (const m of html.matchAll(/<link[^>]*rel="(?:modulepreload|preload)"[^>]*href="([^"]+\.js)"/g)) srcs.add(m[1]);
  return [...srcs];
}

const results = routes.map((route) => {
  const html = htmlFor(route);
  const scripts = html ? firstLoadScripts(html) : manifestScripts(route);
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const bytes = readFileSync(path.join(dist, src.replace(/^\/_next\//, '')));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { route, scripts: scripts.length, rawKB: +(raw / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1) };
});

const play = results.find((r) => r.route === '/play');
console.log(JSON.stringify({ results, playBudgetKB: PLAY_BUDGET_KB, playWithinBudget: play ? play.gzipKB <= PLAY_BUDGET_KB : null }, null, 2));
