/** "1 run", "2 runs": the counts the tray and the quit question show. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
