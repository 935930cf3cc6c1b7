import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { CLI, cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const MISBEHAVING = fixture('mcp/misbehaving-server.ts');

/** The CLI with `input` on its stdin (tests/helpers/cli.ts gives its children no stdin). */
async function cliWithInput(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { OPSROOM_DATA_DIR: _dir, OPSROOM_DATABASE_URL: _url, ...env } = process.env;
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

// One data folder for the whole file: each CLI call opens the embedded database, so the tests run in order
// and later ones use what earlier ones stored (the run of the first test, the registered MCP server).
describe('opsroom CLI: plan files, proofs, MCP servers, secrets', () => {
  const dir = tempDir().path;
  const d = ['--data-dir', join(dir, 'data')];
  let greetRun = '';

  test('run plan.json --param: bad parameters are refused, then the plan runs and prints its proofs', async () => {
    const greet = fixture('plans/greet.json');
    const refusals: [string[], RegExp][] = [
      [['--param', 'who=world'], /greet\.json needs dir \(string: an existing absolute folder for greeting\.txt\): add --param dir=…/],
      [['--param', 'who=world', '--param', `dir=${dir}`, '--param', 'colour=red'],
        /unknown parameter "colour" \(declared: who, dir, greeting, times\)/],
      [['--param', 'who=world', '--param', `dir=${dir}`, '--param', 'times=abc'], /parameter "times" \(number\) must be a finite number, got "abc"/],
    ];
    for (const [params, message] of refusals) {
      const refused = await cli(['run', ...d, greet, ...params]);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, message);
      assert.equal(refused.stdout, '', 'nothing ran');
    }

    const ok = await cli(['run', ...d, greet, '--param', 'who=world', '--param', `dir=${dir}`, '--param', 'greeting=hi']);
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.equal(readFileSync(join(dir, 'greeting.txt'), 'utf8'), 'hi world x2', 'the default of times filled in, greeting was overridden');
    assert.match(ok.stdout, /#\d+ check \| first step said: hi world x2\n/, "the second step saw the first step's stdout");
    assert.match(ok.stdout, /#\d+ -- proved file: .*greeting\.txt contains "hi world"\n/);
    assert.match(ok.stdout, /#\d+ -- proved output: stdout line 1 matches \/\^first step said: hi world x2\$\/m\n/);
    // The refusals queued nothing: this is the first run in the folder.
    const summary = /\n\nrun (\d+) succeeded\n([^]*)$/.exec(ok.stdout);
    assert.ok(summary, ok.stdout);
    assert.equal(summary[1], '1');
    greetRun = summary[1]!;
    const hash = 'sha256:[0-9a-f]{12}';
    assert.match(summary[2]!, new RegExp([
      '^✓ write succeeded \\(exit 0\\)',
      ` {4}proved exit_code: exit code 0 ${hash}`,
      ` {4}proved file: .*greeting\\.txt contains "hi world" ${hash}`,
      '✓ check succeeded \\(exit 0\\)',
      ` {4}proved exit_code: exit code 0 ${hash}`,
      ` {4}proved output: stdout line 1 matches /\\^first step said: hi world x2\\$/m ${hash}\n$`,
    ].join('\n')));
  });

  test('a verifier that does not pass fails the run: exit 1 and a ✗ line with the proof that failed', async () => {
    const failed = await cli(['run', ...d, fixture('plans/unproven.json')]);
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /#\d+ -- not proved output: no match for \/disk usage below 80%\/ in stdout or stderr\n/);
    assert.match(failed.stdout, new RegExp([
      '✗ claim failed \\(exit 0\\): not proven — output: no match for /disk usage below 80%/ in stdout or stderr',
      ' {4}proved exit_code: exit code 0 sha256:[0-9a-f]{12}',
      ' {4}not proved output: no match for /disk usage below 80%/ in stdout or stderr sha256:[0-9a-f]{12}\n$',
    ].join('\n')));
  });

  test('proofs RUN, --export, and verify: intact, then with one evidence value edited', async () => {
    const shown = await cli(['proofs', greetRun, ...d]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^run 1 succeeded: greet and check\n✓ write succeeded \(exit 0\)\n {4}proved exit_code: /);
    assert.equal(shown.stdout.match(/^ {4}proved /gm)?.length, 4);

    const file = join(dir, 'bundle.json');
    const exported = await cli(['proofs', greetRun, ...d, '--export', file]);
    assert.equal(exported.code, 0, exported.stderr);
    const digest = /written to .*bundle\.json \(digest sha256:([0-9a-f]{64})\)/.exec(exported.stdout)?.[1];
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(bundle.digest, digest);
    assert.deepEqual(bundle.run.input, { who: 'world', dir, greeting: 'hi', times: 2 });
    assert.deepEqual(bundle.proofs.map((p: { stepId: string; verifierKind: string }) => `${p.stepId}/${p.verifierKind}`),
      ['write/exit_code', 'write/file', 'check/exit_code', 'check/output']);

    const unwritable = await cli(['proofs', greetRun, ...d, '--export', join(dir, 'missing', 'bundle.json')]);
    assert.equal(unwritable.code, 2, unwritable.stderr);
    assert.match(unwritable.stderr, /^opsroom: cannot write the bundle to .*missing\/bundle\.json: ENOENT\n/);

    const intact = await cli(['proofs', 'verify', file]);
    assert.equal(intact.code, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /bundle\.json: every hash checks out \(4 proofs, 0 artifacts\)/);

    bundle.proofs[1].evidence.size += 1;
    writeFileSync(file, JSON.stringify(bundle, null, 2));
    const edited = await cli(['proofs', 'verify', file]);
    assert.equal(edited.code, 1, edited.stdout + edited.stderr);
    assert.match(edited.stdout, /bundle\.json: NOT intact\n/);
    const named = edited.stdout.split('\n').filter((line) => line.startsWith('  - proof'));
    assert.equal(named.length, 1, edited.stdout);
    assert.match(named[0]!, /^ {2}- proof 2 \(step "write", file, attempt 1, try 1\): evidence hashes to [0-9a-f]{64}, not its evidenceSha256 /);
  });

  test('mcp: the built-in server, add/test/tools, plan steps on a registered server, its tool allowlist, remove', async () => {
    const listed = await cli(['mcp', 'list', ...d]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^desktop-commander\s+yes\s+builtin\s/m);

    const added = await cli(['mcp', 'add', 'misbehaving', ...d, '--', process.execPath, MISBEHAVING]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /server misbehaving registered/);
    const tested = await cli(['mcp', 'test', 'misbehaving', ...d]);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, /^misbehaving works: misbehaving 1\.0\.0, 6 tools, started and listed in \d+ ms/);
    const tools = await cli(['mcp', 'tools', 'misbehaving', ...d]);
    assert.equal(tools.code, 0, tools.stderr);
    assert.match(tools.stdout, /^echo\s+Returns its text; says so on stderr first$/m);

    const echoed = await cli(['run', ...d, fixture('plans/mcp-echo.json'), '--param', 'text=hello from the plan test']);
    assert.equal(echoed.code, 0, echoed.stderr + echoed.stdout);
    assert.match(echoed.stdout, /#\d+ echo ! echo: hello from the plan test\n/, "the server's stderr is in the step's log");
    assert.match(echoed.stdout, /#\d+ echo \| hello from the plan test\n/);
    assert.match(echoed.stdout, /\n✓ echo succeeded\n {4}proved output: stdout line 1 matches \/\^hello from the plan test\$\/m sha256:/);

    const failed = await cli(['run', ...d, fixture('plans/mcp-fail.json')]);
    assert.equal(failed.code, 1, failed.stderr + failed.stdout);
    assert.match(failed.stdout, /\n✗ fail failed: misbehaving\/fail reported an error: the fail tool failed on purpose\n$/);

    // Folders typed relative to the shell are stored absolute, so the app resolves them the same way later.
    const typed = relative(process.cwd(), fixture('mcp'));
    const allowEcho = await cli(['mcp', 'add', 'misbehaving', ...d, '--allow-tool', 'echo', '--allow-dir', typed, '--cwd', typed,
      '--json', '--', process.execPath, MISBEHAVING]);
    assert.equal(allowEcho.code, 0, allowEcho.stderr);
    const stored = JSON.parse(allowEcho.stdout);
    assert.deepEqual([stored.sandbox, stored.cwd], [{ tools: ['echo'], directories: [fixture('mcp')] }, fixture('mcp')]);
    const refused = await cli(['run', ...d, fixture('plans/mcp-fail.json')]);
    assert.equal(refused.code, 2, refused.stderr + refused.stdout);
    assert.equal(refused.stdout, '', 'refused before anything was queued');
    assert.match(refused.stderr, /mcp-fail\.json is not a valid plan: steps\[0\]\.tool: server misbehaving allows only the tools echo; "fail" is not among them \(step "fail"\)/);

    const removed = await cli(['mcp', 'remove', 'misbehaving', ...d]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /^server misbehaving removed$/m);
    const after = await cli(['mcp', 'list', ...d, '--json']);
    assert.deepEqual(JSON.parse(after.stdout).map((s: { name: string }) => s.name), ['desktop-commander']);
  });

  test('mcp import: a Claude Desktop config adds its stdio server and says why the url one is skipped', async () => {
    const config = join(dir, 'claude_desktop_config.json');
    writeFileSync(config, JSON.stringify({
      mcpServers: {
        'from-claude': { command: process.execPath, args: [MISBEHAVING] },
        remote: { url: 'https://mcp.example.com/sse' },
      },
    }));
    const imported = await cli(['mcp', 'import', config, ...d]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout, 'imported 1 server: from-claude\nskipped remote: not a stdio server (url entries are not supported)\n');

    const listed = JSON.parse((await cli(['mcp', 'list', ...d, '--json'])).stdout);
    assert.deepEqual(listed.filter((s: { name: string }) => s.name === 'from-claude').map((s: { command: string; args: string[]; source: string }) => [s.command, s.args, s.source]),
      [[process.execPath, [MISBEHAVING], config]]);
    // Importing again never replaces what is registered (that would drop a sandbox set on it since).
    const again = await cli(['mcp', 'import', config, ...d, '--json']);
    assert.equal(again.code, 0, again.stderr);
    const result = JSON.parse(again.stdout);
    assert.deepEqual(result.added, []);
    assert.deepEqual(result.skipped, [{ name: 'remote', reason: 'not a stdio server (url entries are not supported)' },
      { name: 'from-claude', reason: 'a server of that name is registered already (remove it first to import this one)' }]);
    const tested = await cli(['mcp', 'test', 'from-claude', ...d]);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, /^from-claude works: misbehaving 1\.0\.0, 6 tools/);
  });

  test('mcp secret: the value comes from stdin and never shows in a listing', async () => {
    const value = 'tok-3f9c1e7a';
    const set = await cliWithInput(['mcp', 'secret', 'set', 'API_TOKEN', ...d], `${value}\n`);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^secret API_TOKEN stored \(use it as \$\{secret:API_TOKEN\} in a server's env\)/);
    const file = join(dir, 'data', 'secrets.json');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).secrets.API_TOKEN, value, "stored without stdin's final newline");
    assert.equal(statSync(file).mode & 0o777, 0o600);

    const listed = await cli(['mcp', 'secret', 'list', ...d]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, 'API_TOKEN\n');
    const asJson = await cli(['mcp', 'secret', 'list', ...d, '--json']);
    assert.deepEqual(JSON.parse(asJson.stdout), ['API_TOKEN']);
    for (const output of [set, listed, asJson]) assert.doesNotMatch(output.stdout + output.stderr, new RegExp(value));

    const empty = await cliWithInput(['mcp', 'secret', 'set', 'EMPTY', ...d], '');
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no value given for EMPTY on stdin/);

    const deleted = await cli(['mcp', 'secret', 'delete', 'API_TOKEN', ...d]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, /^secret API_TOKEN deleted$/m);
    assert.equal((await cli(['mcp', 'secret', 'list', ...d])).stdout, 'no secrets stored\n');
  });
});
