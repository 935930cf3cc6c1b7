// `npm run dist`: installers for the OS this runs on, in dist/ (electron-builder.yml has the targets).
//   1. electron-vite build (out/)
//   2. build/runtime: the Node helper and Desktop Commander (prepare-runtime.ts)
//   3. electron-builder (downloads Electron into its cache: needs the network), unsigned unless the usual
//      CSC_* / APPLE_* variables are set; afterPack sets the fuse electronFuses cannot (fuses.ts)
//   4. every packaged binary's fuse wire is checked against tools/dist/fuses.ts
//
//   node tools/dist/dist.ts [--skip-build] [--dir] [--electron-dist <dir>] [--out <dir>]
//     --dir: the unpacked app only, no installers
//     --electron-dist: an unpacked Electron to package instead of downloading one (electron-builder's electronDist;
//       tests/desktop/packaging-dry-run.test.ts packages a stand-in this way, offline)
//     --out: the output folder instead of dist/
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AfterPackContext } from 'electron-builder';
import electronBuilder from 'electron-builder';
import { fuseFile, fuseProblems, setUnsettableFusesInFile } from './fuses.ts';
import { BUILD_ENTRIES } from '../build-output.ts';
import { assertNodeForDist, runNpm } from './node-check.ts';
import { prepareRuntime } from './prepare-runtime.ts';

const projectDir = resolve(import.meta.dirname, '../..');

/** The Electron binary electron-builder wrote into an unpacked app folder. */
function packagedBinary(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  // LinuxPackager's executableName (the package name unless linux.executableName says otherwise)
  return join(appOutDir, (packager as unknown as { executableName: string }).executableName);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      'skip-build': { type: 'boolean', default: false },
      dir: { type: 'boolean', default: false },
      'electron-dist': { type: 'string' },
      out: { type: 'string' },
    },
  });
  assertNodeForDist();

  if (!args['skip-build']) {
    console.log('dist: electron-vite build');
    const built = runNpm(['run', 'build'], { cwd: projectDir, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`npm run build failed (${built.status})`);
  }
  for (const entry of BUILD_ENTRIES) {
    if (!existsSync(join(projectDir, entry))) throw new Error(`${entry} is missing: run npm run build first`);
  }

  prepareRuntime({ projectDir, runtimeDir: join(projectDir, 'build', 'runtime') });

  const packaged: string[] = [];
  const { Arch, build } = electronBuilder;
  const artifacts = await build({
    projectDir,
    publish: 'never',
    ...(args.dir ? { dir: true } : {}),
    config: {
      ...(args['electron-dist'] ? { electronDist: resolve(args['electron-dist']) } : {}),
      ...(args.out ? { directories: { output: resolve(args.out) } } : {}),
      // Runs after the app is copied and before electron-builder flips `electronFuses` and signs.
      afterPack: async (context: AfterPackContext) => {
        // build/runtime holds this machine's Node: an installer for another architecture would ship a helper
        // that cannot run there.
        const arch = Arch[context.arch];
        if (arch !== process.arch) {
          throw new Error(`packaging for ${arch}, but the runtime's Node helper is ${process.arch} (this Node): build each `
            + 'architecture on a runner of that architecture');
        }
        const binary = packagedBinary(context);
        const changed = setUnsettableFusesInFile(binary);
        console.log(`dist: afterPack: ${binary}: ${changed} fuse(s) set beyond electronFuses`);
        packaged.push(binary);
      },
    },
  });

  // The binaries as shipped: every fuse decided and set (electronFuses + afterPack).
  const problems = packaged.flatMap((binary) => fuseProblems(readFileSync(fuseFile(binary))).map((p) => `${binary}: ${p}`));
  if (packaged.length === 0) problems.push('afterPack never ran: no packaged binary was checked');
  if (problems.length > 0) throw new Error(`fuses not as decided in tools/dist/fuses.ts:\n  ${problems.join('\n  ')}`);
  console.log(`dist: fuses checked in ${packaged.length} packaged app(s)`);

  console.log('dist: artifacts');
  for (const artifact of artifacts) console.log(`  ${artifact}`);
  const outDir = resolve(projectDir, args.out ?? 'dist');
  if (args.dir) for (const entry of readdirSync(outDir)) console.log(`  ${join(outDir, entry)}`);
}

main().catch((error: unknown) => {
  console.error(`dist: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
