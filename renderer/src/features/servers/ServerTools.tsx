import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { errorMessage } from '../../data/errors.ts';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';
import { ToolItem } from './ToolItem.tsx';
import { useServerActions } from './use-server-actions.ts';

/** The tools a server was last seen to offer (stored at its last test or refresh), each with its input schema. */
export function ServerTools({ server }: { server: string }) {
  const tools = useQuery({ queryKey: keys.tools(server), queryFn: () => client.call('mcp.tools', { server }) });
  const actions = useServerActions();
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);

  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(null);
    try {
      await actions.refreshTools(server);
    } catch (e) {
      setRefreshError(e);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <section className="tools-panel" aria-labelledby="tools-title">
      <div className="panel-head">
        <h2 id="tools-title" className="panel-title">Tools of {server}</h2>
        <button type="button" className="btn btn-small" disabled={refreshing} onClick={refresh}>
          {refreshing ? 'Refreshing…' : 'Refresh tools'}
        </button>
      </div>
      {refreshError !== null && <p className="field-error" role="alert"><span aria-hidden="true">⚠ </span>{errorMessage(refreshError)}</p>}
      {tools.isPending && <LoadingState label="Loading tools" rows={4} />}
      {tools.isError && <ErrorState title="Could not load tools" error={tools.error} onRetry={() => void tools.refetch()} />}
      {tools.isSuccess && tools.data.length === 0 && (
        <EmptyState title="No tools discovered yet">Press “Test connection” or “Refresh tools” to ask the server for them.</EmptyState>
      )}
      {tools.isSuccess && tools.data.length > 0 && (
        <ul className="tool-list">
          {tools.data.map((tool) => <ToolItem key={tool.name} tool={tool} />)}
        </ul>
      )}
    </section>
  );
}
