import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crc32, inflateSync } from 'node:zlib';
import { trayIconFile } from '../../electron/main/tray/tray-icon.ts';

const RESOURCES = fileURLToPath(new URL('../../resources/', import.meta.url));

interface Png { width: number; height: number; rgba: Buffer }

/** Reads a PNG as the generator writes it (8-bit RGBA, filter 0): checks the signature, every chunk's CRC and
 * that the pixel data is complete. Written here, not imported from the generator, so a bug there is caught. */
function readPng(data: Buffer, name: string): Png {
  assert.deepEqual([...data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${name}: PNG signature`);
  let offset = 8;
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 4, offset + 8 + length);
    assert.equal(data.readUInt32BE(offset + 8 + length), crc32(body), `${name}: CRC of ${type}`);
    if (type === 'IHDR') header = body.subarray(4);
    if (type === 'IDAT') idat.push(body.subarray(4));
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  assert.ok(header && ended, `${name}: IHDR and IEND present`);
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  assert.deepEqual([...header.subarray(8)], [8, 6, 0, 0, 0], `${name}: 8-bit RGBA, not interlaced`);
  const raw = inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, height * (width * 4 + 1), `${name}: every row present`);
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, `${name}: row filter`);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

/** The images of an .ico, each checked against its directory entry. */
function readIco(data: Buffer, name: string): Png[] {
  assert.deepEqual([data.readUInt16LE(0), data.readUInt16LE(2)], [0, 1], `${name}: an icon`);
  return Array.from({ length: data.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    const [size, offset] = [data.readUInt32LE(entry + 8), data.readUInt32LE(entry + 12)];
    const image = readPng(data.subarray(offset, offset + size), `${name}[${i}]`);
    assert.equal(data.readUInt8(entry) || 256, image.width, `${name}[${i}]: width as listed`);
    assert.equal(data.readUInt8(entry + 1) || 256, image.height, `${name}[${i}]: height as listed`);
    return image;
  });
}

const read = (name: string) => readFileSync(RESOURCES + name);
const pixels = ({ rgba }: Png) => Array.from({ length: rgba.length / 4 }, (_, i) => [...rgba.subarray(i * 4, i * 4 + 4)]);
const visible = (png: Png) => pixels(png).filter(([, , , a]) => a! > 0).length;

describe('tray icons', () => {
  test('the file for each platform, theme and busy state', () => {
    const choose = (platform: NodeJS.Platform, darkTheme: boolean, busy: boolean) => trayIconFile({ platform, darkTheme, busy });
    assert.equal(choose('darwin', false, false), 'trayTemplate.png');
    assert.equal(choose('darwin', true, true), 'trayBusyTemplate.png', 'a template: macOS tints it for either theme');
    assert.equal(choose('win32', true, false), 'tray.ico');
    assert.equal(choose('win32', false, true), 'tray-busy.ico');
    assert.equal(choose('linux', true, false), 'tray-light.png', 'a light glyph on a dark theme');
    assert.equal(choose('linux', false, false), 'tray-dark.png');
    assert.equal(choose('linux', true, true), 'tray-light-busy.png');
    assert.equal(choose('freebsd', false, true), 'tray-dark-busy.png', 'other Unixes use the Linux files');
  });

  test('every file the tray may show exists, with its @2x, at the right size; busy ones differ', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const darkTheme of [false, true]) {
        const [idle, busy] = [false, true].map((b) => trayIconFile({ platform, darkTheme, busy: b }));
        for (const name of [idle!, busy!]) {
          if (platform === 'win32') {
            const sizes = readIco(read(`tray/${name}`), name).map((image) => image.width);
            assert.ok([16, 20, 24, 32].every((size) => sizes.includes(size)), `${name} has the taskbar sizes: ${sizes}`);
            continue;
          }
          const base = platform === 'darwin' ? 16 : 22;
          const image = readPng(read(`tray/${name}`), name);
          assert.deepEqual([image.width, image.height], [base, base], name);
          const double = name.replace(/\.png$/, '@2x.png');
          const retina = readPng(read(`tray/${double}`), double);
          assert.deepEqual([retina.width, retina.height], [base * 2, base * 2], double);
          assert.ok(visible(image) > base * 2, `${name} draws something`);
          if (platform === 'darwin') {
            assert.ok(pixels(image).concat(pixels(retina)).every(([r, g, b]) => r === 0 && g === 0 && b === 0),
              `${name}: a template is black and alpha only`);
          }
        }
        assert.notDeepEqual(read(`tray/${idle}`), read(`tray/${busy}`), `${busy} is not ${idle}`);
      }
    }
  });

  test('the app icon: 1024 px for electron-builder, and a Windows .ico up to 256 px', () => {
    const icon = readPng(read('icon.png'), 'icon.png');
    assert.deepEqual([icon.width, icon.height], [1024, 1024]);
    const sizes = readIco(read('icon.ico'), 'icon.ico').map((image) => image.width);
    assert.deepEqual(sizes, [16, 24, 32, 48, 64, 128, 256]);
  });
});
