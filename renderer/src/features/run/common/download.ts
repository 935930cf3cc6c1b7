/** Saves data as a file through a temporary object URL and an <a download> (no server round trip). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.className = 'rv-offscreen';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const downloadText = (text: string, fileName: string, type = 'text/plain;charset=utf-8'): void =>
  downloadBlob(new Blob([text], { type }), fileName);
