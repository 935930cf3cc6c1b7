/** How an artifact can be shown in the page: as text, as an image, or only downloaded. */
export type PreviewKind = 'text' | 'image' | 'none';

const TEXT_TYPES = /^(text\/|application\/(json|xml|yaml|x-yaml|toml|javascript|x-sh|x-ndjson|sql)\b)|[+/](json|xml)\b/;
/** Images a browser draws; an SVG in an <img> runs no script. */
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml|x-icon|vnd\.microsoft\.icon)\b/;

export function previewKind(mediaType: string): PreviewKind {
  const type = mediaType.toLowerCase();
  if (IMAGE_TYPES.test(type)) return 'image';
  if (TEXT_TYPES.test(type)) return 'text';
  return 'none';
}
