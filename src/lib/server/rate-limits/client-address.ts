/**
 * Which address a request came from, for rate limits and the audit log.
 *
 * `X-Forwarded-For` is written by whoever sends the request, so it is trusted only as far as the
 * operator says reverse proxies stand in front of the application: each trusted proxy appends
 * the address it received the request from, so with n trusted proxies the n-th entry from the
 * right is the client (adapter-node's `XFF_DEPTH`). Everything left of it may be forged.
 */
import { isIP, isIPv4, isIPv6 } from 'node:net';

export interface ClientAddressOptions {
	/**
	 * Reverse proxies in front of the application that append to the header (`XFF_DEPTH`).
	 * 0: there is none, the header is ignored and the socket's peer is the client.
	 */
	trustedProxies: number;
	/** The header the proxies write; `x-forwarded-for` unless configured otherwise. */
	header?: string;
}

/** Request headers as the Fetch API or Node's `IncomingMessage` holds them. */
export type HeaderSource =
	{ get(name: string): string | null } | Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderSource, name: string): string | undefined {
	if (typeof headers.get === 'function') {
		return (headers as { get(name: string): string | null }).get(name) ?? undefined;
	}
	const value = (headers as Record<string, string | string[] | undefined>)[name];
	// Node keeps repeated headers apart; proxies and the Fetch API join them with commas.
	return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * One spelling per address: IPv4-mapped IPv6 (`::ffff:1.2.3.4`, how a dual-stack socket reports
 * IPv4 peers) becomes IPv4, IPv6 is lower-case and compressed, and a port or brackets some
 * proxies add are removed. Anything else is not an address: `null`.
 */
export function normaliseAddress(value: string | null | undefined): string | null {
	if (!value) return null;
	let address = value.trim();
	const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
	if (bracketed?.[1]) address = bracketed[1];
	else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(address))
		address = address.replace(/:\d+$/, '');
	// Zone ids (fe80::1%eth0) name a local interface; they are no part of who the client is.
	address = address.replace(/%[\w.-]+$/, '');
	if (isIPv4(address)) return address;
	if (!isIPv6(address)) return null;
	// The URL parser serialises IPv6 canonically (RFC 5952): lower case, longest zero run as ::.
	const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
	if (mapped?.[1] && mapped[2]) {
		const high = parseInt(mapped[1], 16);
		const low = parseInt(mapped[2], 16);
		return [high >> 8, high & 255, low >> 8, low & 255].join('.');
	}
	return canonical;
}

/**
 * The client's address, or `null` when there is none (a call from the CLI or a job).
 *
 * - No trusted proxy: the socket's peer, whatever the headers say.
 * - n trusted proxies: the n-th entry from the right of the header. With fewer entries than
 *   proxies the request skipped some of them, and every entry present was written by a trusted
 *   one, so the leftmost is the client. Without the header, the socket's peer sent the request
 *   directly. An entry that is no address (a misconfigured proxy) counts the request against the
 *   proxy's own address rather than trusting anything the client wrote.
 */
export function clientAddress(
	socketAddress: string | null | undefined,
	headers: HeaderSource,
	options: ClientAddressOptions
): string | null {
	const socket = normaliseAddress(socketAddress);
	const depth = options.trustedProxies;
	if (!Number.isInteger(depth) || depth < 1) return socket;
	const header = (options.header ?? 'x-forwarded-for').toLowerCase();
	const value = headerValue(headers, header);
	if (value === undefined || value.trim() === '') return socket;
	const entries = value.split(',').map((entry) => entry.trim());
	const chosen = entries.length >= depth ? entries[entries.length - depth] : entries[0];
	return normaliseAddress(chosen) ?? socket;
}

/**
 * The part of an address a rate limit counts by. One person can use a whole IPv6 /64 (a home
 * or office network gets at least that many), so per-address limits on single IPv6 addresses
 * would be trivial to dodge; IPv4 addresses count one by one. Anything else is `unknown`, one
 * shared bucket: a misconfiguration makes limits stricter, never absent.
 */
export function addressBucket(address: string | null | undefined): string {
	const normal = normaliseAddress(address);
	if (normal === null) return 'unknown';
	if (isIP(normal) === 4) return normal;
	const [head = '', tail = ''] = normal.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = normal.includes('::')
		? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups.slice(0, 4).join(':')}::/64`;
}
