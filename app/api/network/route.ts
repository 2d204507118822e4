/**
 * GET /api/network: where phones should join (the host lobby's link and QR code). A projector page
 * opened at `localhost` gets this machine's LAN address instead of its own unreachable origin; one
 * opened at a LAN address or a public name keeps it; PUBLIC_URL overrides both. See server/network.ts.
 */
import { networkInterfaces } from 'node:os';
import { firstForwarded, trustProxyHops } from '@/server/client-address';
import { chooseJoinOrigin } from '@/server/network';
import { json, requestHost } from '../_lib/http';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  const url = new URL(req.url);
  // A proxy's word on the scheme only when TRUST_PROXY says there is one (server/client-address.ts).
  const forwardedProto = trustProxyHops() > 0 ? firstForwarded(req.headers.get('x-forwarded-proto')) : null;
  return json(
    chooseJoinOrigin({
      interfaces: networkInterfaces(),
      requestHost: requestHost(req),
      protocol: forwardedProto || url.protocol,
      publicUrl: process.env.PUBLIC_URL,
      bindHost: process.env.HOST,
    }),
  );
}
