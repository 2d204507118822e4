/**
 * GET /api/network: where phones should join (the host lobby's link and QR code). A projector page
 * opened at `localhost` gets this machine's LAN address instead of its own unreachable origin; one
 * opened at a LAN address or a public name keeps it; PUBLIC_URL overrides both. See server/network.ts.
 */
import { networkInterfaces } from 'node:os';
import { chooseJoinOrigin } from '@/server/network';
import { json } from '../_lib/http';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  const url = new URL(req.url);
  const forwardedHost = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const forwardedProto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return json(
    chooseJoinOrigin({
      interfaces: networkInterfaces(),
      requestHost: forwardedHost || req.headers.get('host') || url.host,
      protocol: forwardedProto || url.protocol,
      publicUrl: process.env.PUBLIC_URL,
      bindHost: process.env.HOST,
    }),
  );
}
