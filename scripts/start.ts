/**
 * `npm start`: production. Builds the datasets and the Next app when they are missing, then serves.
 * A fresh clone needs nothing else: `npm ci && npm start`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-data.ts', '--if-missing']);
if (!existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  console.log('> No production build yet: building (2–4 minutes on a 2-core machine; later starts skip this)…');
  run(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build']);
}
(process.env as Record<string, string>).NODE_ENV = 'production';
void import('../server/index');
