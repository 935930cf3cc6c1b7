import type { LogSearchQuery } from '../../../shared/domain/log-search.ts';
import type { Core } from '../../core/index.ts';
import { UsageError } from '../args.ts';
import { eventLine, json, palette } from '../format.ts';

export const SEARCH_HELP = `opsroom runs search TEXT        runs whose log lines match TEXT, newest first, with the lines
                                (each word typed starts a word of the line; --status, --lane, --session,
                                --since and --limit narrow it; --lines N shows N lines per run, default 3)`;

/** `opsroom runs search TEXT`: the log search of the Runboard, printed run by run. */
export async function searchLogsCommand(core: Core, text: string, filter: NonNullable<LogSearchQuery['filter']>,
  options: { limit?: number; lines?: number; json?: boolean }): Promise<void> {
  if (text.trim() === '') throw new UsageError('give the text to search the logs for: opsroom runs search "connection refused"');
  const page = await core.history.searchLogs({ text, filter, limit: options.limit ?? 20, linesPerRun: options.lines ?? 3 });
  if (options.json) return void console.log(json(page));
  if (page.hits.length === 0) return void console.log('no log line matches');
  const c = palette(process.stdout);
  for (const { run, lines, moreLines } of page.hits) {
    console.log(c.bold(`run ${run.id} · ${run.status} · lane ${run.lane} · ${run.createdAt.toISOString().slice(0, 16)} · ${run.title}`));
    for (const line of lines) console.log(`  ${eventLine(line, c)}`);
    if (moreLines) console.log(c.dim('  … more lines match: opsroom runs show ' + run.id));
  }
  if (page.nextBefore !== null) console.log(c.dim(`older runs may match too: --limit ${(options.limit ?? 20) * 2} shows more`));
}
