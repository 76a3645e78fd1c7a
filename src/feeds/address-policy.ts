import { BlockList, isIP } from 'node:net';

/** Why an address may not be fetched from a chat-supplied URL. */
export type BlockedReason = 'loopback' | 'private' | 'link-local' | 'cgnat' | 'unique-local' | 'metadata' | 'multicast' | 'reserved' | 'unspecified';

interface Range {
  net: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
  reason: BlockedReason;
}

/** Order matters: the first match names the reason, so the metadata address comes before link-local. */
const RANGES: readonly Range[] = [
  { net: '169.254.169.254', prefix: 32, type: 'ipv4', reason: 'metadata' },
  { net: '0.0.0.0', prefix: 8, type: 'ipv4', reason: 'unspecified' },
  { net: '127.0.0.0', prefix: 8, type: 'ipv4', reason: 'loopback' },
  { net: '10.0.0.0', prefix: 8, type: 'ipv4', reason: 'private' },
  { net: '172.16.0.0', prefix: 12, type: 'ipv4', reason: 'private' },
  { net: '192.168.0.0', prefix: 16, type: 'ipv4', reason: 'private' },
  { net: '100.64.0.0', prefix: 10, type: 'ipv4', reason: 'cgnat' },
  { net: '169.254.0.0', prefix: 16, type: 'ipv4', reason: 'link-local' },
  { net: '192.0.0.0', prefix: 24, type: 'ipv4', reason: 'reserved' },
  { net: '192.0.2.0', prefix: 24, type: 'ipv4', reason: 'reserved' },
  { net: '198.18.0.0', prefix: 15, type: 'ipv4', reason: 'reserved' },
  { net: '198.51.100.0', prefix: 24, type: 'ipv4', reason: 'reserved' },
  { net: '203.0.113.0', prefix: 24, type: 'ipv4', reason: 'reserved' },
  { net: '224.0.0.0', prefix: 4, type: 'ipv4', reason: 'multicast' },
  { net: '240.0.0.0', prefix: 4, type: 'ipv4', reason: 'reserved' },
  { net: 'fd00:ec2::254', prefix: 128, type: 'ipv6', reason: 'metadata' },
  { net: '::', prefix: 128, type: 'ipv6', reason: 'unspecified' },
  { net: '::1', prefix: 128, type: 'ipv6', reason: 'loopback' },
  { net: 'fc00::', prefix: 7, type: 'ipv6', reason: 'unique-local' },
  { net: 'fe80::', prefix: 10, type: 'ipv6', reason: 'link-local' },
  { net: 'fec0::', prefix: 10, type: 'ipv6', reason: 'private' },
  { net: 'ff00::', prefix: 8, type: 'ipv6', reason: 'multicast' },
  { net: '2001:db8::', prefix: 32, type: 'ipv6', reason: 'reserved' },
];

const LISTS: readonly { list: BlockList; type: 'ipv4' | 'ipv6'; reason: BlockedReason }[] = RANGES.map((r) => {
  const list = new BlockList();
  list.addSubnet(r.net, r.prefix, r.type);
  return { list, type: r.type, reason: r.reason };
});

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, compatible ::a.b.c.d), if any. */
export function embeddedIpv4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why `ip` must not be fetched, or null when it is a public address. Anything that is not an IP is refused. */
export function blockedReason(ip: string): BlockedReason | null {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4) return blockedReason(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const l of LISTS) if (l.type === type && l.list.check(bare, type)) return l.reason;
  return null;
}
