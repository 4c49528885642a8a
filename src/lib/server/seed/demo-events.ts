/**
 * The demo network's events: the annual conference with a programme and pitches of demo
 * projects, a members-only network meeting and an online session. Written after the catalogue
 * (the pitches link its projects), marked as demo; times are local (Europe/Berlin).
 */
import type { Db } from '../db';
import { insertEvent, insertSession } from '../events/event.repository';
import { localToInstant } from '../events/event.time';

interface DemoSession {
	title: string;
	from: string;
	to: string;
	room: string;
	speakers?: string;
	/** A pitch of this demo project (its key in seed/demo/catalogue.json). */
	project?: string;
}

function at(date: string, time: string): string {
	const instant = localToInstant(date, time);
	if (!instant) throw new Error(`demo events: no local time ${date} ${time}`);
	return instant.toISOString();
}

const CONFERENCE_DAY = '2027-05-06';
const CONFERENCE: DemoSession[] = [
	{
		title: 'Begrüßung und Rückblick auf das Netzwerkjahr',
		from: '09:00',
		to: '09:30',
		room: 'Großer Saal',
		speakers: 'Netzwerkkoordination'
	},
	{
		title: 'Mängelmelder für Straßen und Grünflächen',
		from: '09:45',
		to: '10:00',
		room: 'Großer Saal',
		project: 'kehl-maengelmelder'
	},
	{
		title: 'Geoportal der Stadt',
		from: '10:00',
		to: '10:15',
		room: 'Großer Saal',
		project: 'lahr-geoportal'
	},
	{
		title: 'Online-Bürgerbeteiligung',
		from: '10:15',
		to: '10:30',
		room: 'Großer Saal',
		project: 'offenburg-beteiligung'
	},
	{
		title: 'Workshop: KI in der Verwaltung – was geht schon heute?',
		from: '13:30',
		to: '15:00',
		room: 'Raum Kinzig',
		speakers: 'Arbeitsgruppe Digitalisierung'
	},
	{ title: 'Markt der Möglichkeiten und Ausklang', from: '15:30', to: '17:00', room: 'Foyer' }
];

/** Returns how many events were written. */
export async function seedDemoEvents(
	db: Db,
	projectIds: Readonly<Record<string, number>>,
	now: () => Date
): Promise<number> {
	const nowIso = now().toISOString();
	const base = {
		onlineUrl: null,
		organiserMunicipalityId: null,
		createdByPersonId: null,
		isDemo: true
	};
	const conferenceId = await insertEvent(
		db,
		{
			...base,
			title: 'Ortenau Digital 2027',
			kind: 'conference',
			description:
				'Die Jahreskonferenz des Netzwerks: Kommunen stellen in kurzen **Pitches** Projekte vor, die andere nachnutzen können. Dazu Workshops und viel Zeit für Austausch.',
			startsAt: at(CONFERENCE_DAY, '09:00'),
			endsAt: at(CONFERENCE_DAY, '17:00'),
			location: 'Salmen, Lange Straße 52, 77652 Offenburg',
			audience: 'public',
			capacity: 250,
			isCallForPitchesOpen: true
		},
		nowIso
	);
	for (const session of CONFERENCE) {
		const projectId = session.project ? projectIds[session.project] : undefined;
		if (session.project && projectId === undefined) continue;
		await insertSession(db, {
			eventId: conferenceId,
			kind: projectId === undefined ? 'session' : 'pitch',
			status: 'accepted',
			title: session.title,
			description: '',
			startsAt: at(CONFERENCE_DAY, session.from),
			endsAt: at(CONFERENCE_DAY, session.to),
			room: session.room,
			speakers: session.speakers ?? '',
			projectId: projectId ?? null,
			presenterPersonId: null,
			acceptedAt: projectId === undefined ? null : nowIso,
			now: nowIso
		});
	}
	await insertEvent(
		db,
		{
			...base,
			title: 'Netzwerktreffen Frühjahr 2027',
			kind: 'network_meeting',
			description:
				'Austausch der Digitalisierungsverantwortlichen: Stand der OZG-Leistungen, Planung der Jahreskonferenz.',
			startsAt: at('2027-03-11', '14:00'),
			endsAt: at('2027-03-11', '16:30'),
			location: 'Landratsamt Ortenaukreis, Badstraße 20, 77652 Offenburg',
			audience: 'members',
			capacity: 40,
			isCallForPitchesOpen: false
		},
		nowIso
	);
	await insertEvent(
		db,
		{
			...base,
			title: 'Online-Sprechstunde: E-Akte einführen',
			kind: 'online_session',
			description: 'Kommunen, die die E-Akte eingeführt haben, beantworten Fragen.',
			startsAt: at('2027-04-14', '10:00'),
			endsAt: at('2027-04-14', '11:00'),
			location: '',
			onlineUrl: 'https://video.example.org/sprechstunde-e-akte',
			audience: 'members',
			capacity: null,
			isCallForPitchesOpen: false
		},
		nowIso
	);
	return 3;
}
