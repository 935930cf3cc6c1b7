// Electron's fuses in a packaged binary: the wire electron-builder.yml's `electronFuses` writes, the one fuse
// the installed app-builder-lib (26.17, @electron/fuses 1.8) cannot set (WasmTrapHandlers, fuse 8), and a check
// that every fuse of the binary has a decided value: what @electron/fuses' strictlyRequireAllFuses would do,
// which electron-builder does not pass through. A new Electron with a new fuse fails `npm run dist` until it is
// decided here.
//
//   node tools/dist/fuses.ts verify <electron binary or .app> ...   (exit 1 on any difference)
//   node tools/dist/fuses.ts show <electron binary or .app>
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Marks the start of the fuse wire in Electron binaries (@electron/fuses' constants). */
export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DISABLE = 0x30; // '0'
const ENABLE = 0x31; // '1'
const REMOVED = 0x72; // 'r'

/** Fuse wire V1, in wire order. `electronFuses` is the key in electron-builder.yml (null: not settable there). */
export const FUSES = [
  { name: 'RunAsNode', electronFuses: 'runAsNode', enabled: false },
  { name: 'EnableCookieEncryption', electronFuses: 'enableCookieEncryption', enabled: true },
  { name: 'EnableNodeOptionsEnvironmentVariable', electronFuses: 'enableNodeOptionsEnvironmentVariable', enabled: false },
  { name: 'EnableNodeCliInspectArguments', electronFuses: 'enableNodeCliInspectArguments', enabled: false },
  { name: 'EnableEmbeddedAsarIntegrityValidation', electronFuses: 'enableEmbeddedAsarIntegrityValidation', enabled: true },
  { name: 'OnlyLoadAppFromAsar', electronFuses: 'onlyLoadAppFromAsar', enabled: true },
  { name: 'LoadBrowserProcessSpecificV8Snapshot', electronFuses: 'loadBrowserProcessSpecificV8Snapshot', enabled: false },
  { name: 'GrantFileProtocolExtraPrivileges', electronFuses: 'grantFileProtocolExtraPrivileges', enabled: false },
  // PGlite is WebAssembly: keep V8's out-of-bounds trap handlers (set by afterPack, see setUnsettableFuses).
  { name: 'WasmTrapHandlers', electronFuses: null, enabled: true },
] as const;

/** The file holding the wire: the binary itself, or the framework inside a macOS .app. */
export function fuseFile(binary: string): string {
  if (binary.endsWith('.app')) return resolve(binary, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  return binary;
}

/** Offsets of each wire (a universal macOS binary has two). */
function wires(data: Buffer): number[] {
  const sentinel = Buffer.from(SENTINEL, 'ascii');
  const first = data.indexOf(sentinel);
  if (first === -1) throw new Error('no fuse sentinel: not an Electron binary (or Electron < 12)');
  const last = data.lastIndexOf(sentinel);
  return (first === last ? [first] : [first, last]).map((at) => {
    const wire = at + sentinel.length;
    if (data[wire] !== 1) throw new Error(`fuse wire version ${data[wire]}, this tool knows version 1`);
    return wire;
  });
}

export interface FuseState { index: number; name: string; state: 'enabled' | 'disabled' | 'removed' | string }

/** The fuses of a binary's wire, in order. */
export function readFuses(data: Buffer): FuseState[] {
  const wire = wires(data)[0]!;
  const length = data[wire + 1]!;
  return Array.from({ length }, (_, index) => {
    const byte = data[wire + 2 + index]!;
    const state = byte === ENABLE ? 'enabled' : byte === DISABLE ? 'disabled' : byte === REMOVED ? 'removed' : `0x${byte.toString(16)}`;
    return { index, name: FUSES[index]?.name ?? `unknown fuse ${index}`, state };
  });
}

/** Every difference between a binary's wire and FUSES; empty when the binary is as decided. */
export function fuseProblems(data: Buffer): string[] {
  const problems: string[] = [];
  for (const wire of wires(data)) {
    const length = data[wire + 1]!;
    if (length > FUSES.length) {
      problems.push(`the binary has ${length} fuses and only ${FUSES.length} are decided: decide fuse ${FUSES.length}`
        + `${length - 1 > FUSES.length ? `..${length - 1}` : ''} in tools/dist/fuses.ts (and electron-builder.yml if it can set it)`);
    }
    FUSES.forEach((fuse, index) => {
      if (index >= length) return problems.push(`${fuse.name}: not in this binary's wire (${length} fuses)`);
      const byte = data[wire + 2 + index];
      if (byte === REMOVED) return undefined; // Electron dropped it: nothing to set
      const want = fuse.enabled ? ENABLE : DISABLE;
      if (byte !== want) problems.push(`${fuse.name}: ${byte === ENABLE ? 'enabled' : byte === DISABLE ? 'disabled' : `0x${byte?.toString(16)}`}, want ${fuse.enabled ? 'enabled' : 'disabled'}`);
      return undefined;
    });
  }
  return problems;
}

/** Sets the fuses electron-builder cannot (those with electronFuses null) in the buffer; returns how many changed. */
export function setUnsettableFuses(data: Buffer): number {
  let changed = 0;
  for (const wire of wires(data)) {
    const length = data[wire + 1]!;
    FUSES.forEach((fuse, index) => {
      if (fuse.electronFuses !== null || index >= length || data[wire + 2 + index] === REMOVED) return;
      const want = fuse.enabled ? ENABLE : DISABLE;
      if (data[wire + 2 + index] !== want) {
        data[wire + 2 + index] = want;
        changed += 1;
      }
    });
  }
  return changed;
}

/** electron-builder afterPack hook body: runs before electron-builder flips `electronFuses` and signs. */
export function setUnsettableFusesInFile(binary: string): number {
  const file = fuseFile(binary);
  const data = readFileSync(file);
  const changed = setUnsettableFuses(data);
  if (changed > 0) writeFileSync(file, data);
  return changed;
}

/** The `electronFuses` object electron-builder.yml must hold (tests compare the two). */
export function expectedElectronFuses(): Record<string, boolean> {
  return Object.fromEntries(FUSES.flatMap((fuse) => (fuse.electronFuses ? [[fuse.electronFuses, fuse.enabled]] : [])));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...binaries] = process.argv.slice(2);
  if ((command !== 'verify' && command !== 'show') || binaries.length === 0) {
    console.error('usage: node tools/dist/fuses.ts verify|show <electron binary or .app>...');
    process.exit(2);
  }
  let failed = false;
  for (const binary of binaries) {
    try {
      const data = readFileSync(fuseFile(binary));
      if (command === 'show') {
        for (const fuse of readFuses(data)) console.log(`${binary}: ${fuse.index} ${fuse.name} ${fuse.state}`);
        continue;
      }
      const problems = fuseProblems(data);
      if (problems.length === 0) console.log(`fuses: ${binary}: all ${FUSES.length} fuses as decided`);
      for (const problem of problems) console.error(`fuses: ${binary}: ${problem}`);
      failed ||= problems.length > 0;
    } catch (error) {
      console.error(`fuses: ${binary}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}
