import { describe, expect, it } from 'vitest';
import { addressBucket, clientAddress, normaliseAddress } from './client-address';

const xff = (value: string) => new Headers({ 'x-forwarded-for': value });
const none = new Headers();

describe('clientAddress without a trusted proxy', () => {
	it('takes the socket peer and ignores a forged X-Forwarded-For', () => {
		expect(clientAddress('203.0.113.7', xff('1.1.1.1'), { trustedProxies: 0 })).toBe('203.0.113.7');
		expect(clientAddress('203.0.113.7', none, { trustedProxies: 0 })).toBe('203.0.113.7');
	});

	it('reports IPv4 peers of a dual-stack socket as IPv4', () => {
		expect(clientAddress('::ffff:203.0.113.7', none, { trustedProxies: 0 })).toBe('203.0.113.7');
	});

	it('has no address without a socket (CLI, jobs)', () => {
		expect(clientAddress(undefined, xff('1.1.1.1'), { trustedProxies: 0 })).toBeNull();
	});

	it('treats a nonsensical proxy count as none', () => {
		expect(clientAddress('10.0.0.1', xff('1.1.1.1'), { trustedProxies: -1 })).toBe('10.0.0.1');
		expect(clientAddress('10.0.0.1', xff('1.1.1.1'), { trustedProxies: 1.5 })).toBe('10.0.0.1');
	});
});

describe('clientAddress behind one trusted proxy (XFF_DEPTH=1)', () => {
	const one = { trustedProxies: 1 };

	it('takes the entry the proxy appended', () => {
		expect(clientAddress('10.0.0.1', xff('203.0.113.7'), one)).toBe('203.0.113.7');
	});

	it('ignores what the client put in front of it (spoofing)', () => {
		// The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the real peer.
		expect(clientAddress('10.0.0.1', xff('198.51.100.1, 203.0.113.7'), one)).toBe('203.0.113.7');
		expect(clientAddress('10.0.0.1', xff('127.0.0.1,   203.0.113.7'), one)).toBe('203.0.113.7');
		expect(clientAddress('10.0.0.1', xff('a, b, c, 2001:DB8::1'), one)).toBe('2001:db8::1');
	});

	it('reads repeated headers as one list, as Node and the Fetch API join them', () => {
		expect(
			clientAddress('10.0.0.1', { 'x-forwarded-for': ['198.51.100.1', '203.0.113.7'] }, one)
		).toBe('203.0.113.7');
		expect(clientAddress('10.0.0.1', { 'x-forwarded-for': '203.0.113.7' }, one)).toBe(
			'203.0.113.7'
		);
	});

	it('falls back to the socket when the header is missing (the request bypassed the proxy)', () => {
		expect(clientAddress('203.0.113.9', none, one)).toBe('203.0.113.9');
		expect(clientAddress('203.0.113.9', xff('  '), one)).toBe('203.0.113.9');
	});

	it('counts against the proxy, not a client-chosen value, when the trusted entry is garbage', () => {
		expect(clientAddress('10.0.0.1', xff('203.0.113.7, unknown'), one)).toBe('10.0.0.1');
		expect(clientAddress('10.0.0.1', xff('203.0.113.7,'), one)).toBe('10.0.0.1');
		expect(clientAddress('10.0.0.1', xff('203.0.113.7, <script>'), one)).toBe('10.0.0.1');
	});

	it('strips ports and brackets some proxies add', () => {
		expect(clientAddress('10.0.0.1', xff('203.0.113.7:51234'), one)).toBe('203.0.113.7');
		expect(clientAddress('10.0.0.1', xff('[2001:db8::1]:443'), one)).toBe('2001:db8::1');
	});

	it('reads another configured header', () => {
		const headers = new Headers({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': '1.1.1.1' });
		expect(clientAddress('10.0.0.1', headers, { trustedProxies: 1, header: 'X-Real-IP' })).toBe(
			'203.0.113.7'
		);
	});
});

describe('clientAddress behind two trusted proxies (XFF_DEPTH=2)', () => {
	const two = { trustedProxies: 2 };

	it('takes the second entry from the right', () => {
		// client -> CDN (appends client) -> load balancer (appends CDN) -> app
		expect(clientAddress('10.0.0.2', xff('203.0.113.7, 192.0.2.10'), two)).toBe('203.0.113.7');
	});

	it('ignores forged entries further left', () => {
		expect(clientAddress('10.0.0.2', xff('198.51.100.1, 203.0.113.7, 192.0.2.10'), two)).toBe(
			'203.0.113.7'
		);
	});

	it('takes the leftmost entry when the request skipped the outer proxy', () => {
		// Only the load balancer appended: every entry present was written by a trusted proxy.
		expect(clientAddress('10.0.0.2', xff('203.0.113.7'), two)).toBe('203.0.113.7');
	});
});

describe('normaliseAddress', () => {
	it.each([
		['203.0.113.7', '203.0.113.7'],
		[' 203.0.113.7 ', '203.0.113.7'],
		['::ffff:203.0.113.7', '203.0.113.7'],
		['::FFFF:CB00:7107', '203.0.113.7'],
		['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
		['fe80::1%eth0', 'fe80::1'],
		['::1', '::1']
	])('%s -> %s', (input, expected) => {
		expect(normaliseAddress(input)).toBe(expected);
	});

	it.each(['', 'localhost', '999.1.1.1', '01.2.3.4', '1.2.3', 'unknown', '2001:db8::1::2'])(
		'refuses %j',
		(input) => {
			expect(normaliseAddress(input)).toBeNull();
		}
	);
});

describe('addressBucket', () => {
	it('counts IPv4 addresses one by one', () => {
		expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
		expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
	});

	it('counts IPv6 per /64, however the address is written', () => {
		expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressBucket('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
		expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressBucket('::1')).toBe('0:0:0:0::/64');
		expect(addressBucket('2001:db8:1::')).toBe('2001:db8:1:0::/64');
	});

	it('puts unknown addresses in one shared bucket', () => {
		expect(addressBucket(null)).toBe('unknown');
		expect(addressBucket('garbage')).toBe('unknown');
	});
});
