import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tmp.ts';

// The security gate itself (tools/security-scan/scan.ts, `npm run scan`) on a stand-in app: it must fail on an
// unexplained finding, pass once every finding is explained, fail on a stale excuse, scan what its parser
// cannot read instead of skipping it, and refuse to scan nothing.
const root = resolve(import.meta.dirname, '../..');
const dir = tempDir('opsroom-scan-test-');
const app = join(dir.path, 'app');

interface Report { findings: Array<{ check: string; file: string }> }

function scan(allowlist: unknown, ...inputs: string[]) {
  const path = join(dir.path, `allowlist-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(allowlist));
  const report = join(dir.path, 'report');
  const result = spawnSync(process.execPath, [join(root, 'tools/security-scan/scan.ts'), '--root', app, '--allowlist', path, '--report', report, ...inputs], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, report: () => JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as Report };
}

describe('npm run scan (electronegativity with an allowlist)', () => {
  mkdirSync(join(app, 'main'), { recursive: true });
  writeFileSync(join(app, 'main', 'window.js'), [
    "const { BrowserWindow } = require('electron');",
    'module.exports = () => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
  ].join('\n'));
  // class private fields: electronegativity's parser fails on them; the scan must still see the window in here
  writeFileSync(join(app, 'main', 'private-fields.js'), [
    "import { BrowserWindow } from 'electron';",
    'export class Shell { #window = null; open() { this.#window = new BrowserWindow({ webPreferences: { webSecurity: false } }); } }',
  ].join('\n'));

  let findings: Report['findings'] = [];
  test('an unexplained finding fails the scan and is printed', () => {
    const result = scan({ entries: [] }, 'main');
    assert.equal(result.status, 1, result.out);
    assert.match(result.out, /FINDING {2}NODE_INTEGRATION_JS_CHECK .*main\/window\.js:2/);
    assert.match(result.out, /FINDING {2}CONTEXT_ISOLATION_JS_CHECK .*main\/window\.js/);
    assert.match(result.out, /FAILED: \d+ unexplained finding/);
    findings = result.report().findings;
  });

  test('a file its parser cannot walk is downleveled and scanned, not skipped', () => {
    assert.ok(findings.length > 0, 'the first test ran');
    assert.ok(findings.some((f) => f.check === 'WEB_SECURITY_JS_CHECK' && f.file === 'main/private-fields.js'), JSON.stringify(findings));
    assert.ok(!findings.some((f) => f.check === 'PARSE_ERROR'));
  });

  test('every finding explained: passes, each printed with its reason', () => {
    const entries = [...new Set(findings.map((f) => `${f.check} ${f.file}`))].map((key) => {
      const [check, file] = key.split(' ');
      return { check, file, reason: `stand-in app for the scan test: ${check} is expected here` };
    });
    const result = scan({ entries }, 'main');
    assert.equal(result.status, 0, result.out);
    assert.match(result.out, /allowed {2}NODE_INTEGRATION_JS_CHECK main\/window\.js:2:\d+\n {11}stand-in app/);
    assert.match(result.out, /passed: \d+ finding\(s\), each explained/);
  });

  test('an allowlist entry that matches nothing is stale and fails the scan', () => {
    const entries = [...new Set(findings.map((f) => `${f.check} ${f.file}`))].map((key) => {
      const [check, file] = key.split(' ');
      return { check, file, reason: `stand-in app for the scan test: ${check} is expected here` };
    });
    entries.push({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/**', reason: 'an excuse for code that is no longer there' });
    const result = scan({ entries }, 'main');
    assert.equal(result.status, 1, result.out);
    assert.match(result.out, /STALE {4}allowlist entry OPEN_EXTERNAL_JS_CHECK main\/\*\* matches no finding/);
  });

  test('an entry without a real reason is refused', () => {
    const result = scan({ entries: [{ check: 'NODE_INTEGRATION_JS_CHECK', file: 'main/window.js', reason: 'ok' }] }, 'main');
    assert.equal(result.status, 1);
    assert.match(result.out, /"reason" must say why/);
  });

  test('without a build there is nothing to scan: an error, never an empty pass', () => {
    const result = scan({ entries: [] });
    assert.equal(result.status, 1);
    assert.match(result.out, /out\/main\/index\.js.* missing: run npm run build first/);
  });
});
