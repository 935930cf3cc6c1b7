// The security scan's allowlist: every finding needs an entry (check id + file glob + the reason it is
// acceptable), and every entry must still match a finding, so a fixed problem cannot leave a stale excuse.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

export interface Finding {
  /** electronegativity's check id (AUXCLICK_JS_CHECK…), or PARSE_ERROR for a file it could not read. */
  check: string;
  /** Relative to the scanned root, with /; GLOBAL for a global check's project-wide finding. */
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  description: string;
  sample?: string;
}

export interface AllowlistEntry {
  check: string;
  /** A glob over Finding.file (node:path matchesGlob: *, **, {a,b}), or GLOBAL. */
  file: string;
  reason: string;
}

/** The file of a finding a global check makes about the whole app (electronegativity says "N/A"). */
export const GLOBAL_FILE = 'GLOBAL';

const MIN_REASON = 20;

/** Reads and checks the allowlist file: { "entries": [{ "check", "file", "reason" }] }. */
export function readAllowlist(path: string): AllowlistEntry[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const entries = (parsed as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error(`${path}: expected { "entries": [...] }`);
  return entries.map((entry: unknown, index) => {
    const where = `${path}: entries[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: not an object`);
    const keys = Object.keys(entry);
    const unknown = keys.filter((key) => !['check', 'file', 'reason'].includes(key));
    if (unknown.length > 0) throw new Error(`${where}: unknown keys ${unknown.join(', ')}`);
    const { check, file, reason } = entry as Record<string, unknown>;
    if (typeof check !== 'string' || !/^[A-Z0-9_]+$/.test(check)) throw new Error(`${where}: "check" must be a check id such as AUXCLICK_JS_CHECK`);
    if (typeof file !== 'string' || file === '') throw new Error(`${where}: "file" must be a glob or ${GLOBAL_FILE}`);
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON) throw new Error(`${where}: "reason" must say why (at least ${MIN_REASON} characters)`);
    return { check, file, reason: reason.trim() };
  });
}

export function entryMatches(entry: AllowlistEntry, finding: Finding): boolean {
  if (entry.check !== finding.check) return false;
  if (entry.file === finding.file) return true;
  return finding.file !== GLOBAL_FILE && entry.file !== GLOBAL_FILE && posix.matchesGlob(finding.file, entry.file);
}

export interface Judgement {
  explained: Array<{ finding: Finding; entry: AllowlistEntry }>;
  unexplained: Finding[];
  stale: AllowlistEntry[];
}

/** Sorts findings into explained (by their first matching entry) and unexplained; stale: entries matching nothing. */
export function judge(findings: Finding[], allowlist: AllowlistEntry[]): Judgement {
  const used = new Set<AllowlistEntry>();
  const explained: Judgement['explained'] = [];
  const unexplained: Finding[] = [];
  for (const finding of findings) {
    const entries = allowlist.filter((candidate) => entryMatches(candidate, finding));
    entries.forEach((entry) => used.add(entry));
    const [entry] = entries;
    if (entry) {
      explained.push({ finding, entry });
    } else {
      unexplained.push(finding);
    }
  }
  return { explained, unexplained, stale: allowlist.filter((entry) => !used.has(entry)) };
}
