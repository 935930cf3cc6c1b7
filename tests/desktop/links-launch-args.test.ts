import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPlanFile, parseLaunchArgs } from '../../electron/main/links/launch-args.ts';

// The command lines the app is started with, or a second instance hands over: links and plan files picked
// out, switches and the app's own path skipped, anything odd reported (never thrown).
const packaged = { defaultApp: false };
const exe = '/opt/Ops Control Room/opsroom';

test('a packaged app: links and plan files after the executable', () => {
  assert.deepEqual(parseLaunchArgs([exe, 'opsroom://run/42'], '/home/ann', packaged), { requests: [{ kind: 'run', runId: 42 }], errors: [] });
  assert.deepEqual(parseLaunchArgs([exe, 'deploy.opsplan.json', '/srv/plans/Backup.OPSPLAN.JSON', '../x.opsplan.json'], '/home/ann/work', packaged), {
    requests: [
      { kind: 'plan-file', path: '/home/ann/work/deploy.opsplan.json' },
      { kind: 'plan-file', path: '/srv/plans/Backup.OPSPLAN.JSON' },
      { kind: 'plan-file', path: '/home/ann/x.opsplan.json' },
    ],
    errors: [],
  });
  assert.deepEqual(parseLaunchArgs([exe], '/', packaged), { requests: [], errors: [] });
});

test('Electron and Chromium switches are skipped, up to "--"', () => {
  const argv = [exe, '--allow-file-access-from-files', '--original-process-start-time=13370000', '-psn_0_12345', '--enable-logging',
    'opsroom://board?status=failed', '--', '--not-a-switch.opsplan.json'];
  assert.deepEqual(parseLaunchArgs(argv, '/home/ann', packaged), {
    requests: [{ kind: 'board', query: 'status=failed' }, { kind: 'plan-file', path: '/home/ann/--not-a-switch.opsplan.json' }],
    errors: [],
  });
  // A link crafted to smuggle a switch in after "--" is only a bad argument.
  assert.deepEqual(parseLaunchArgs([exe, '--', 'opsroom://run/1', '--gpu-launcher=calc'], '/', packaged).errors,
    ['"--gpu-launcher=calc": not an opsroom:// link or a .opsplan.json file: ignored']);
});

test('unpackaged (electron <path>): the app\'s path is not a request', () => {
  const dev = { defaultApp: true };
  assert.deepEqual(parseLaunchArgs(['/usr/lib/electron/electron', '.', 'opsroom://run/3'], '/repo', dev), { requests: [{ kind: 'run', runId: 3 }], errors: [] });
  assert.deepEqual(parseLaunchArgs(['/usr/lib/electron/electron', '--inspect=9229', '/repo/out/main/index.js', 'x.opsplan.json'], '/repo', dev),
    { requests: [{ kind: 'plan-file', path: '/repo/x.opsplan.json' }], errors: [] });
  assert.deepEqual(parseLaunchArgs(['/usr/lib/electron/electron', '.'], '/repo', dev), { requests: [], errors: [] });
});

test('Linux file managers pass file:// URLs', () => {
  assert.deepEqual(parseLaunchArgs([exe, 'file:///home/ann/My%20Plans/deploy.opsplan.json'], '/', packaged),
    { requests: [{ kind: 'plan-file', path: '/home/ann/My Plans/deploy.opsplan.json' }], errors: [] });
  const remote = parseLaunchArgs([exe, 'file://server/share/deploy.opsplan.json'], '/', packaged);
  assert.deepEqual(remote.requests, []);
  assert.match(remote.errors[0]!, /^"file:\/\/server\/share\/deploy\.opsplan\.json": /);
});

test('anything else is reported, one line each, and the good ones still count', () => {
  const result = parseLaunchArgs([exe, 'notes.txt', 'opsroom://plan?path=/etc/passwd', 'opsroom://run/0', 'opsroom://run/5',
    'https://github.com/', 'x'.repeat(500), 'plan.opsplan.json.exe', ''], '/home/ann', packaged);
  assert.deepEqual(result.requests, [{ kind: 'run', runId: 5 }]);
  assert.equal(result.errors.length, 6);
  assert.equal(result.errors[0], '"notes.txt": not an opsroom:// link or a .opsplan.json file: ignored');
  assert.match(result.errors[1]!, /^"opsroom:\/\/plan\?path=\/etc\/passwd": opsroom:\/\/plan links are refused/);
  assert.match(result.errors[2]!, /^"opsroom:\/\/run\/0": "0" is not a run id/);
  assert.match(result.errors[3]!, /^"https:\/\/github\.com\/": not an opsroom:\/\/ link/);
  assert.match(result.errors[4]!, /^"x{120}…": not an opsroom/, 'a long argument is shortened');
  assert.match(result.errors[5]!, /^"plan\.opsplan\.json\.exe": not an opsroom/);
  assert.equal(parseLaunchArgs([exe, 'a\u001b[2Jb'], '/', packaged).errors[0], '"a\\u001b[2Jb": not an opsroom:// link or a .opsplan.json file: ignored',
    'control characters are escaped');
});

test('a plan file is named by its suffix', () => {
  assert.ok(isPlanFile('/a/deploy.opsplan.json'));
  assert.ok(isPlanFile('C:\\Plans\\Deploy.OpsPlan.Json'));
  assert.equal(isPlanFile('/a/deploy.json'), false);
  assert.equal(isPlanFile('/a/opsplan.json.bak'), false);
});
