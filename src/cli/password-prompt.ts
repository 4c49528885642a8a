/**
 * Reads a password from the terminal without echoing it. Only for a TTY: piped input would be
 * visible in process listings or scripts anyway, and those pass DREHSCHEIBE_ADMIN_PASSWORD.
 */
export function promptHidden(question: string): Promise<string> {
	const input = process.stdin;
	const output = process.stderr;
	return new Promise((resolve, reject) => {
		if (!input.isTTY) {
			reject(new Error('no terminal'));
			return;
		}
		let value = '';
		output.write(question);
		input.setRawMode(true);
		input.resume();
		input.setEncoding('utf8');
		const finish = (error?: Error) => {
			input.setRawMode(false);
			input.pause();
			input.removeListener('data', onData);
			output.write('\n');
			if (error) reject(error);
			else resolve(value);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n' || char === '\u0004') return finish();
				if (char === '\u0003') return finish(new Error('abgebrochen'));
				if (char === '\u007f' || char === '\b') value = Array.from(value).slice(0, -1).join('');
				else if (char >= ' ') value += char;
			}
		};
		input.on('data', onData);
	});
}
