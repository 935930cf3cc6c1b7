// `npm run scan` (after `npm run build`; `npm test` runs it): electronegativity over what ships (out/main,
// out/preload, out/renderer) and over the Electron shell's sources (electron/main, electron/preload: the only
// code that may use Electron's APIs, with real file names and lines). Every finding must be explained by an
// entry in security/electronegativity-allowlist.json; an entry that explains nothing is stale. Exit 1 on either.
// electronegativity misses things (e.g. nodeIntegration: true next to an explicit sandbox: false): the window
// options are also tested directly (tests/desktop).
//
//   node tools/security-scan/scan.ts [--root <dir>] [--allowlist <file>] [--report <dir>] [input ...]
//     inputs are folders relative to the root (default: the five above)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_ENTRIES } from '../build-output.ts';
import { judge, readAllowlist, type AllowlistEntry, type Finding } from './allowlist.ts';
import { electronegativityVersion, installedElectronVersion, scanFolder } from './electronegativity.ts';

const projectDir = resolve(import.meta.dirname, '../..');
const DEFAULT_INPUTS = ['out/main', 'out/preload', 'out/renderer', 'electron/main', 'electron/preload'];
/** Built output the scan cannot do without: a missing build is an error, never an empty (passing) scan. */

const say = (line: string) => console.log(`security-scan: ${line}`);
const where = (f: Finding) => (f.line ? `${f.file}:${f.line}:${f.column}` : f.file);

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((entry) => statSync(join(dir, String(entry))).isFile()).length;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      root: { type: 'string', default: projectDir },
      allowlist: { type: 'string' },
      report: { type: 'string' },
    },
  });
  const root = resolve(values.root);
  const allowlistPath = resolve(values.allowlist ?? join(projectDir, 'security', 'electronegativity-allowlist.json'));
  const reportDir = resolve(values.report ?? join(projectDir, '.tmp', 'security-scan'));
  const inputs = positionals.length > 0 ? positionals : DEFAULT_INPUTS;

  if (positionals.length === 0) {
    const missing = BUILD_ENTRIES.filter((file) => !existsSync(join(root, file)));
    if (missing.length > 0) {
      say(`${missing.join(', ')} missing: run npm run build first (the scan checks the built app)`);
      return 1;
    }
  }
  const absent = inputs.filter((input) => !existsSync(join(root, input)));
  if (absent.length > 0) {
    say(`inputs missing under ${root}: ${absent.join(', ')}`);
    return 1;
  }
  const allowlist = readAllowlist(allowlistPath);

  // A throwaway copy with the inputs' relative paths, so findings name files as in the repository and
  // unparsable files can be rewritten.
  const stage = mkdtempSync(join(tmpdir(), 'opsroom-scan-'));
  try {
    for (const input of inputs) cpSync(join(root, input), join(stage, input), { recursive: true });
    const files = countFiles(stage);
    const electron = installedElectronVersion();
    mkdirSync(reportDir, { recursive: true });
    const sarif = join(reportDir, 'electronegativity.sarif');
    const result = await scanFolder(stage, electron, sarif);
    say(`electronegativity ${electronegativityVersion()} (Electron ${electron}), ${result.checks.global} global + `
      + `${result.checks.atomic} atomic checks over ${inputs.join(', ')} (${files} files)`);
    for (const note of result.notes) say(`electronegativity said: ${note}`);
    if (result.downleveled.length > 0) {
      say(`scanned after downleveling to ES2021 (its parser cannot walk class private fields; lines in these files are `
        + `the downleveled copy's): ${result.downleveled.join(', ')}`);
    }

    const { explained, unexplained, stale } = judge(result.findings, allowlist);
    // one line per allowlist entry with every place it explains, then its reason
    const byEntry = new Map<AllowlistEntry, Finding[]>();
    for (const { finding, entry } of explained) byEntry.set(entry, [...(byEntry.get(entry) ?? []), finding]);
    for (const [entry, found] of byEntry) say(`allowed  ${entry.check} ${found.map(where).join(', ')}\n           ${entry.reason}`);
    for (const finding of unexplained) {
      say(`FINDING  ${finding.check} [${finding.severity}/${finding.confidence}] ${where(finding)}: ${finding.description}`
        + `${finding.sample ? `\n           ${finding.sample}` : ''}`);
    }
    for (const entry of stale) say(`STALE    allowlist entry ${entry.check} ${entry.file} matches no finding: remove it (${allowlistPath})`);
    writeFileSync(join(reportDir, 'report.json'), `${JSON.stringify({ inputs, findings: result.findings, unexplained, stale }, null, 2)}\n`);
    say(`report: ${join(reportDir, 'report.json')}, ${sarif}`);

    if (unexplained.length > 0 || stale.length > 0) {
      say(`FAILED: ${unexplained.length} unexplained finding(s), ${stale.length} stale allowlist entr${stale.length === 1 ? 'y' : 'ies'}. `
        + `Fix the code, or explain the finding in ${allowlistPath} with a reason that is true.`);
      return 1;
    }
    say(`passed: ${explained.length} finding(s), each explained in the allowlist`);
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
