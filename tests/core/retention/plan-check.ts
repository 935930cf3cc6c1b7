import assert from 'node:assert/strict';
import type { Sql } from '../../../electron/core/db/sql.ts';
import { sqlStore } from '../../../electron/core/queue/sql-store.ts';
import type { Store } from '../../../electron/core/queue/store.ts';

export interface Statement {
  text: string;
  params: unknown[];
}

/** A Store whose every statement is also recorded, so a test can EXPLAIN exactly what the store ran. */
export function recordingStore(sql: Sql): { store: Store; take(): Statement[] } {
  let seen: Statement[] = [];
  const recording: Sql = {
    ...sql,
    query: (text, params) => {
      seen.push({ text, params: params ?? [] });
      return sql.query(text, params);
    },
  };
  return { store: sqlStore(recording), take: () => [seen, seen = []][0]! };
}

export interface ScanNode {
  type: string;
  relation?: string;
  index?: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function flatten(node: PlanNode, into: ScanNode[] = []): ScanNode[] {
  into.push({ type: node['Node Type'], relation: node['Relation Name'], index: node['Index Name'] });
  for (const child of node.Plans ?? []) flatten(child, into);
  return into;
}

/** The nodes of a statement's plan (EXPLAIN (FORMAT JSON), planned for these very parameter values). */
export async function planNodes(sql: Sql, statement: Statement, prefix = 'EXPLAIN (FORMAT JSON) '): Promise<ScanNode[]> {
  const { rows } = await sql.query<{ 'QUERY PLAN': unknown }>(prefix + statement.text, statement.params);
  const raw = rows[0]!['QUERY PLAN'];
  const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return flatten(json[0]!.Plan);
}

const HISTORY_TABLES = ['runs', 'run_events', 'run_search'];

/** No Seq Scan of runs, run_events or run_search, and an index is read. */
export function assertIndexed(nodes: ScanNode[], label: string): void {
  const summary = nodes.map((n) => `${n.type}${n.relation ? ` on ${n.relation}` : ''}${n.index ? ` using ${n.index}` : ''}`).join(' > ');
  for (const node of nodes) {
    assert.ok(!(node.type === 'Seq Scan' && HISTORY_TABLES.includes(node.relation ?? '')), `${label}: a Seq Scan of ${node.relation}: ${summary}`);
  }
  assert.ok(nodes.some((n) => /Index/.test(n.type) && n.index), `${label}: no index is read: ${summary}`);
}
