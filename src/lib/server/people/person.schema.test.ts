import { describe, expect, it } from 'vitest';
import {
	parseDirectoryFilter,
	parseNotificationSettings,
	UpdateProfileSchema
} from './person.schema';

const valid = {
	displayName: 'Anna',
	emailVisibility: 'network',
	phoneVisibility: 'hidden',
	isListed: false
} as const;

describe('UpdateProfileSchema', () => {
	it('turns empty optional fields into null and splits tags', () => {
		const parsed = UpdateProfileSchema.parse({
			...valid,
			jobTitle: ' ',
			phone: '',
			expertise: ' E-Akte ;  OZG  Umsetzung,,e-akte ',
			topics: ['Bildung', ' ']
		});
		expect(parsed).toMatchObject({
			jobTitle: null,
			phone: null,
			about: null,
			expertise: ['E-Akte', 'OZG Umsetzung'],
			topics: ['Bildung']
		});
	});

	it('accepts usual phone numbers and refuses text', () => {
		for (const phone of ['+49 781 123-45', '(0781) 12 34/5', '07851.1']) {
			expect(UpdateProfileSchema.safeParse({ ...valid, phone }).success, phone).toBe(true);
		}
		for (const phone of ['abc', '12', '0781 1 ext 2']) {
			expect(UpdateProfileSchema.safeParse({ ...valid, phone }).success, phone).toBe(false);
		}
	});

	it('limits tag length and count', () => {
		const long = UpdateProfileSchema.safeParse({ ...valid, topics: 'x'.repeat(41) });
		expect(long.error?.issues[0]?.message).toBe('tag_too_long');
		const many = UpdateProfileSchema.safeParse({
			...valid,
			expertise: Array.from({ length: 11 }, (_, i) => `T${i}`).join(',')
		});
		expect(many.error?.issues[0]?.message).toBe('tags_too_many');
	});
});

describe('parseNotificationSettings', () => {
	it('fills in defaults and survives rubbish', () => {
		const defaults = { weeklyDigest: false, mailOnReply: true, mailOnReuseRequest: true };
		expect(parseNotificationSettings({})).toEqual(defaults);
		expect(parseNotificationSettings('not json')).toEqual(defaults);
		expect(parseNotificationSettings(null)).toEqual(defaults);
		expect(parseNotificationSettings({ weeklyDigest: 'ja', mailOnReply: false })).toEqual({
			...defaults,
			mailOnReply: false
		});
		expect(parseNotificationSettings('{"weeklyDigest":true}')).toMatchObject({
			weeklyDigest: true
		});
	});
});

describe('parseDirectoryFilter', () => {
	it('keeps valid filters and drops malformed ones', () => {
		expect(
			parseDirectoryFilter(
				new URLSearchParams('q=anna&expertise=E-Akte&municipality=0831&page=x&topic=')
			)
		).toEqual({
			q: 'anna',
			expertise: 'E-Akte',
			topic: undefined,
			municipality: undefined,
			page: 1
		});
		expect(parseDirectoryFilter(new URLSearchParams('municipality=08317057&page=3'))).toMatchObject(
			{
				municipality: '08317057',
				page: 3
			}
		);
	});
});
