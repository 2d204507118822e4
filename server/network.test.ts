import { describe, expect, it } from 'vitest';
import { chooseJoinOrigin, isLoopbackHost, lanAddresses, type NetworkInterfaces, splitHost } from './network';

const lo = { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }, { address: '::1', family: 'IPv6', internal: true }] };
const wifi = (address: string, name = 'wlan0') => ({ [name]: [{ address, family: 'IPv4', internal: false }] });

describe('splitHost and isLoopbackHost', () => {
  it('splits names, IPv4 and bracketed IPv6 hosts from their ports', () => {
    expect(splitHost('localhost:3000')).toEqual({ hostname: 'localhost', port: '3000' });
    expect(splitHost('Arena.School.org')).toEqual({ hostname: 'arena.school.org', port: '' });
    expect(splitHost('[::1]:3000')).toEqual({ hostname: '::1', port: '3000' });
    expect(splitHost('fe80::1')).toEqual({ hostname: 'fe80::1', port: '' });
  });

  it.each(['localhost', 'localhost:3000', 'app.localhost:80', '127.0.0.1:3400', '127.1.2.3', '[::1]:3000', '::1', '0.0.0.0:3000', '[::ffff:127.0.0.1]:3000'])(
    '%s is loopback',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['192.168.1.20:3000', '10.0.0.5', 'arena.school.org', '[fd00::2]:3000', '128.0.0.1', 'localhost.school.org'])('%s is not', (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});

describe('lanAddresses', () => {
  it('keeps real IPv4 cards and leaves out loopback, IPv6, link-local and container bridges', () => {
    const ifaces: NetworkInterfaces = {
      ...lo,
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
      'br-5f2a9c': [{ address: '172.18.0.1', family: 'IPv4', internal: false }],
      vethabc: [{ address: '172.19.0.1', family: 'IPv4', internal: false }],
      virbr0: [{ address: '192.168.122.1', family: 'IPv4', internal: false }],
      eth1: [{ address: '169.254.10.2', family: 'IPv4', internal: false }],
      wlan0: [
        { address: 'fe80::1', family: 'IPv6', internal: false },
        { address: '192.168.1.20', family: 'IPv4', internal: false },
      ],
    };
    expect(lanAddresses(ifaces)).toEqual(['192.168.1.20']);
  });

  it('puts real cards first, unknown names next and VPN tunnels last; private ranges before public ones', () => {
    const ifaces: NetworkInterfaces = {
      tailscale0: [{ address: '100.101.102.103', family: 'IPv4', internal: false }],
      utun3: [{ address: '10.8.0.2', family: 'IPv4', internal: false }],
      something: [{ address: '10.1.1.1', family: 'IPv4', internal: false }],
      en0: [{ address: '203.0.113.9', family: 'IPv4', internal: false }],
      en1: [{ address: '10.0.0.7', family: 4, internal: false }],
    };
    expect(lanAddresses(ifaces)).toEqual(['10.0.0.7', '203.0.113.9', '10.1.1.1', '10.8.0.2', '100.101.102.103']);
  });

  it('handles Windows names and missing entries', () => {
    expect(lanAddresses({ 'Wi-Fi': [{ address: '192.168.0.12', family: 'IPv4', internal: false }], 'vEthernet (WSL)': [{ address: '172.22.16.1', family: 'IPv4', internal: false }], x: undefined })).toEqual(['192.168.0.12']);
  });
});

describe('chooseJoinOrigin', () => {
  const lan: NetworkInterfaces = { ...lo, ...wifi('192.168.1.20'), ...wifi('10.0.0.7', 'eth0') };

  it('replaces a loopback page origin by the best LAN address, keeping the port and scheme', () => {
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000' })).toEqual({
      origin: 'http://192.168.1.20:3000',
      source: 'lan',
      alternatives: ['http://10.0.0.7:3000'],
      warning: null,
    });
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: '127.0.0.1', protocol: 'https:' }).origin).toBe('https://192.168.1.20');
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: '[::1]:8080' }).origin).toBe('http://192.168.1.20:8080');
  });

  it('keeps the page origin when the page was opened at a LAN address or a public name', () => {
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: '192.168.1.20:3000' })).toEqual({ origin: 'http://192.168.1.20:3000', source: 'page', alternatives: [], warning: null });
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'arena.school.org', protocol: 'https' }).origin).toBe('https://arena.school.org');
    expect(chooseJoinOrigin({ interfaces: lo, requestHost: '[fd00::2]:3000' }).origin).toBe('http://[fd00::2]:3000');
  });

  it('lets PUBLIC_URL override everything, without a trailing slash', () => {
    const r = chooseJoinOrigin({ interfaces: lo, requestHost: 'localhost:3000', publicUrl: 'https://arena.example.org/' });
    expect(r).toEqual({ origin: 'https://arena.example.org', source: 'public-url', alternatives: [], warning: null });
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: '10.0.0.7:3000', publicUrl: 'http://gan.local:8080' }).origin).toBe('http://gan.local:8080');
  });

  it('ignores a PUBLIC_URL that is not an http(s) URL', () => {
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', publicUrl: 'not a url' }).source).toBe('lan');
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', publicUrl: 'ftp://x.org' }).source).toBe('lan');
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', publicUrl: '  ' }).source).toBe('lan');
  });

  it('warns in plain words when only loopback exists', () => {
    const r = chooseJoinOrigin({ interfaces: { ...lo, docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }] }, requestHost: 'localhost:3000' });
    expect(r.source).toBe('loopback');
    expect(r.origin).toBe('http://localhost:3000');
    expect(r.warning).toBe(
      "Phones can't reach localhost: start the game on a machine on the class Wi-Fi, or open this page at http://<this computer's Wi-Fi IP address>:3000.",
    );
  });

  it('warns when the server listens on loopback only, even with a LAN card', () => {
    const r = chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', bindHost: '127.0.0.1' });
    expect(r.source).toBe('loopback');
    expect(r.warning).toMatch(/listens on 127\.0\.0\.1 only/);
  });

  it('uses the one LAN address the server listens on when HOST names one', () => {
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', bindHost: '10.0.0.7' }).origin).toBe('http://10.0.0.7:3000');
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', bindHost: '0.0.0.0' }).origin).toBe('http://192.168.1.20:3000');
    expect(chooseJoinOrigin({ interfaces: lan, requestHost: 'localhost:3000', bindHost: '::' }).origin).toBe('http://192.168.1.20:3000');
  });
});
