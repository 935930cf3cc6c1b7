/**
 * Which file under resources/tray/ the tray shows (tools/icons/make-icons.ts draws them). macOS: a template
 * image (black and alpha; the system tints it for the menu bar, and Electron picks the @2x file on Retina).
 * Windows: a multi-size .ico in colour, legible on a light or dark taskbar. Linux: a PNG (with @2x) whose glyph
 * contrasts with the panel: a light glyph on a dark theme, a dark one on a light theme. `busy` is the variant
 * with a dot: runs in progress.
 */
export function trayIconFile({ platform, darkTheme, busy }: { platform: NodeJS.Platform; darkTheme: boolean; busy: boolean }): string {
  if (platform === 'darwin') return busy ? 'trayBusyTemplate.png' : 'trayTemplate.png';
  if (platform === 'win32') return busy ? 'tray-busy.ico' : 'tray.ico';
  return `tray-${darkTheme ? 'light' : 'dark'}${busy ? '-busy' : ''}.png`;
}
