import { promptHidden } from './password-prompt';
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2), console.log, console.error, {
	adminPassword: process.env.DREHSCHEIBE_ADMIN_PASSWORD,
	promptPassword: process.stdin.isTTY ? promptHidden : undefined
});
