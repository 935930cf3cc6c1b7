import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useMcpServers } from '../../data/queries.ts';
import { AddServerForm } from './AddServerForm.tsx';
import { ImportConfigForm } from './ImportConfigForm.tsx';
import { ServerCard } from './ServerCard.tsx';
import { ServerTools } from './ServerTools.tsx';

type Panel = 'add' | 'import' | null;

/** MCP servers on the left (enable, test, remove), the chosen server's tools on the right; add or import on top. */
export function ServersPage() {
  const servers = useMcpServers();
  const [panel, setPanel] = useState<Panel>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? null : next));
  const shown = servers.data?.find((s) => s.name === selected) ?? null;

  return (
    <section className="page servers" aria-labelledby="servers-title">
      <div className="page-head">
        <h1 id="servers-title">Servers &amp; tools</h1>
        <div className="page-actions">
          <button type="button" className="btn" aria-expanded={panel === 'add'} onClick={() => toggle('add')}>Add server</button>
          <button type="button" className="btn" aria-expanded={panel === 'import'} onClick={() => toggle('import')}>Import config</button>
        </div>
      </div>
      {panel === 'add' && <AddServerForm onDone={(name) => { setPanel(null); setSelected(name); }} onCancel={() => setPanel(null)} />}
      {panel === 'import' && <ImportConfigForm onCancel={() => setPanel(null)} />}
      {servers.isPending && <LoadingState label="Loading servers" rows={3} />}
      {servers.isError && <ErrorState title="Could not load servers" error={servers.error} onRetry={() => void servers.refetch()} />}
      {servers.isSuccess && (
        <div className="servers-layout">
          {servers.data.length === 0 ? (
            <EmptyState title="No MCP servers registered">Press “Add server”, or “Import config” to bring in a Claude Desktop or VS Code config.</EmptyState>
          ) : (
            <ul className="server-list" aria-label="MCP servers">
              {servers.data.map((server) => (
                <ServerCard key={server.name} server={server} selected={server.name === selected}
                  onSelect={() => setSelected(server.name)} onRemoved={() => selected === server.name && setSelected(null)} />
              ))}
            </ul>
          )}
          {shown ? <ServerTools server={shown.name} /> : (
            <div className="tools-panel">
              <EmptyState title="Choose a server to see its tools">Each tool shows its description and input schema.</EmptyState>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
