import { useState } from 'react';
import { McpServerConfigSchema } from '../../../../shared/domain/mcp.ts';
import { errorIssues, errorMessage } from '../../data/errors.ts';
import { FormField } from '../../components/FormField.tsx';
import { issuesByField, parseArgs, parseEnv } from './server-form.ts';
import { useServerActions } from './use-server-actions.ts';

const EMPTY = { name: '', command: '', args: '', env: '', cwd: '' };
type Field = keyof typeof EMPTY;

/**
 * Register a stdio MCP server. The config is checked with the contract's own schema before it is sent, so
 * each problem shows under its field; what only the core can tell (a duplicate name) comes back the same way.
 */
export function AddServerForm({ onDone, onCancel }: { onDone: (name: string) => void; onCancel: () => void }) {
  const actions = useServerActions();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const env = parseEnv(values.env);
    const config = {
      name: values.name.trim(), command: values.command.trim(), args: parseArgs(values.args), env: env.env,
      cwd: values.cwd.trim() || null,
    };
    const checked = McpServerConfigSchema.safeParse(config);
    const local = checked.success ? {} : issuesByField(checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    // The schema's wording for an empty string ("Too small: …") says nothing useful here.
    if (!config.command) local.command = ['Give the program that starts the server.'];
    if (env.errors.length) local.env = [...env.errors, ...(local.env ?? [])];
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    setErrors({});
    try {
      const added = await actions.add(config);
      onDone(added.name);
    } catch (e) {
      const issues = errorIssues(e);
      if (!issues?.length) {
        setErrors({ '': [errorMessage(e)] });
      } else {
        const byField = issuesByField(issues);
        // Problems not tied to one of the form's fields show above the buttons.
        const general = Object.entries(byField).filter(([field]) => !(field in EMPTY)).flatMap(([, messages]) => messages);
        setErrors({ ...byField, '': general });
      }
      setBusy(false);
    }
  };

  return (
    <form className="panel server-form" aria-label="Add server" onSubmit={submit} noValidate>
      <h2 className="panel-title">Add an MCP server</h2>
      <div className="form-grid">
        <FormField label="Name" value={values.name} onChange={set('name')} errors={errors.name} autoFocus
          hint="Letters, digits, “_”, “.” or “-”; plans call its tools as name/tool." />
        <FormField label="Command" value={values.command} onChange={set('command')} errors={errors.command} mono
          hint="The program that starts the server over stdio, e.g. npx or /usr/local/bin/server." />
        <FormField label="Arguments" value={values.args} onChange={set('args')} errors={errors.args} multiline mono
          hint="One per line, or on one line separated by spaces (quotes group)." />
        <FormField label="Environment" value={values.env} onChange={set('env')} errors={errors.env} multiline mono
          hint="KEY=VALUE lines. ${env:NAME} copies a variable of the app; ${secret:NAME} uses a stored secret." />
        <FormField label="Working directory" value={values.cwd} onChange={set('cwd')} errors={errors.cwd} mono hint="Optional." />
      </div>
      {errors['']?.length ? <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errors[''].join('; ')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save server'}</button>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
