// Stops early, with the fix, when npm runs our scripts on a Node.js older than the one in package.json `engines`
// (native modules such as better-sqlite3 13 would otherwise crash without a word).
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = Number(/(\d+)/.exec(engines.node)?.[1] ?? 0);
const major = Number(process.versions.node.split('.')[0]);
if (major < wanted) {
  process.stderr.write(
    `GP Appointments needs Node.js ${wanted} or later; this is Node.js ${process.versions.node}.\n` +
      `On Linux x64, run \`source scripts/node24.sh\` to use Node.js ${wanted} in this shell, then try again.\n`,
  );
  process.exit(1);
}
