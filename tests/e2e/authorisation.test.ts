/**
 * Who may open what: every route and API endpoint of the application × every role, for the own
 * and another municipality. The table below must name every route in src/routes: a new route
 * without an entry fails the first test, so nobody adds a page without deciding who may see it.
 *
 * Roles: anonymous, a member of Lahr, an admin of Lahr, the network coordinator. Where a route
 * takes a municipality, it is tried with Lahr (own) and Kehl (other). Outcomes:
 *   200       the page or data is shown
 *   'signin'  a redirect to /anmelden (pages for signed-in people)
 *   'hidden'  404: the route does not reveal that there is something (someone's unlisted
 *             profile, another municipality's management, a coordinator-only page)
 *   'forbidden' 403: a place whose existence is no secret, closed to this role (the
 *             administration for plain members, the audit log in the API)
 *   401/405/… that status
 * Catalogue placeholders: `{publicProject}` (Kehl, public), `{networkProject}` (Kehl, members
 * only), `{draftOwn}` (a draft of Lahr), `{draftOther}` (a draft of Kehl), `{product}`.
 * Writes are covered by the attack tests (attacks.test.ts) and each module's own tests.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './support/test-server';
import { createTestProduct, createTestProject } from './support/catalogue';
import { createTestAttachment } from './support/attachments';
import { createTestIdea } from './support/ideas';
import { createTestEvent } from './support/events';
import { createTestPerson, type TestPerson } from './support/people';

type Outcome = number | 'signin' | 'hidden' | 'forbidden';
type Role = 'anonymous' | 'member' | 'admin' | 'coordinator';
type Expectations = Record<Role, Outcome>;

interface Case {
	/** Concrete path; `{own}` and `{other}` stand for the AGS of Lahr and Kehl. */
	path: string;
	method?: 'GET' | 'POST' | 'DELETE';
	expect: Expectations;
}

const LAHR = '08317065';
const KEHL = '08317057';
const UNKNOWN_TOKEN = 'x'.repeat(43);

const everyone = (outcome: Outcome): Expectations => ({
	anonymous: outcome,
	member: outcome,
	admin: outcome,
	coordinator: outcome
});
const PUBLIC = everyone(200);
const SIGNED_IN: Expectations = { anonymous: 'signin', member: 200, admin: 200, coordinator: 200 };
const COORDINATOR_ONLY: Expectations = {
	anonymous: 'signin',
	member: 'forbidden',
	admin: 'forbidden',
	coordinator: 200
};
const API_SIGNED_IN: Expectations = { anonymous: 401, member: 200, admin: 200, coordinator: 200 };
/** Coordination pages whose existence is no business of others (404, never a sign-in). */
const COORDINATION_ONLY_HIDDEN: Expectations = {
	anonymous: 'hidden',
	member: 'hidden',
	admin: 'hidden',
	coordinator: 200
};
const ADMINS: Expectations = {
	anonymous: 'signin',
	member: 'forbidden',
	admin: 200,
	coordinator: 200
};

/** Route id (as SvelteKit names it) → the cases that try it. */
const TABLE: Record<string, Case[]> = {
	'/': [{ path: '/', expect: PUBLIC }],
	'/kommunen': [{ path: '/kommunen', expect: PUBLIC }],
	'/kommunen/[ags]': [
		{ path: '/kommunen/{own}', expect: PUBLIC },
		{ path: '/kommunen/{other}', expect: PUBLIC }
	],
	'/suche': [{ path: '/suche?q=Kehl', expect: PUBLIC }],
	'/uebersicht': [{ path: '/uebersicht', expect: PUBLIC }],
	'/uebersicht/matrix': [{ path: '/uebersicht/matrix?sort=coverage', expect: PUBLIC }],
	'/uebersicht/matrix/export': [{ path: '/uebersicht/matrix/export?format=xlsx', expect: PUBLIC }],
	'/uebersicht/themen/[id]': [
		{ path: '/uebersicht/themen/1', expect: PUBLIC },
		{ path: '/uebersicht/themen/1?kommune={own}', expect: PUBLIC },
		{ path: '/uebersicht/themen/999999', expect: everyone('hidden') }
	],
	'/netzwerk': [{ path: '/netzwerk', expect: PUBLIC }],
	'/impressum': [{ path: '/impressum', expect: PUBLIC }],
	'/datenschutz': [{ path: '/datenschutz', expect: PUBLIC }],
	'/barrierefreiheit': [{ path: '/barrierefreiheit', expect: PUBLIC }],
	'/datenquellen': [{ path: '/datenquellen', expect: PUBLIC }],
	'/healthz': [{ path: '/healthz', expect: PUBLIC }],
	'/readyz': [{ path: '/readyz', expect: PUBLIC }],
	// Form endpoints only: a GET is not allowed for anyone.
	'/sprache': [{ path: '/sprache', expect: everyone(405) }],
	'/abmelden': [{ path: '/abmelden', expect: everyone(405) }],
	// Signed-in people are sent on to where they wanted to go.
	'/anmelden': [
		{ path: '/anmelden', expect: { anonymous: 200, member: 303, admin: 303, coordinator: 303 } }
	],
	// Only with the short-lived cookie of a correct password; without it, back to the form.
	'/anmelden/bestaetigen': [
		{
			path: '/anmelden/bestaetigen',
			expect: { anonymous: 'signin', member: 303, admin: 303, coordinator: 303 }
		}
	],
	'/passwort-vergessen': [{ path: '/passwort-vergessen', expect: PUBLIC }],
	// A link that is unknown, used or expired: a page that says so (the form pages), or 410.
	'/passwort-zuruecksetzen/[token]': [{ path: '/passwort-zuruecksetzen/{token}', expect: PUBLIC }],
	'/e-mail-bestaetigen/[token]': [{ path: '/e-mail-bestaetigen/{token}', expect: PUBLIC }],
	'/einladung/[token]': [{ path: '/einladung/{token}', expect: everyone(410) }],
	'/mitglied-werden': [{ path: '/mitglied-werden', expect: PUBLIC }],
	'/konto-geloescht': [{ path: '/konto-geloescht', expect: PUBLIC }],
	'/personen': [{ path: '/personen', expect: SIGNED_IN }],
	// Mira is not listed in the directory: her page exists for herself only.
	'/personen/[id]': [
		{
			path: '/personen/{member}',
			expect: { anonymous: 'signin', member: 200, admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/konto': [{ path: '/konto', expect: SIGNED_IN }],
	'/konto/sicherheit': [{ path: '/konto/sicherheit', expect: SIGNED_IN }],
	'/konto/sicherheit/passwort': [{ path: '/konto/sicherheit/passwort', expect: SIGNED_IN }],
	'/konto/sicherheit/e-mail': [{ path: '/konto/sicherheit/e-mail', expect: SIGNED_IN }],
	'/konto/sicherheit/zwei-faktor': [{ path: '/konto/sicherheit/zwei-faktor', expect: SIGNED_IN }],
	'/konto/benachrichtigungen': [{ path: '/konto/benachrichtigungen', expect: SIGNED_IN }],
	'/konto/api-schluessel': [{ path: '/konto/api-schluessel', expect: SIGNED_IN }],
	'/konto/daten': [{ path: '/konto/daten', expect: SIGNED_IN }],
	'/konto/daten/export': [{ path: '/konto/daten/export', expect: SIGNED_IN }],
	// The administration: admins for their own municipality, the coordination for all.
	'/verwaltung': [{ path: '/verwaltung', expect: ADMINS }],
	'/verwaltung/einladungen': [{ path: '/verwaltung/einladungen', expect: COORDINATOR_ONLY }],
	'/verwaltung/antraege': [{ path: '/verwaltung/antraege', expect: COORDINATOR_ONLY }],
	'/verwaltung/protokoll': [{ path: '/verwaltung/protokoll', expect: COORDINATOR_ONLY }],
	'/verwaltung/kommunen/[ags]': [
		{ path: '/verwaltung/kommunen/{own}', expect: ADMINS },
		{
			path: '/verwaltung/kommunen/{other}',
			expect: { anonymous: 'signin', member: 'forbidden', admin: 'hidden', coordinator: 200 }
		}
	],
	// The API: public data for everyone, the rest with a session or a token.
	'/api/v1/municipalities': [{ path: '/api/v1/municipalities', expect: PUBLIC }],
	'/api/v1/municipalities/[ags]': [
		{ path: '/api/v1/municipalities/{own}', expect: PUBLIC },
		{ path: '/api/v1/municipalities/{other}', expect: PUBLIC }
	],
	'/api/v1/me': [{ path: '/api/v1/me', expect: API_SIGNED_IN }],
	'/api/v1/tokens': [{ path: '/api/v1/tokens', expect: API_SIGNED_IN }],
	// Writes need a token: a browser's cookie alone never changes anything through the API.
	'/api/v1/tokens/[id]': [{ path: '/api/v1/tokens/1', method: 'DELETE', expect: everyone(401) }],
	'/api/v1/audit-events': [
		{
			path: '/api/v1/audit-events',
			expect: { anonymous: 401, member: 'forbidden', admin: 'forbidden', coordinator: 200 }
		}
	],
	'/api/[...rest]': [{ path: '/api/v1/gibt-es-nicht', expect: everyone('hidden') }],
	// -- projects --
	// The list shows each role what it may see; adding needs a signed-in member.
	'/projekte': [
		{ path: '/projekte?status=betrieb&status=idee&sort=titel&seite=2', expect: PUBLIC },
		{ path: '/projekte?kommune={other}&nachnutzung=1', expect: PUBLIC }
	],
	'/projekte/neu': [{ path: '/projekte/neu', expect: SIGNED_IN }],
	// A project nobody may see does not exist for them (404, never 403).
	'/projekte/[id]': [
		{ path: '/projekte/{publicProject}', expect: PUBLIC },
		{
			path: '/projekte/{networkProject}',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/projekte/{draftOwn}',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/projekte/{draftOther}',
			expect: { anonymous: 'hidden', member: 'hidden', admin: 'hidden', coordinator: 200 }
		},
		{ path: '/projekte/999999999', expect: everyone('hidden') },
		{ path: '/projekte/abc', expect: everyone('hidden') }
	],
	// Editing: the owner's people (Lahr's draft) and the coordination; Kehl's projects are seen
	// but not editable by Lahr (403), Kehl's draft is not even seen (404).
	'/projekte/[id]/bearbeiten': [
		{
			path: '/projekte/{publicProject}/bearbeiten',
			expect: { anonymous: 'signin', member: 'forbidden', admin: 'forbidden', coordinator: 200 }
		},
		{ path: '/projekte/{draftOwn}/bearbeiten', expect: SIGNED_IN },
		{
			path: '/projekte/{draftOther}/bearbeiten',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 200 }
		}
	],
	// Who edited what is for signed-in members who may see the project.
	'/projekte/[id]/verlauf': [
		{ path: '/projekte/{publicProject}/verlauf', expect: SIGNED_IN },
		{
			path: '/projekte/{draftOther}/verlauf',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 200 }
		}
	],
	'/projekte/geloescht': [{ path: '/projekte/geloescht', expect: COORDINATOR_ONLY }],
	// Public content only, the same for everyone (drafts and members-only projects never appear).
	'/projekte/feed.xml': [{ path: '/projekte/feed.xml', expect: PUBLIC }],
	'/sitemap.xml': [
		{ path: '/sitemap.xml', expect: PUBLIC },
		{ path: '/sitemap.xml?teil=99', expect: everyone('hidden') }
	],
	'/robots.txt': [{ path: '/robots.txt', expect: PUBLIC }],
	// -- network overview --
	// Public; members-only projects colour it only for signed-in people (tests/e2e/map.test.ts).
	'/uebersicht/karte': [
		{ path: '/uebersicht/karte', expect: PUBLIC },
		{ path: '/uebersicht/karte?farbe=produkt-{product}', expect: PUBLIC },
		{ path: '/uebersicht/karte?farbe=unbekannt', expect: PUBLIC }
	],
	// -- solutions --
	// The register's facts are public; adding and editing need a signed-in member.
	'/loesungen': [{ path: '/loesungen?kategorie=dms&sortierung=verbreitung', expect: PUBLIC }],
	'/loesungen/neu': [{ path: '/loesungen/neu', expect: SIGNED_IN }],
	'/loesungen/[id]': [
		{ path: '/loesungen/{product}', expect: PUBLIC },
		{ path: '/loesungen/999999999', expect: everyone('hidden') },
		{ path: '/loesungen/abc', expect: everyone('hidden') }
	],
	'/loesungen/[id]/bearbeiten': [{ path: '/loesungen/{product}/bearbeiten', expect: SIGNED_IN }],
	// The own municipality's adoption; the coordination belongs to none (it names one by AGS).
	'/loesungen/[id]/nutzung': [
		{
			path: '/loesungen/{product}/nutzung',
			expect: { anonymous: 'signin', member: 200, admin: 200, coordinator: 'forbidden' }
		},
		{
			path: '/loesungen/{product}/nutzung?kommune={other}',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 200 }
		}
	],
	'/verwaltung/fachbereiche': [{ path: '/verwaltung/fachbereiche', expect: COORDINATOR_ONLY }],
	'/verwaltung/synonyme': [{ path: '/verwaltung/synonyme', expect: COORDINATOR_ONLY }],
	'/verwaltung/themen': [{ path: '/verwaltung/themen', expect: COORDINATOR_ONLY }],
	'/verwaltung/themen/[id]': [{ path: '/verwaltung/themen/1', expect: COORDINATOR_ONLY }],
	// -- reuse requests --
	// Between members only; a request itself is seen by its two sides (third parties: 404).
	'/nachnutzung': [{ path: '/nachnutzung', expect: SIGNED_IN }],
	'/nachnutzung/neu': [
		// The coordination belongs to no municipality, so it has nobody to ask for.
		{
			path: '/nachnutzung/neu?projekt={publicProject}',
			expect: { anonymous: 'signin', member: 200, admin: 200, coordinator: 'forbidden' }
		},
		{
			path: '/nachnutzung/neu?projekt={draftOther}',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'forbidden' }
		},
		{
			path: '/nachnutzung/neu?projekt={draftOwn}',
			expect: {
				anonymous: 'signin',
				member: 'forbidden',
				admin: 'forbidden',
				coordinator: 'forbidden'
			}
		},
		// Nobody runs the test product yet: nobody to ask.
		{
			path: '/nachnutzung/neu?loesung={product}',
			expect: {
				anonymous: 'signin',
				member: 'forbidden',
				admin: 'forbidden',
				coordinator: 'forbidden'
			}
		}
	],
	'/nachnutzung/[id]': [
		{
			path: '/nachnutzung/999999999',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	// -- discussions --
	// For members and the coordination; a thread attached to a subject follows the subject's
	// visibility (a draft of another municipality: 404).
	'/austausch': [
		{ path: '/austausch', expect: SIGNED_IN },
		{ path: '/austausch?bezug=project:{publicProject}', expect: SIGNED_IN },
		{ path: '/austausch?bezug=product:{product}', expect: SIGNED_IN },
		{
			path: '/austausch?bezug=project:{draftOther}',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 200 }
		}
	],
	'/austausch/neu': [
		{ path: '/austausch/neu', expect: SIGNED_IN },
		{ path: '/austausch/neu?bezug=product:{product}&art=frage', expect: SIGNED_IN },
		{ path: '/austausch/neu?bezug=project:{draftOwn}', expect: SIGNED_IN },
		{
			path: '/austausch/neu?bezug=project:{draftOther}',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 200 }
		}
	],
	'/austausch/[id]': [
		{
			path: '/austausch/999999999',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/austausch/[id]/beitraege/[postId]/bearbeiten': [
		{
			path: '/austausch/999999999/beitraege/999999999/bearbeiten',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/austausch/[id]/beitraege/[postId]/verlauf': [
		{
			path: '/austausch/999999999/beitraege/999999999/verlauf',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/verwaltung/meldungen': [{ path: '/verwaltung/meldungen', expect: COORDINATOR_ONLY }],
	// -- ideas and joint projects (decision 0025) --
	// Members' content: every signed-in person of a municipality and the coordination.
	'/ideen': [{ path: '/ideen', expect: SIGNED_IN }],
	'/ideen/neu': [{ path: '/ideen/neu', expect: SIGNED_IN }],
	'/ideen/[id]': [
		{ path: '/ideen/{idea}', expect: SIGNED_IN },
		{
			path: '/ideen/999999999',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/ideen/runden': [{ path: '/ideen/runden', expect: SIGNED_IN }],
	'/ideen/runden/[id]': [
		{
			path: '/ideen/runden/999999999',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	// Only for projects that came from an idea, for the lead's people and the coordination.
	'/projekte/[id]/gemeinsam': [
		{
			path: '/projekte/{publicProject}/gemeinsam',
			expect: { anonymous: 'signin', member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	// -- attachments --
	// A project's files follow the project: hidden (404) from whoever may not see it.
	'/projekte/[id]/anhaenge': [
		{ path: '/projekte/{publicProject}/anhaenge', expect: PUBLIC },
		{
			path: '/projekte/{networkProject}/anhaenge',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/projekte/{draftOwn}/anhaenge',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/projekte/{draftOther}/anhaenge',
			expect: { anonymous: 'hidden', member: 'hidden', admin: 'hidden', coordinator: 200 }
		},
		{ path: '/projekte/abc/anhaenge', expect: everyone('hidden') }
	],
	'/projekte/[id]/anhaenge/[attachmentId]': [
		{
			path: '/projekte/{networkProject}/anhaenge/{networkFile}',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/projekte/{draftOther}/anhaenge/{draftOtherFile}',
			expect: { anonymous: 'hidden', member: 'hidden', admin: 'hidden', coordinator: 200 }
		},
		// A file asked for under another (visible) project is not there.
		{ path: '/projekte/{publicProject}/anhaenge/{networkFile}', expect: everyone('hidden') }
	],
	// -- interchange --
	'/verwaltung/import': [{ path: '/verwaltung/import', expect: COORDINATOR_ONLY }],
	// Exports answer everyone; what the file holds follows the requester (interchange.test.ts).
	'/projekte/export': [
		{ path: '/projekte/export?format=csv', expect: PUBLIC },
		{ path: '/projekte/export?format=pdf', expect: everyone(400) }
	],
	'/loesungen/export': [{ path: '/loesungen/export?format=json', expect: PUBLIC }],
	// -- overview: everyone; what the figures count follows the audience (statistics.test.ts) --
	'/uebersicht/statistik': [{ path: '/uebersicht/statistik', expect: PUBLIC }],
	'/uebersicht/statistik/export': [{ path: '/uebersicht/statistik/export', expect: PUBLIC }],
	// -- catalogue API --
	'/api/v1/openapi.json': [{ path: '/api/v1/openapi.json', expect: PUBLIC }],
	// A cookie may read but never write (decision 0013): every change without a token is 401.
	// -- search API: everyone, each with what they may see --
	'/api/v1/search': [
		{ path: '/api/v1/search?q=E-Akte', expect: PUBLIC },
		{ path: '/api/v1/search?q=E-Akte&type=alles', expect: everyone(400) }
	],
	'/api/v1/similar': [{ path: '/api/v1/similar?title=Terminvergabe', expect: PUBLIC }],
	'/api/v1/projects': [
		{ path: '/api/v1/projects', expect: PUBLIC },
		{ path: '/api/v1/projects', method: 'POST', expect: everyone(401) }
	],
	'/api/v1/projects/[id]': [
		{ path: '/api/v1/projects/{publicProject}', expect: PUBLIC },
		{
			path: '/api/v1/projects/{networkProject}',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/api/v1/projects/{draftOwn}',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{
			path: '/api/v1/projects/{draftOther}',
			expect: { anonymous: 'hidden', member: 'hidden', admin: 'hidden', coordinator: 200 }
		},
		{ path: '/api/v1/projects/{publicProject}', method: 'DELETE', expect: everyone(401) }
	],
	'/api/v1/solutions': [{ path: '/api/v1/solutions', expect: PUBLIC }],
	'/api/v1/solutions/[id]': [{ path: '/api/v1/solutions/{product}', expect: PUBLIC }],
	'/api/v1/adoptions': [{ path: '/api/v1/adoptions', expect: PUBLIC }],
	'/api/v1/adoptions/[id]': [
		{ path: '/api/v1/adoptions/999999999', expect: everyone('hidden') },
		{ path: '/api/v1/adoptions/1', method: 'DELETE', expect: everyone(401) }
	],
	'/api/v1/reuse-requests': [{ path: '/api/v1/reuse-requests', expect: API_SIGNED_IN }],
	'/api/v1/ideas': [{ path: '/api/v1/ideas', expect: API_SIGNED_IN }],
	'/api/v1/ideas/similar': [
		{ path: '/api/v1/ideas/similar?title=Testidee', expect: API_SIGNED_IN }
	],
	'/api/v1/ideas/[id]': [
		{ path: '/api/v1/ideas/{idea}', expect: API_SIGNED_IN },
		{
			path: '/api/v1/ideas/999999999',
			expect: { anonymous: 401, member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/api/v1/reuse-requests/[id]': [
		{
			path: '/api/v1/reuse-requests/999999999',
			expect: { anonymous: 401, member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/api/v1/reuse-requests/[id]/transitions': [
		{ path: '/api/v1/reuse-requests/1/transitions', method: 'POST', expect: everyone(401) }
	],
	// -- notifications: one's own centre and follows; the form endpoints take POST only --
	'/benachrichtigungen': [{ path: '/benachrichtigungen', expect: SIGNED_IN }],
	'/benachrichtigungen/gefolgt': [{ path: '/benachrichtigungen/gefolgt', expect: SIGNED_IN }],
	'/benachrichtigungen/folgen': [{ path: '/benachrichtigungen/folgen', expect: everyone(405) }],
	'/benachrichtigungen/einstellungen': [
		{ path: '/benachrichtigungen/einstellungen', expect: everyone(405) }
	],
	// The unsubscribe link works without a session; a GET only shows the confirmation.
	'/benachrichtigungen/abbestellen': [
		{ path: '/benachrichtigungen/abbestellen?token=1.abc', expect: PUBLIC }
	],
	'/api/v1/discussions': [{ path: '/api/v1/discussions', expect: API_SIGNED_IN }],
	'/api/v1/discussions/[id]': [
		{
			path: '/api/v1/discussions/999999999',
			expect: { anonymous: 401, member: 'hidden', admin: 'hidden', coordinator: 'hidden' }
		}
	],
	'/api/v1/discussions/[id]/posts': [
		{ path: '/api/v1/discussions/1/posts', method: 'POST', expect: everyone(401) }
	],
	// -- events --
	// Public events for everyone, members-only events for signed-in people (visitors: 404);
	// running them (editing, attendees, summary) is the coordination's.
	'/termine': [{ path: '/termine', expect: PUBLIC }],
	'/termine/neu': [{ path: '/termine/neu', expect: COORDINATOR_ONLY }],
	'/termine/[id]': [
		{ path: '/termine/{publicEvent}', expect: PUBLIC },
		{
			path: '/termine/{membersEvent}',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		},
		{ path: '/termine/999999999', expect: everyone('hidden') },
		{ path: '/termine/abc', expect: everyone('hidden') }
	],
	'/termine/[id]/bearbeiten': [
		{ path: '/termine/{publicEvent}/bearbeiten', expect: COORDINATOR_ONLY }
	],
	'/termine/[id]/teilnehmende': [
		{ path: '/termine/{publicEvent}/teilnehmende', expect: COORDINATION_ONLY_HIDDEN }
	],
	'/termine/[id]/teilnehmende/export': [
		{
			path: '/termine/{publicEvent}/teilnehmende/export?format=xlsx',
			expect: COORDINATION_ONLY_HIDDEN
		},
		{ path: '/termine/{publicEvent}/teilnehmende/export?format=pdf', expect: everyone(400) }
	],
	'/termine/[id]/auswertung': [
		{ path: '/termine/{publicEvent}/auswertung', expect: COORDINATION_ONLY_HIDDEN }
	],
	'/termine/[id]/vor-ort': [
		{ path: '/termine/{publicEvent}/vor-ort', expect: PUBLIC },
		{
			path: '/termine/{membersEvent}/vor-ort',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		}
	],
	'/termine/[id]/kalender.ics': [
		{ path: '/termine/{publicEvent}/kalender.ics', expect: PUBLIC },
		{
			path: '/termine/{membersEvent}/kalender.ics',
			expect: { anonymous: 'hidden', member: 200, admin: 200, coordinator: 200 }
		}
	],
	'/termine/kalender.ics': [{ path: '/termine/kalender.ics', expect: PUBLIC }],
	// The private feed is found by its token alone; an unknown one does not exist for anybody.
	'/termine/kalender/[token]': [{ path: '/termine/kalender/{token}', expect: everyone('hidden') }],
	// Guests' links: found by the token alone; an unknown one shows the same "invalid link" page
	// to everybody (200), and opening a link (GET) changes nothing.
	'/termine/gast/bestaetigen/[token]': [
		{ path: '/termine/gast/bestaetigen/unbekannter-link-0123456789abcdef', expect: PUBLIC }
	],
	'/termine/gast/abmelden/[token]': [{ path: '/termine/gast/abmelden/1-0000', expect: PUBLIC }]
};

/** Every route id under src/routes that has a page or an endpoint. */
function discoverRoutes(dir = path.resolve('src/routes'), prefix = ''): string[] {
	const found: string[] = [];
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) {
			// Groups like (app) do not appear in the URL.
			const segment = name.startsWith('(') && name.endsWith(')') ? '' : `/${name}`;
			found.push(...discoverRoutes(full, prefix + segment));
		} else if (/^\+(page\.svelte|server\.ts)$/.test(name)) {
			found.push(prefix || '/');
		}
	}
	return [...new Set(found)].sort();
}

let people: Record<Exclude<Role, 'anonymous'>, TestPerson>;
let catalogue: Record<
	'publicProject' | 'networkProject' | 'draftOwn' | 'draftOther' | 'product',
	number
>;
/** Attachments: `{networkFile}` of the members-only project, `{draftOtherFile}` of Kehl's draft. */
let files: Record<'networkFile' | 'draftOtherFile', number>;
/** An idea of Kehl in the pool: `{idea}`. */
let ideas: Record<'idea', number>;
/** Events: `{publicEvent}` and `{membersEvent}` (members only). */
let events: Record<'publicEvent' | 'membersEvent', number>;

beforeAll(async () => {
	const suffix = Date.now().toString(36);
	people = {
		member: await createTestPerson({
			email: `mitglied-${suffix}@lahr.example`,
			displayName: 'Mira Mitglied',
			memberships: [{ ags: LAHR, role: 'member' }]
		}),
		admin: await createTestPerson({
			email: `verwaltung-${suffix}@lahr.example`,
			displayName: 'Armin Verwaltung',
			memberships: [{ ags: LAHR, role: 'admin' }]
		}),
		coordinator: await createTestPerson({
			email: `koordination-${suffix}@ortenau.example`,
			displayName: 'Kora Koordination',
			isCoordinator: true
		})
	};
	catalogue = {
		publicProject: await createTestProject({
			ags: KEHL,
			title: `Öffentliches Testprojekt ${suffix}`,
			visibility: 'public'
		}),
		networkProject: await createTestProject({
			ags: KEHL,
			title: `Internes Testprojekt ${suffix}`,
			visibility: 'network'
		}),
		draftOwn: await createTestProject({
			ags: LAHR,
			title: `Entwurf Lahr ${suffix}`,
			visibility: 'draft'
		}),
		draftOther: await createTestProject({
			ags: KEHL,
			title: `Entwurf Kehl ${suffix}`,
			visibility: 'draft'
		}),
		product: await createTestProduct(`Testprodukt ${suffix}`)
	};
	files = {
		networkFile: await createTestAttachment(catalogue.networkProject),
		draftOtherFile: await createTestAttachment(catalogue.draftOther)
	};
	ideas = { idea: await createTestIdea({ ags: KEHL, title: `Testidee ${suffix}` }) };
	events = {
		publicEvent: await createTestEvent({ title: `Netzwerktreffen ${suffix}`, audience: 'public' }),
		membersEvent: await createTestEvent({
			title: `Internes Treffen ${suffix}`,
			audience: 'members'
		})
	};
});

async function outcomeOf(role: Role, testCase: Case): Promise<Outcome> {
	let concrete = testCase.path
		.replace('{own}', LAHR)
		.replace('{other}', KEHL)
		.replace('{token}', UNKNOWN_TOKEN)
		.replace('{member}', String(people.member.personId));
	for (const [name, id] of Object.entries({ ...catalogue, ...files, ...ideas, ...events })) {
		concrete = concrete.replace(`{${name}}`, String(id));
	}
	const url = testServer().baseUrl + concrete;
	const headers: Record<string, string> = { accept: 'text/html,application/json' };
	if (role !== 'anonymous') headers.cookie = people[role].cookie;
	const response = await fetch(url, {
		method: testCase.method ?? 'GET',
		headers,
		redirect: 'manual'
	});
	await response.arrayBuffer();
	const location = response.headers.get('location') ?? '';
	if (response.status === 303 || response.status === 302) {
		if (new URL(location, url).pathname === '/anmelden') return 'signin';
	}
	if (response.status === 404) return 'hidden';
	if (response.status === 403) return 'forbidden';
	return response.status;
}

describe('authorisation table', () => {
	it('names every route of the application', () => {
		const routes = discoverRoutes();
		const missing = routes.filter((route) => !(route in TABLE));
		const stale = Object.keys(TABLE).filter((route) => !routes.includes(route));
		expect({ missing, stale }).toEqual({ missing: [], stale: [] });
	});

	for (const [route, cases] of Object.entries(TABLE)) {
		for (const testCase of cases) {
			it(`${testCase.method ?? 'GET'} ${testCase.path} (${route})`, async () => {
				const actual: Partial<Expectations> = {};
				for (const role of Object.keys(testCase.expect) as Role[]) {
					actual[role] = await outcomeOf(role, testCase);
				}
				expect(actual).toEqual(testCase.expect);
			});
		}
	}
});
