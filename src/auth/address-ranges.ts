/**
 * Address ranges written as CIDR (`10.41.0.0/24`, `fd00::/8`) or single addresses, checked
 * with Node's BlockList, which knows both IP versions and IPv4-mapped IPv6 addresses.
 */
import { BlockList, isIP } from 'node:net';

/** Why `range` is not one, in words an administrator can act on; null when it is fine. */
export function rangeProblem(range: string): string | null {
  const [address, bits, ...rest] = range.trim().split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0)
    return `“${range}”不是有效的地址或网段，应写成 10.41.0.0/24 或 10.41.0.5`;
  if (bits === undefined) return null;
  const prefix = Number(bits);
  const max = version === 4 ? 32 : 128;
  if (!/^\d+$/.test(bits) || prefix > max) return `“${range}”的前缀长度应在 0 到 ${max} 之间`;

  return null;
}

/** True when `ip` lies in one of `ranges`; an empty list allows every address. */
export function inRanges(ip: string, ranges: readonly string[]): boolean {
  if (ranges.length === 0) return true;
  const list = new BlockList();
  for (const range of ranges) {
    const [address, bits] = range.trim().split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;

  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
