import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShortcutMatcher, SEQUENCE_MS, type KeyPress } from '../../renderer/src/app/shortcuts.ts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, inEditable: false, ...extra });

test('Ctrl+K and Cmd+K open the command bar, also from a text field', () => {
  const match = createShortcutMatcher();
  assert.equal(match(press('k', { ctrlKey: true }), 0), 'commandBar');
  assert.equal(match(press('K', { metaKey: true, inEditable: true }), 0), 'commandBar');
  assert.equal(match(press('k', { ctrlKey: true, altKey: true }), 0), null);
});

test('g then b / g then s navigate; not when typing, not after a pause', () => {
  const match = createShortcutMatcher();
  assert.equal(match(press('g'), 0), null);
  assert.equal(match(press('b'), 100), 'board');
  assert.equal(match(press('g'), 200), null);
  assert.equal(match(press('s'), 300), 'servers');
  assert.equal(match(press('b'), 400), null, 'a lone b does nothing');
  assert.equal(match(press('g'), 500), null);
  assert.equal(match(press('b'), 500 + SEQUENCE_MS + 1), null);
  assert.equal(match(press('g', { inEditable: true }), 0), null);
  assert.equal(match(press('b', { inEditable: true }), 1), null);
  assert.equal(match(press('?'), 0), 'help');
});
