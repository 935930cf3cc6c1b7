/**
 * A Markdown runbook of `blocks` shell blocks for the compile benchmark: front matter with parameters, a heading
 * and prose before each block, Runme attributes in both forms, opsroom annotations, and a non-shell block every
 * few steps, so every part of the compiler does its share of the work.
 */
export function makeRunbook(blocks: number): string {
  const out = [
    '---',
    'name: Benchmark runbook',
    'params:',
    '  REGION: { type: enum, values: [eu, us], default: eu }',
    '  REPLICAS: { type: integer, default: 3, min: 1, max: 50 }',
    '---',
    '',
    '# Benchmark runbook',
    '',
    'Generated: every block below is one step.',
    '',
  ];
  for (let i = 1; i <= blocks; i++) {
    out.push(`## Step ${i}: rotate shard ${i}`, '', `Rotates shard ${i} in $REGION. The previous shard must be healthy first;`,
      'if this fails, see the rollback section of the service handbook.', '');
    if (i % 5 === 0) out.push('Expected settings:', '', '```yaml', `shard: ${i}`, 'replicas: 3', '```', '');
    if (i % 3 === 0) {
      out.push(`<!-- opsroom: {name: shard-${i}, verify: [{kind: exit_code}, {kind: output, regex: "shard ${i} ok"}], timeout: 5m, retry: 2} -->`,
        '```sh', `echo "shard ${i} ok in $REGION with $REPLICAS replicas (home \${HOME})"`, '```', '');
    } else if (i % 3 === 1) {
      const needs = i > 2 ? `,"needs":["shard-${i - 1}","shard-${i - 2}"]` : '';
      out.push(`\`\`\`sh {"name":"shard-${i}","cwd":"."${needs}}`, `echo "shard ${i}" && test -n "$REGION"`, '```', '');
    } else {
      out.push(`\`\`\`bash { name=shard-${i} interactive=false timeout=30s }`, `for n in 1 2 3; do echo "shard ${i} try $n"; done`, '```', '');
    }
  }
  return out.join('\n');
}
