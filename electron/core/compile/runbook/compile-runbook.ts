import { basename } from 'node:path';
import type { Plan } from '../../../../shared/ir/plan.ts';
import { CoreError } from '../../errors.ts';
import { assemblePlan } from './assemble-plan.ts';
import { collectBlocks } from './collect-blocks.ts';
import { readFrontMatter } from './front-matter.ts';
import { createReport } from './report.ts';
import { scanMarkdown } from './scan-markdown.ts';
import { validateLocated } from './validate-located.ts';

export interface CompiledRunbook {
  plan: Plan;
  /** Things the runbook asked for that are not done as written (a background block, an ignored attribute). */
  warnings: string[];
}

/**
 * A Markdown runbook as a plan: each sh/bash/shell/zsh fenced block is a shell step, run top to bottom, with
 * Runme's attributes and our annotations; the prose before a block is its description. Pure: text in, plan
 * out. Throws INVALID_PLAN listing every problem as `<file>:<line>: <what>`.
 */
export function compileRunbook(text: string, options: { path?: string } = {}): CompiledRunbook {
  const file = options.path ? basename(options.path) : 'runbook';
  const report = createReport(file);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const matter = readFrontMatter(lines, report);
  const collected = collectBlocks(scanMarkdown(lines.slice(matter.bodyStart), matter.bodyStart + 1), report);
  if (!collected.blocks.length) {
    report.throwIfAny();
    throw new CoreError('INVALID_PLAN', `${file}: no shell code blocks found (\`\`\`sh … \`\`\`)`);
  }
  const candidate = assemblePlan(collected, matter, options.path, report);
  report.throwIfAny();
  const plan = validateLocated(candidate, { blocks: collected.blocks, matter, title: collected.title }, report);
  return { plan, warnings: report.warnings };
}
