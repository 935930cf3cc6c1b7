// @doyensec/electronegativity 1.10 through its programmatic runner (its CLI does not start with the hoisted
// commander here), made usable as a gate:
// - its findings come back as data (it never fails on them itself);
// - files its parser cannot walk (class private fields `#x`: its escope predates them) are downleveled with
//   TypeScript (ES2021) and scanned again, instead of silently skipped;
// - it fetches translations (and, in the check excluded below, Electron's release list) from the network;
//   offline it logs and carries on, and got's retries then throw uncaught errors later ("onCancel handler was
//   attached after the promise settled", ENOTFOUND), which are recognised by their origin in got and ignored
//   (anything else still fails).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, relative, sep } from 'node:path';
import ts from 'typescript';
import { GLOBAL_FILE, type Finding } from './allowlist.ts';

const require = createRequire(import.meta.url);

interface RawIssue {
  file: string;
  id: string;
  location: { line: number; column: number };
  description: string | Record<string, string>;
  sample?: string;
  severity: { name: string };
  confidence: { name: string };
}
interface RawResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: RawIssue[];
}
type Runner = (options: Record<string, unknown>) => Promise<RawResult>;

/**
 * Left out: AvailableSecurityFixesGlobalCheck compares the Electron version in a scanned package.json with
 * Electron's release list from GitHub. The scanned code has no package.json (so it could never report), and
 * a gate whose result depends on that day's releases is not reproducible: Electron updates are tracked by
 * their own process, not by this scan.
 */
export const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

export function electronegativityVersion(): string {
  return (require('@doyensec/electronegativity/package.json') as { version: string }).version;
}

export function installedElectronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

const JS = new Set(['.js', '.cjs', '.mjs']);
/** got (electronegativity's HTTP client, used by nothing else in this process) failing late, offline. */
const isLateNetworkError = (error: unknown) => error instanceof Error
  && /[\\/]node_modules[\\/](got|p-cancelable)[\\/]/.test(error.stack ?? '');

export interface ScanResult {
  findings: Finding[];
  checks: { global: number; atomic: number };
  /** Files scanned after downleveling (relative to the root). */
  downleveled: string[];
  /** What electronegativity printed (network notes), deduplicated. */
  notes: string[];
}

/** Rewrites a JS file in place without class private fields and other post-ES2021 syntax. */
function downlevel(path: string): void {
  const output = ts.transpileModule(readFileSync(path, 'utf8'), {
    fileName: path,
    compilerOptions: { target: ts.ScriptTarget.ES2021, module: ts.ModuleKind.Preserve, allowJs: true },
  });
  writeFileSync(path, output.outputText);
}

/** Scans a folder (a throwaway copy: files it cannot parse are rewritten in it); sarifPath gets its own report. */
export async function scanFolder(root: string, electronVersion: string, sarifPath?: string): Promise<ScanResult> {
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const notes = new Set<string>();
  let offlineRetry: string | undefined;
  const onUncaught = (error: Error) => {
    if (!isLateNetworkError(error)) throw error;
    offlineRetry = `${error.name}: ${error.message}`.slice(0, 120);
  };
  process.on('uncaughtException', onUncaught);
  // electronegativity reports its network attempts with console.log: keep them, as notes
  const { log, warn } = console;
  const capture = (...args: unknown[]) => notes.add(args.map(String).join(' ').replace(/\x1b\[[0-9;]*m/g, '').trim());
  const pass = async () => {
    console.log = capture;
    console.warn = capture;
    try {
      return await run({
        input: root,
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: EXCLUDED_CHECKS,
        ...(sarifPath ? { output: sarifPath, isSarif: true } : {}),
      });
    } finally {
      console.log = log;
      console.warn = warn;
    }
  };
  const rel = (file: string) => relative(root, file).split(sep).join('/');

  let result = await pass();
  const unparsable = result.errors.filter((error) => !error.tolerable && JS.has(extname(error.file)));
  for (const error of unparsable) downlevel(error.file);
  if (unparsable.length > 0) result = await pass();
  if (offlineRetry) notes.add(`its network request failed again after it had given up (offline?), ignored: ${offlineRetry}`);
  // the retry may still be pending: keep ignoring it for the rest of this process
  setTimeout(() => process.off('uncaughtException', onUncaught), 30_000).unref();

  const findings: Finding[] = result.issues.map((issue) => ({
    check: issue.id,
    file: !issue.file || issue.file === 'N/A' ? GLOBAL_FILE : issue.file.split(/[\\/]/).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    description: typeof issue.description === 'string' ? issue.description : Object.values(issue.description).join(' '),
    ...(issue.sample ? { sample: String(issue.sample).trim().slice(0, 160) } : {}),
  }));
  // A file it still cannot read is a finding of its own: a gap in the scan must be explained like a problem.
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    findings.push({ check: 'PARSE_ERROR', file: rel(error.file), line: 0, column: 0, severity: 'HIGH', confidence: 'CERTAIN', description: `electronegativity could not parse this file: ${error.message}` });
  }
  return {
    findings,
    checks: { global: result.globalChecks, atomic: result.atomicChecks },
    downleveled: unparsable.map((error) => rel(error.file)),
    notes: [...notes].filter(Boolean),
  };
}
