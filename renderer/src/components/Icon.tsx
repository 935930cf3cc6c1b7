/**
 * Small line icons for icon buttons (the button's aria-label names it; the icon is hidden from assistive
 * technology). Inline SVG: no icon font or external file to load.
 */
const PATHS = {
  plus: 'M8 3v10M3 8h10',
  pencil: 'M10.5 2.5l3 3L6 13H3v-3z',
  archive: 'M2 3h12v3H2zM3 6v7h10V6M6.5 9h3',
  restore: 'M3 8a5 5 0 1 0 1.5-3.5M3 2.5V5h2.5',
  pause: 'M5.5 3v10M10.5 3v10',
  play: 'M5 3l8 5-8 5z',
  close: 'M4 4l8 8M12 4l-8 8',
  retry: 'M13 8a5 5 0 1 1-1.5-3.5M13 2.5V5h-2.5',
  stop: 'M4 4h8v8H4z',
  sun: 'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6L13 13M3 13l1.4-1.4M11.6 4.4L13 3',
  moon: 'M13 10A6 6 0 0 1 6 3a6 6 0 1 0 7 7z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
