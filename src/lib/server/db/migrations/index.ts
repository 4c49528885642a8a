/**
 * Every migration, in order. Migrations are frozen once released: a change to the schema is a
 * new file here, never an edit of an old one.
 */
import type { Migration } from 'kysely';
import * as m0001 from './2026_11_25_0001_municipality_register';
import * as m0002 from './2026_11_25_0002_network';
import * as m0003 from './2026_11_25_0003_activity';
import * as m0004 from './2026_11_25_0004_seed_run';
import * as m0005 from './2026_11_25_0005_mail_outbox';
import * as m0006 from './2026_11_25_0006_rate_limit';
import * as m0007 from './2026_11_25_0007_audit_event';
import * as m0008 from './2026_11_25_0008_person_session';
import * as m0009 from './2026_11_25_0009_content_version';
import * as m0010 from './2026_11_26_0010_account_security';
import * as m0011 from './2026_11_26_0011_joining';
import * as m0012 from './2026_11_26_0012_person_profile';
import * as m0013 from './2026_11_26_0013_api_token';
import * as m0014 from './2026_11_26_0014_catalogue_reference';
import * as m0015 from './2026_11_26_0015_solutions';
import * as m0016 from './2026_11_26_0016_project';
import * as m0017 from './2026_11_26_0017_reuse_request';
import * as m0018 from './2026_11_26_0018_attachment';
import * as m0019 from './2026_11_26_0019_person_content_version';
import * as m0020 from './2026_12_03_0020_search';
import * as m0021 from './2026_12_03_0021_overview';
import * as m0022 from './2026_12_03_0022_statistics_indexes';
import * as m0023 from './2026_12_04_0023_notification_event';
import * as m0030 from './2026_12_04_0030_event';
import * as m0031 from './2026_12_04_0031_event_registration';
import * as m0032 from './2026_12_04_0032_event_programme';
import * as m0033 from './2026_12_04_0033_calendar_feed_token';
import * as m0034 from './2026_12_04_0034_event_guest';
import * as m0040 from './2026_12_04_0040_idea';
import * as m0041 from './2026_12_04_0041_idea_round';
import * as m0042 from './2026_12_04_0042_joint_project';
import * as m0050 from './2026_12_04_0050_discussion';
import * as m0060 from './2026_12_04_0060_notifications';

export const migrations: Record<string, Migration> = {
	'2026_11_25_0001_municipality_register': m0001,
	'2026_11_25_0002_network': m0002,
	'2026_11_25_0003_activity': m0003,
	'2026_11_25_0004_seed_run': m0004,
	'2026_11_25_0005_mail_outbox': m0005,
	'2026_11_25_0006_rate_limit': m0006,
	'2026_11_25_0007_audit_event': m0007,
	'2026_11_25_0008_person_session': m0008,
	'2026_11_25_0009_content_version': m0009,
	'2026_11_26_0010_account_security': m0010,
	'2026_11_26_0011_joining': m0011,
	'2026_11_26_0012_person_profile': m0012,
	'2026_11_26_0013_api_token': m0013,
	'2026_11_26_0014_catalogue_reference': m0014,
	'2026_11_26_0015_solutions': m0015,
	'2026_11_26_0016_project': m0016,
	'2026_11_26_0017_reuse_request': m0017,
	'2026_11_26_0018_attachment': m0018,
	'2026_11_26_0019_person_content_version': m0019,
	'2026_12_03_0020_search': m0020,
	'2026_12_03_0021_overview': m0021,
	'2026_12_03_0022_statistics_indexes': m0022,
	'2026_12_04_0023_notification_event': m0023,
	'2026_12_04_0030_event': m0030,
	'2026_12_04_0031_event_registration': m0031,
	'2026_12_04_0032_event_programme': m0032,
	'2026_12_04_0033_calendar_feed_token': m0033,
	'2026_12_04_0034_event_guest': m0034,
	'2026_12_04_0040_idea': m0040,
	'2026_12_04_0041_idea_round': m0041,
	'2026_12_04_0042_joint_project': m0042,
	'2026_12_04_0050_discussion': m0050,
	'2026_12_04_0060_notifications': m0060
};
