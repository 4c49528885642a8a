/**
 * Builds one migrated template database per run; every test file then gets a fresh copy
 * (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { testDatabaseUrl, testDialect, withDatabaseName } from './test-env';

declare module 'vitest' {
	export interface ProvidedContext {
		dbTemplate:
			{ dialect: 'sqlite'; file: string } | { dialect: 'postgres'; name: string; prefix: string };
	}
}

export default async function setup(project: TestProject) {
	if (testDialect() === 'sqlite') {
		const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-test-'));
		const file = path.join(dir, 'template.sqlite');
		const database = openDatabase({ databaseUrl: undefined, dataDir: dir, sqliteFile: file });
		await migrateToLatest(database.db);
		await database.close();
		project.provide('dbTemplate', { dialect: 'sqlite', file });
		return () => rmSync(dir, { recursive: true, force: true });
	}

	const adminUrl = testDatabaseUrl();
	const prefix = `drehscheibe_t${process.pid}_${Date.now().toString(36)}`;
	const name = `${prefix}_tpl`;
	const admin = new pg.Client({ connectionString: adminUrl });
	try {
		await admin.connect();
	} catch (error) {
		throw new Error(
			`PostgreSQL ist unter ${adminUrl} nicht erreichbar (TEST_DATABASE_URL): ${String(error)}`
		);
	}
	await admin.query(`create database "${name}"`);
	const database = openDatabase({
		databaseUrl: withDatabaseName(adminUrl, name),
		dataDir: tmpdir(),
		poolSize: 2
	});
	await migrateToLatest(database.db);
	await database.close();
	project.provide('dbTemplate', { dialect: 'postgres', name, prefix });

	return async () => {
		const { rows } = await admin.query<{ datname: string }>(
			'select datname from pg_database where datname like $1',
			[`${prefix}%`]
		);
		for (const row of rows)
			await admin.query(`drop database if exists "${row.datname}" with (force)`);
		await admin.end();
	};
}
