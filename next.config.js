/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/index.ts) owns the HTTP server; Socket.io lives on /socket.io.
  poweredByHeader: false,
  // Hot reload from the usual local addresses in development (the custom server listens on all of them).
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // Separate build folders let several checkouts or engineers build side by side (NEXT_DIST_DIR=.next-foo).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Messages reach the browser precompiled (app/i18n/compile.ts): format them without an ICU parser.
  turbopack: { resolveAlias: { 'use-intl/format-message': 'use-intl/format-message/format-only' } },
  // tfjs is only ever loaded in the browser, lazily, by the pages that train.
  serverExternalPackages: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm'],
};

module.exports = nextConfig;
