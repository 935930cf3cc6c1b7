import type { OutputVerifier } from '../../../shared/ir/verifier.ts';
import { utf8Excerpt } from './excerpt.ts';
import type { VerifierModule } from './verifier.ts';

const MATCH_EXCERPT_BYTES = 1024;

type Stream = 'stdout' | 'stderr';

export const outputVerifier: VerifierModule<OutputVerifier> = {
  kind: 'output',
  async verify(config, ctx) {
    const stream = config.stream ?? 'any';
    const flags = config.flags ?? '';
    const absent = config.absent ?? false;
    const shown = `/${config.regex}/${flags}`;
    const base = { stream, regex: config.regex, flags, absent, truncated: ctx.step.truncated };
    let regex: RegExp;
    try {
      regex = new RegExp(config.regex, flags);
    } catch (error) {
      const message = (error as Error).message;
      return { passed: false, summary: `invalid output regex ${shown}: ${message}`, evidence: { ...base, error: message } };
    }
    const streams: Stream[] = stream === 'any' ? ['stdout', 'stderr'] : [stream];
    const where = streams.join(' or ');
    for (const name of streams) {
      const text = ctx.step[name];
      const match = regex.exec(text);
      if (!match) continue;
      const line = text.slice(0, match.index).split('\n').length;
      const matched = utf8Excerpt(match[0], MATCH_EXCERPT_BYTES);
      const evidence = { ...base, matchedStream: name, matched: matched.text, matchTruncated: matched.truncated, index: match.index, line };
      return absent
        ? { passed: false, summary: `${name} line ${line} matches ${shown}, which must be absent`, evidence }
        : { passed: true, summary: `${name} line ${line} matches ${shown}`, evidence };
    }
    // A capped output may have lost the very line that matters: absence cannot be proven over part of it.
    const capped = ctx.step.truncated ? ' (output was truncated)' : '';
    const evidence = { ...base, matchedStream: null, matched: null, index: null, line: null };
    if (absent && ctx.step.truncated) {
      return { passed: false, summary: `cannot prove ${shown} absent: the output was truncated, only its start was checked`, evidence };
    }
    return absent
      ? { passed: true, summary: `no match for ${shown} in ${where}`, evidence }
      : { passed: false, summary: `no match for ${shown} in ${where}${capped}`, evidence };
  },
};
