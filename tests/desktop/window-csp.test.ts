import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { headerPolicy, policyFromHtml } from '../../electron/web/content-security-policy.ts';
import { loadRendererSite } from '../../electron/web/renderer-site.ts';
import { builtRendererDir } from './built-renderer.ts';

// The renderer's Content-Security-Policy: written once, in renderer/index.html's meta tag; both shells send it
// as a header with frame-ancestors added.
const EXPECTED: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

function directives(policy: string): Record<string, string[]> {
  const parsed: Record<string, string[]> = {};
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    assert.equal(parsed[name!], undefined, `${name} given twice`);
    parsed[name!] = values;
  }
  return parsed;
}

function assertStrict(policy: string, extra: Record<string, string[]> = {}): void {
  assert.deepEqual(directives(policy), { ...EXPECTED, ...extra });
  // No inline code, no eval, no WebAssembly (PGlite stays out of the renderer), no wildcard or remote source.
  assert.doesNotMatch(policy, /unsafe-|\*|https?:|blob:|ws:/i);
}

test('the source page carries the strict policy', () => {
  assertStrict(policyFromHtml(readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8'))!);
});

test('the built page carries the same, and its header adds frame-ancestors \'none\'', () => {
  const site = loadRendererSite(builtRendererDir());
  assertStrict(site.csp, { 'frame-ancestors': ["'none'"] });
});

test('reading the policy from a page', () => {
  const meta = (attrs: string) => `<!doctype html><head><meta ${attrs}></head>`;
  assert.equal(policyFromHtml(meta(`http-equiv="Content-Security-Policy" content="default-src 'none'"`)), "default-src 'none'");
  assert.equal(policyFromHtml(meta(`content="default-src 'none'" http-equiv='content-security-policy'`)), "default-src 'none'", 'any order, any case');
  assert.equal(policyFromHtml(meta(`http-equiv="Content-Security-Policy" content="  "`)), null);
  assert.equal(policyFromHtml(meta(`name="Content-Security-Policy" content="default-src *"`)), null, 'a name= meta is no policy');
  assert.equal(policyFromHtml('<title>none</title>'), null);
  assert.equal(headerPolicy("default-src 'none';"), "default-src 'none'; frame-ancestors 'none'");
  assert.equal(headerPolicy("default-src 'none'"), "default-src 'none'; frame-ancestors 'none'");
});
