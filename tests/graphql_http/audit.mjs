// Runs the graphql-http server audits (GraphQL over HTTP spec) against a live server.
//
//   node audit.mjs http://127.0.0.1:8000/graphql [--concurrent]
//
// With --concurrent every audit is sent at once (Promise.all), as graphql-http's own test
// runner does: a server that refuses load instead of queueing it fails some of them.
// Prints one line per audit (status, id, name, and the reason when not ok) and a
// summary; exits 1 if any audit is not "ok" (an error, a warning or a notice).
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? process.env.GRAPHQL_URL;
const concurrent = process.argv.includes('--concurrent');
if (!url) {
  console.error('usage: node audit.mjs URL   (or set GRAPHQL_URL)');
  process.exit(2);
}

const counts = { ok: 0, warn: 0, error: 0, notice: 0 };
const audits = serverAudits({ url });
const results = concurrent
  ? await Promise.all(audits.map((audit) => audit.fn()))
  : await audits.reduce(
      async (done, audit) => [...(await done), await audit.fn()],
      Promise.resolve([]),
    );
audits.forEach((audit, i) => {
  const result = results[i];
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  const reason = result.status === 'ok' ? '' : `: ${result.reason}`;
  console.log(`${result.status.padEnd(6)} ${result.id} ${result.name}${reason}`);
});
console.log(
  `total ${Object.values(counts).reduce((a, b) => a + b, 0)}: ` +
    `${counts.ok} ok, ${counts.warn} warnings, ${counts.error} errors, ${counts.notice} notices`,
);
process.exit(counts.ok === Object.values(counts).reduce((a, b) => a + b, 0) ? 0 : 1);
