/**
 * Copies text. The async Clipboard API needs a secure context and a focused page; when it is missing or
 * refuses (a plain-http headless page, a denied permission), a selected off-screen textarea and
 * execCommand('copy') still work in every browser we ship in.
 */
export async function copyText(text: string): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no async clipboard');
    await navigator.clipboard.writeText(text);
  } catch {
    copyWithTextarea(text);
  }
}

function copyWithTextarea(text: string): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'rv-offscreen';
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  focused?.focus();
  if (!copied) throw new Error('the browser refused to copy');
}
