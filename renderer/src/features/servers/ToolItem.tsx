import type { McpTool } from '../../../../shared/domain/mcp.ts';
import { firstLine } from '../../data/format.ts';

/**
 * A tool: name, the first line of its description (some run to pages, written for a model), and folded away
 * until asked for, the rest of the description and the input JSON Schema.
 */
export function ToolItem({ tool }: { tool: McpTool }) {
  const description = tool.description?.trim() ?? '';
  const summary = firstLine(description);
  return (
    <li className="tool-item">
      <h3 className="tool-name"><code>{tool.server}/{tool.name}</code></h3>
      {summary && <p className="tool-description">{summary}</p>}
      {description !== summary && (
        <details className="tool-more">
          <summary>Full description</summary>
          <p className="tool-description-full">{description}</p>
        </details>
      )}
      <details className="tool-more">
        <summary>Input schema</summary>
        <pre><code>{JSON.stringify(tool.inputSchema, null, 2)}</code></pre>
      </details>
    </li>
  );
}
