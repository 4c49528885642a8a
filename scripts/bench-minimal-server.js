/**
 * The benchmark's yardstick: the least a Node HTTP server can do to answer with a page of the
 * same size as the app's /kommunen response. Runs in its own process, like the app, so that it
 * gets the same share of the machine. Listens on 127.0.0.1 at a free port and reports the port
 * to its parent over IPC.
 *
 *   BENCH_BODY_BYTES=123456 node scripts/bench-minimal-server.js   (started by scripts/bench.js)
 */
import http from 'node:http';

const size = Number(process.env.BENCH_BODY_BYTES);
if (!Number.isInteger(size) || size < 64) throw new Error('BENCH_BODY_BYTES must be >= 64');

const head =
	'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Minimal</title></head><body><p>';
const tail = '</p></body></html>\n';
const body = Buffer.from(head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail);

const server = http.createServer((_request, response) => {
	response.writeHead(200, {
		'content-type': 'text/html; charset=utf-8',
		'content-length': body.length
	});
	response.end(body);
});

server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
