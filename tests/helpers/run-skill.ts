import type { Core } from '../../electron/core/index.ts';
import type { ParamValue } from '../../shared/ir/params.ts';

/** Invokes a skill as the command bar and the CLI do (skill → plan → run), follows the run to its end and
 * returns what a person would look at: the run, its steps, proofs and events. */
export async function runSkill(core: Core, name: string, values: Record<string, ParamValue>) {
  const { plan, params } = await core.skills.invoke(name, values);
  const { run } = await core.runs.enqueue({ plan, params, source: `/${name}` });
  const final = await core.runs.follow(run.id, () => undefined);
  const [{ steps }, proofs, events] = await Promise.all([core.runs.get(run.id), core.proofs.list(run.id), core.runs.events(run.id, 0, 10_000)]);
  return { plan, run: final, steps, proofs, events };
}
