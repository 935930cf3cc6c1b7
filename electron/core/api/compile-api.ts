import { homedir } from 'node:os';
import type { Run } from '../../../shared/domain/run.ts';
import type { ParamValue } from '../../../shared/ir/params.ts';
import { classifyInput } from '../compile/classify-input.ts';
import { compileClassified, type CompileOutcome, type SkillSource } from '../compile/compile-input.ts';
import { missingMessage } from '../compile/missing-message.ts';
import { llmConfig, howToEnable } from '../compile/natural-language/llm-config.ts';
import { withoutSecretArgs } from '../compile/skill-args.ts';
import { CoreError } from '../errors.ts';
import type { SecretSource } from '../mcp/server-env.ts';
import { readSettings, type Settings } from '../settings/app-settings.ts';
import type { Store } from '../queue/store.ts';
import type { RunsApi } from './runs-api.ts';

export interface CompileOptions {
  /** Values beside the text (`--param`, the form); text values are converted to each parameter's type. */
  params?: Record<string, ParamValue>;
  /** Where relative paths resolve (the CLI's working directory; default the home folder). */
  cwd?: string;
  /** The Spec Kit agent command (default: OPSROOM_AGENT_COMMAND, then settings.json). */
  agentCommand?: string;
  signal?: AbortSignal;
}

export interface RunTextOptions extends CompileOptions {
  sessionId?: number | null;
  lane?: string;
  /** Keep the text (secret values removed) as a recent command, for the command bar and the tray. */
  remember?: boolean;
}

export interface CompileApi {
  /** What the text compiles to, running nothing: the dry run, and the draft of a natural-language request. */
  preview(text: string, options?: CompileOptions): Promise<CompileOutcome>;
  /** Compiles and queues the text. A natural-language draft is refused here: it runs only through runDraft,
   * once a person has seen it. */
  run(text: string, options?: RunTextOptions): Promise<Run>;
  /** Queues a plan a person approved (a natural-language draft, possibly edited). */
  runDraft(plan: unknown, options?: Omit<RunTextOptions, 'remember' | 'cwd' | 'agentCommand'>): Promise<Run>;
}

export interface CompileDeps {
  store: Pick<Store, 'recordCommand'>;
  runs: RunsApi;
  skills: SkillSource;
  secrets: SecretSource;
  dataDir: string;
}

export function compileApi({ store, runs, skills, secrets, dataDir }: CompileDeps): CompileApi {
  const compile = async (text: string, options: CompileOptions = {}) => {
    const skillNames = (await skills.list()).map((s) => s.name);
    const classified = await classifyInput(text, { skillNames, cwd: options.cwd ?? homedir() });
    const outcome = await compileClassified(classified, {
      skills,
      llm: () => llmConfig(() => readSettings(dataDir), secrets),
      howToEnableLlm: howToEnable(dataDir),
      agent: async () => {
        const explicit = options.agentCommand ?? process.env.OPSROOM_AGENT_COMMAND;
        // A command given explicitly is used even when settings.json is broken (it supplies only the extras then).
        const settings: Settings = explicit ? await readSettings(dataDir).catch(() => ({})) : await readSettings(dataDir);
        return { command: explicit ?? settings.agentCommand, envAllow: settings.agentEnvAllow };
      },
      params: options.params,
      signal: options.signal,
    });
    return { classified, outcome };
  };

  return {
    preview: async (text, options) => (await compile(text, options)).outcome,
    async run(text, options = {}) {
      const { classified, outcome } = await compile(text, options);
      if (outcome.status === 'needs-params') {
        throw new CoreError('INVALID_INPUT', missingMessage(outcome));
      }
      if (outcome.draft) {
        throw new CoreError('INVALID_STATE', 'a natural-language draft runs only after a person has seen it: preview it, then approve it');
      }
      const where = { sessionId: options.sessionId, lane: options.lane };
      // A typed command is stored as a 'command' plan, kept out of the list of plans to pick from.
      const kind = classified.kind === 'shell' ? 'command' as const : 'plan' as const;
      const { run } = await runs.enqueue({ plan: outcome.plan, params: outcome.params, source: outcome.label, kind, ...where });
      // As typed ("$ x" stays "$ x", so it reads the same when run again from the list or the tray).
      if (options.remember && kind === 'command') await store.recordCommand(text.trim());
      else if (options.remember) {
        const skill = classified.kind === 'skill' ? (await skills.list()).find((s) => s.name === classified.name) : undefined;
        await store.recordCommand(skill && classified.kind === 'skill'
          ? [`/${classified.name}`, ...withoutSecretArgs(classified.args, skill.params).map(quoteWord)].join(' ')
          : text.trim());
      }
      return run;
    },
    async runDraft(plan, options = {}) {
      const { run } = await runs.enqueue({ plan, params: options.params, source: 'the approved draft', sessionId: options.sessionId, lane: options.lane });
      return run;
    },
  };
}

/** A word written back so tokenize reads it the same: quoted when it holds spaces or quotes. */
const quoteWord = (word: string): string => (/^[^\s'"\\]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
