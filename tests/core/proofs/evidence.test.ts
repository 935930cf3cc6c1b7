import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evidenceSha256, sha256Hex } from '../../../electron/core/proofs/evidence.ts';

describe('evidence hashing', () => {
  test('sha256Hex is lowercase hex SHA-256 of the bytes (FIPS 180-2 "abc" vector)', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    assert.equal(sha256Hex('abc'), abc);
    assert.equal(sha256Hex(new Uint8Array([0x61, 0x62, 0x63])), abc);
  });

  test('evidence hashes as canonical JSON: key order does not matter, values do', () => {
    const evidence = { status: 200, headers: { server: 'nginx', date: 'x' }, attempts: 1 };
    assert.equal(evidenceSha256(evidence), sha256Hex('{"attempts":1,"headers":{"date":"x","server":"nginx"},"status":200}'));
    assert.equal(evidenceSha256({ attempts: 1, headers: { date: 'x', server: 'nginx' }, status: 200 }), evidenceSha256(evidence));
    assert.notEqual(evidenceSha256({ ...evidence, status: 201 }), evidenceSha256(evidence));
  });

  test('the hash survives a JSON round trip, as through jsonb', () => {
    const evidence = { rows: [[1, 'a', null]], value: 1.5, nested: { z: true, a: [] } };
    assert.equal(evidenceSha256(JSON.parse(JSON.stringify(evidence))), evidenceSha256(evidence));
  });
});
