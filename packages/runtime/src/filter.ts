import { BlockList, isIP } from "node:net";
import type { Surface } from "./capability-info.js";
import { Asset, type Integration, type Risk } from "./models.js";

/** `true` means drop: the item must not be sent. */
export interface Filter {
  asset(asset: Asset): boolean;
  risk(risk: Risk): boolean;
}

// Special-purpose registries: IANA IPv4 and IPv6 (RFC 6890 and successors). Nothing in them is
// a customer's external attack surface.
const V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // deprecated 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, incl. broadcast
];
const V6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local
  ["ff00::", 8], // multicast
];

const nonPublic = new BlockList();
for (const [net, prefix] of V4) nonPublic.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of V6) nonPublic.addSubnet(net, prefix, "ipv6");

/** Pure: is `host` an IP literal outside the public internet? Names are not resolved. */
export function isNonPublicAddress(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(address);
  if (version === 0) return false;
  // BlockList checks IPv4-mapped IPv6 (::ffff:a.b.c.d) against the IPv4 rules too.
  return nonPublic.check(address, version === 4 ? "ipv4" : "ipv6");
}

/** The host of an asset named by a URL (`http://10.1.2.3/login`), else the name itself. */
function hostOf(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  try {
    return new URL(value).hostname;
  } catch {
    return value;
  }
}

function isNonPublicAsset(asset: Asset | Integration): boolean {
  if (!(asset instanceof Asset)) return false;
  const [dns, name] = [hostOf(asset.dns), hostOf(asset.name)];
  return isNonPublicAddress(dns) || isNonPublicAddress(name) || dns.toLowerCase() === "localhost";
}

const keepAll: Filter = { asset: () => false, risk: () => false };
const externalOnly: Filter = {
  asset: (asset) => isNonPublicAsset(asset),
  risk: (risk) => isNonPublicAsset(risk.target),
};

/** The default filter: for the external surface, drops private, loopback, link-local and reserved addresses. */
export function createFilter(options: { surface?: Surface } = {}): Filter {
  return options.surface === "external" ? externalOnly : keepAll;
}
