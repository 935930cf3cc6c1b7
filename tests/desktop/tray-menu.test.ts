import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { menuTemplate } from '../../electron/main/tray/menu-template.ts';
import {
  buildTrayMenu, FAILED_BOARD_QUERY, MAX_LABEL, RECENT_LIMIT, shorten, type TrayAction, type TrayMenuItem, type TrayState,
} from '../../electron/main/tray/tray-menu.ts';

const state = (overrides: Partial<TrayState> = {}): TrayState => ({
  counts: { running: 0, queued: 0, failedRecent: 0 },
  lanes: [{ name: 'A', paused: false }, { name: 'B', paused: false }],
  pinned: [],
  recentCommands: [],
  ...overrides,
});

const labels = (items: TrayMenuItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const find = (items: TrayMenuItem[], label: string) => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `"${label}" in ${JSON.stringify(labels(items))}`);
  return found;
};
const allItems = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...allItems(i.submenu ?? [])]);

describe('the tray menu, built from state', () => {
  test('nothing running: a status line, pause, open and quit, and nothing else', () => {
    const menu = buildTrayMenu(state());
    assert.deepEqual(labels(menu), ['Nothing running', '---', 'Pause all lanes', '---', 'Open Control Room', 'Quit Ops Control Room']);
    assert.equal(menu[0]!.enabled, false, 'the status line is information, not an action');
    assert.deepEqual(find(menu, 'Open Control Room').action, { kind: 'open-window' });
    assert.deepEqual(find(menu, 'Quit Ops Control Room').action, { kind: 'quit' });
  });

  test('runs in progress and failures: counted in the first line, failures one click from the board', () => {
    const menu = buildTrayMenu(state({ counts: { running: 2, queued: 1, failedRecent: 3 } }));
    assert.equal(menu[0]!.label, '2 running · 1 queued · 3 failed in 24 h');
    assert.deepEqual(find(menu, 'Show 3 failed runs').action,
      { kind: 'open-target', target: { kind: 'board', query: FAILED_BOARD_QUERY } });
    assert.equal(FAILED_BOARD_QUERY, 'status=failed&since=24h', 'the board filter the count was made with');

    const one = buildTrayMenu(state({ counts: { running: 0, queued: 0, failedRecent: 1 } }));
    assert.deepEqual(labels(one).slice(0, 2), ['Nothing running · 1 failed in 24 h', 'Show 1 failed run']);
    assert.equal(buildTrayMenu(state({ counts: { running: 0, queued: 4, failedRecent: 0 } }))[0]!.label, '4 queued');
  });

  test('recent commands: at most eight, newlines collapsed, long ones cut with the full text as tool tip', () => {
    const long = `tar czf backup.tgz ${'/srv/data/'.repeat(12)}`;
    const multiline = 'cd /srv/app\n  git pull &&\n  make';
    const recent = [multiline, long, 'uptime', ...Array.from({ length: 9 }, (_, i) => `echo ${i}`)];
    const menu = buildTrayMenu(state({ recentCommands: recent }));
    const submenu = find(menu, 'Run a recent command');
    assert.equal(submenu.type, 'submenu');
    assert.equal(submenu.submenu!.length, RECENT_LIMIT);
    const [first, second, third] = submenu.submenu!;
    assert.deepEqual([first!.label, first!.toolTip, first!.action],
      ['cd /srv/app git pull && make', multiline, { kind: 'run-command', command: multiline }], 'the action runs the text as typed');
    assert.equal(Array.from(second!.label).length, MAX_LABEL);
    assert.ok(second!.label.endsWith('…') && long.startsWith(second!.label.slice(0, -1)), second!.label);
    assert.equal(second!.toolTip, long);
    assert.deepEqual([third!.label, third!.toolTip], ['uptime', undefined], 'a short command needs no tool tip');
    assert.equal(shorten('😀'.repeat(80)), `${'😀'.repeat(MAX_LABEL - 1)}…`, 'cut between characters, never inside one');
    assert.ok(!labels(buildTrayMenu(state())).includes('Run a recent command'), 'no empty submenu');
  });

  test('lanes: pause while any lane runs, resume while any is paused, both when some are', () => {
    const lanes = (...paused: boolean[]) => paused.map((p, i) => ({ name: 'ABCD'[i]!, paused: p }));
    const laneLabels = (menu: TrayMenuItem[]) => labels(menu).filter((l) => l.includes('lanes'));
    assert.deepEqual(laneLabels(buildTrayMenu(state({ lanes: lanes(false, false) }))), ['Pause all lanes']);
    assert.deepEqual(laneLabels(buildTrayMenu(state({ lanes: lanes(true, true) }))), ['Resume all lanes']);
    const some = buildTrayMenu(state({ lanes: lanes(true, false, true, false) }));
    assert.deepEqual(laneLabels(some), ['Pause all lanes', 'Resume all lanes (2 paused)']);
    assert.deepEqual(find(some, 'Resume all lanes (2 paused)').action, { kind: 'resume-all' });
    assert.deepEqual(find(some, 'Pause all lanes').action, { kind: 'pause-all' });
    assert.deepEqual(labels(buildTrayMenu(state({ lanes: [] }))), ['Nothing running', '---', 'Open Control Room', 'Quit Ops Control Room'],
      'no lanes: no lane items and no doubled separator');
  });

  test('pinned plans: one that runs as is starts from the tray, one that asks for parameters opens its form', () => {
    const menu = buildTrayMenu(state({
      pinned: [
        { kind: 'plan', planId: 4, name: 'nightly backup', description: 'tar the data folder', runnable: true },
        { kind: 'plan', planId: 7, name: 'greet & check', description: null, runnable: false },
      ],
    }));
    assert.deepEqual(labels(menu).slice(0, 5), ['Nothing running', '---', 'Pinned plans', 'Run nightly backup', 'Run greet & check…']);
    assert.equal(find(menu, 'Pinned plans').enabled, false);
    assert.deepEqual(find(menu, 'Run nightly backup').action, { kind: 'run-plan', planId: 4 });
    assert.equal(find(menu, 'Run nightly backup').toolTip, 'tar the data folder');
    const asks = find(menu, 'Run greet & check…');
    assert.deepEqual(asks.action, { kind: 'open-plan', planId: 7 }, 'never started without its parameters');
    assert.match(asks.toolTip!, /asks for parameters/);
  });

  test('every action is an item of the menu: nothing depends on a click on the icon (Linux may never send one)', () => {
    const full = state({
      counts: { running: 1, queued: 0, failedRecent: 1 },
      lanes: [{ name: 'A', paused: true }, { name: 'B', paused: false }],
      pinned: [{ kind: 'plan', planId: 1, name: 'a', description: null, runnable: true },
        { kind: 'plan', planId: 2, name: 'b', description: null, runnable: false }],
      recentCommands: ['uptime'],
    });
    const menu = buildTrayMenu(full);
    const kinds = new Set(allItems(menu).flatMap((i) => (i.action ? [i.action.kind] : [])));
    const every: TrayAction['kind'][] = ['open-window', 'open-target', 'run-command', 'run-plan', 'open-plan', 'pause-all', 'resume-all', 'quit'];
    assert.deepEqual([...kinds].sort(), [...every].sort());
    for (const item of allItems(menu)) {
      if (item.type === 'normal' && item.enabled) assert.ok(item.action, `"${item.label}" does something`);
    }
    const types = menu.map((i) => i.type);
    assert.ok(types[0] !== 'separator' && types.at(-1) !== 'separator');
    assert.ok(!types.some((t, i) => t === 'separator' && types[i + 1] === 'separator'), 'no empty section');
  });
});

describe('the menu as Electron takes it', () => {
  test('ampersands are doubled (a single one is a mnemonic and vanishes); clicks carry the action', () => {
    const chosen: TrayAction[] = [];
    const template = menuTemplate(buildTrayMenu(state({ recentCommands: ['make && make install'] })), (a) => chosen.push(a));
    assert.equal(template[0]!.enabled, false);
    assert.equal(template[0]!.click, undefined, 'the status line does nothing');
    assert.deepEqual(template[1], { type: 'separator' });
    const recent = template.find((i) => i.label === 'Run a recent command')!;
    assert.equal(recent.submenu![0]!.label, 'make &&&& make install');
    recent.submenu![0]!.click!();
    template.find((i) => i.label === 'Quit Ops Control Room')!.click!();
    assert.deepEqual(chosen, [{ kind: 'run-command', command: 'make && make install' }, { kind: 'quit' }]);
  });
});
