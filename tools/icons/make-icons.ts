// Draws the app and tray icons into resources/ (committed; electron-builder makes .icns from icon.png).
// Rerun after changing a shape or colour here:
//   node tools/icons/make-icons.ts
// No dependencies: shapes are signed distance functions sampled at each pixel centre (anti-aliased edges), PNGs are
// written with node:zlib (deflate and crc32), and the .ico files hold those PNGs (Windows Vista and later).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** A signed distance in unit-square coordinates (0..1 across the icon): negative inside the shape. */
type Shape = (x: number, y: number) => number;
interface Layer {
  shape: Shape;
  /** A colour painted over what is below, or null to erase (a gap between two shapes). */
  color: Rgb | null;
  /** Grows the shape by this much (unit square): a halo around it. */
  grow?: number;
  opacity?: number;
}

const OUT = join(import.meta.dirname, '../../resources');

// ---- shapes ----

const roundedBox = (cx: number, cy: number, half: number, radius: number): Shape => (x, y) => {
  const qx = Math.abs(x - cx) - (half - radius);
  const qy = Math.abs(y - cy) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};
const outline = (shape: Shape, width: number): Shape => (x, y) => Math.abs(shape(x, y)) - width / 2;
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) - r;
/** A polyline drawn with a round pen of this width. */
const stroke = (points: [number, number][], width: number): Shape => (x, y) => {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
  }
  return best - width / 2;
};
const union = (...shapes: Shape[]): Shape => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const without = (shape: Shape, hole: Shape): Shape => (x, y) => Math.max(shape(x, y), -hole(x, y));

// The glyph: a rounded frame with a check mark in it, "proven". Busy adds a dot at the lower right, with a
// gap cut around it so it reads apart from the frame.
const FRAME = roundedBox(0.5, 0.5, 0.4, 0.17);
const CHECK: [number, number][] = [[0.3, 0.52], [0.44, 0.66], [0.71, 0.36]];
const DOT = circle(0.82, 0.82, 0.16);
const GAP = circle(0.82, 0.82, 0.23);
const GLYPH = union(outline(FRAME, 0.09), stroke(CHECK, 0.11));
const BUSY_GLYPH = without(GLYPH, GAP);

// ---- raster and encoders ----

function render(size: number, layers: Layer[]): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        // Distance in pixels: a half-pixel ramp either side of the edge is the anti-aliasing.
        const d = (layer.shape(x, y) - (layer.grow ?? 0)) * size;
        const cover = Math.max(0, Math.min(1, 0.5 - d)) * (layer.opacity ?? 1);
        if (cover === 0) continue;
        if (!layer.color) {
          a *= 1 - cover;
          continue;
        }
        const out = cover + a * (1 - cover);
        [r, g, b] = [0, 1, 2].map((i) => (layer.color![i]! * cover + [r, g, b][i]! * a * (1 - cover)) / out) as [number, number, number];
        a = out;
      }
      rgba.set([r, g, b, a * 255].map(Math.round), (py * size + px) * 4);
    }
  }
  return rgba;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit RGBA PNG, no interlacing, filter 0 on every row. */
function png(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter set 0, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico whose images are PNGs, one per size. */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // 1: icon
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, png: data }, i) => {
    const at = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    head.writeUInt8(size >= 256 ? 0 : size, at + 1);
    head.writeUInt16LE(1, at + 4); // colour planes
    head.writeUInt16LE(32, at + 6); // bits per pixel
    head.writeUInt32LE(data.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((image) => image.png)]);
}

// ---- the icons ----

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const ACCENT: Rgb = [36, 89, 199]; // the app's --accent (renderer/src/styles/tokens.css)
const BUSY: Rgb = [245, 158, 11]; // amber: "in progress", apart from the accent
const LIGHT: Rgb = [240, 240, 240];
const DARK: Rgb = [34, 34, 34];

/** macOS menu bar: black and alpha only (the system tints it). */
const template = (busy: boolean): Layer[] => [{ shape: busy ? union(BUSY_GLYPH, DOT) : GLYPH, color: BLACK }];
/** Windows taskbar, light or dark: the app's tile in colour. */
const tile = (busy: boolean): Layer[] => [
  { shape: roundedBox(0.5, 0.5, 0.47, 0.16), color: ACCENT },
  { shape: stroke(CHECK, 0.13), color: WHITE },
  ...(busy ? [{ shape: GAP, color: null }, { shape: DOT, color: BUSY }] : []),
];
/** Linux panel: a glyph contrasting with the theme, with a faint halo of the other tone for a panel that
 * does not follow the theme (GNOME's top bar stays dark under a light theme). */
const panel = (color: Rgb, halo: Rgb, busy: boolean): Layer[] => [
  { shape: busy ? union(BUSY_GLYPH, DOT) : GLYPH, color: halo, grow: 0.04, opacity: 0.45 },
  { shape: busy ? BUSY_GLYPH : GLYPH, color },
  ...(busy ? [{ shape: DOT, color: BUSY }] : []),
];
/** The app icon: the tile on a margin, as macOS lays out app icons (824 of 1024). */
const appIcon: Layer[] = [
  { shape: roundedBox(0.5, 0.5, 0.402, 0.09), color: ACCENT },
  { shape: outline(roundedBox(0.5, 0.5, 0.25, 0.07), 0.035), color: WHITE },
  { shape: stroke([[0.38, 0.51], [0.46, 0.59], [0.62, 0.42]], 0.045), color: WHITE },
];

const pngOf = (size: number, layers: Layer[]) => png(size, render(size, layers));
const icoOf = (sizes: number[], layers: Layer[]) => ico(sizes.map((size) => ({ size, png: pngOf(size, layers) })));

const files: Record<string, Buffer> = {
  'icon.png': pngOf(1024, appIcon),
  'icon.ico': icoOf([16, 24, 32, 48, 64, 128, 256], appIcon),
};
for (const busy of [false, true]) {
  const mac = busy ? 'trayBusyTemplate' : 'trayTemplate';
  files[`tray/${mac}.png`] = pngOf(16, template(busy));
  files[`tray/${mac}@2x.png`] = pngOf(32, template(busy));
  files[`tray/${busy ? 'tray-busy' : 'tray'}.ico`] = icoOf([16, 20, 24, 32, 40, 48], tile(busy));
  for (const [tone, color, halo] of [['light', LIGHT, DARK], ['dark', DARK, LIGHT]] as const) {
    const name = `tray/tray-${tone}${busy ? '-busy' : ''}`;
    files[`${name}.png`] = pngOf(22, panel(color, halo, busy));
    files[`${name}@2x.png`] = pngOf(44, panel(color, halo, busy));
  }
}

mkdirSync(join(OUT, 'tray'), { recursive: true });
for (const [name, data] of Object.entries(files)) {
  writeFileSync(join(OUT, name), data);
  console.log(`${name} ${data.length} bytes`);
}
