/**
 * The files a task names, for its verifiers: Spec Kit asks for "exact file paths in descriptions". A false
 * path would fail a task that did its work, a missed one only weakens its proof, so the rules lean to missing:
 * - a relative path with a `/` whose last part has an extension (`src/models/user.py`), or that ends in `/`
 *   (a folder: `src/`); never absolute (`/api/users` is a route), never a URL, glob, `..` or `{placeholder}`;
 * - a bare name only with a known extension (`package.json`, `README.md`, `.eslintrc.json`) or a lowercase
 *   dotfile (`.editorconfig`); `Node.js`-style names are libraries unless backticked.
 * Backticks mark a token as code but the same rules apply to it, so `GET /users` stays a route.
 */
const EXTENSIONS = new Set(('md mdx txt rst adoc json jsonc json5 yaml yml toml ini cfg conf env xml csv tsv sql prisma '
  + 'graphql gql proto avro avsc py pyi ipynb rb php java kt kts scala groovy gradle go rs c h cc cpp cxx hpp hh cs fs '
  + 'swift m mm dart lua pl r jl ex exs erl hs ml clj js mjs cjs jsx ts mts cts tsx vue svelte astro html htm css scss '
  + 'sass less sh bash zsh fish ps1 bat cmd tf tfvars hcl nix lock mod sum properties plist svg png jpg jpeg gif webp '
  + 'ico pdf ejs hbs njk liquid twig j2 tpl mustache razor cshtml xaml sln csproj').split(' '));

const SEGMENT = /^[A-Za-z0-9_.@+\-[\]]+$/;
const BARE_FILE = /^\.?[A-Za-z0-9_@+-]+(?:\.[A-Za-z0-9_-]+)*\.([A-Za-z0-9]+)$/;
const DOTFILE = /^\.[a-z][a-z0-9_-]*(?:\.[a-z0-9]+)*$/;
const LIBRARY_NAME = /^[A-Z][A-Za-z0-9]*\.js$/;

function isPath(token: string, backticked: boolean): boolean {
  if (!token || token.startsWith('/') || token.startsWith('~') || token.includes('://') || /[$*?{}<>"'`\\|]/.test(token)) return false;
  const segments = token.replace(/^\.\//, '').split('/');
  if (segments.length === 1) {
    const bare = BARE_FILE.exec(token);
    const known = bare !== null && EXTENSIONS.has(bare[1]!.toLowerCase()) && (backticked || !LIBRARY_NAME.test(token));
    return known || DOTFILE.test(token);
  }
  const last = segments.pop()!;
  if (segments.some((s) => !SEGMENT.test(s) || s === '..' || s === '.')) return false;
  // `github.com/org/repo` is an address: a first folder with a dot inside it (not `.github/`) is not a folder.
  if (/^[^.].*\./.test(segments[0]!)) return false;
  if (last === '') return true;
  return SEGMENT.test(last) && last !== '..' && /[^.]\.[A-Za-z0-9]{1,10}$/.test(last);
}

const clean = (token: string) => token.replace(/^[("'[]+/, '').replace(/[)"',;:.!?\]]+$/, '').replace(/^\.\//, '');

/** Relative paths in the order they first appear, without repeats. */
export function filesIn(text: string): string[] {
  const found: string[] = [];
  const add = (token: string, backticked: boolean) => {
    const path = clean(token);
    if (isPath(path, backticked) && !found.includes(path)) found.push(path);
  };
  // A backticked span is one unit (its spaces make it code, not a path); elsewhere tokens split on spaces.
  for (const match of text.matchAll(/`([^`]*)`|[^\s`]+/g)) {
    const code = match[1]?.trim();
    if (code === undefined) add(match[0], false);
    else if (code && !/\s/.test(code)) add(code, true);
  }
  return found;
}
