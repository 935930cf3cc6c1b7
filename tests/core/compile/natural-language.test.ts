// A protocol test: a loopback server speaking the chat-completions protocol stands in for Ollama / LM Studio,
// answering with scripted drafts. It checks what we send and what we do with each answer, not a model's skill.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { draftPlan } from '../../../electron/core/compile/natural-language/draft-plan.ts';
import type { LlmConfig } from '../../../electron/core/compile/natural-language/llm-config.ts';
import { CoreError } from '../../../electron/core/errors.ts';
import { freePort } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/tmp.ts';

const GOOD = { irVersion: 1, name: 'check example', steps: [{ id: 'up', tool: 'http', input: { url: 'http://127.0.0.1:9/' }, verify: [{ kind: 'http', url: 'http://127.0.0.1:9/' }] }] };
const NO_VERIFIER = { irVersion: 1, name: 'check example', steps: [{ id: 'up', tool: 'shell', input: { command: 'true' }, verify: [] }] };

interface Received { body: { model: string; messages: { role: string; content: string }[]; response_format: { type: string; json_schema: { schema: { type: string } } } }; auth: string | undefined }

/** Answers each request with the next scripted reply: a JSON value becomes the message content, a number a bare status. */
function chatServer(): Promise<{ server: Server; url: string; script: (string | number)[]; received: Received[] }> {
  const script: (string | number)[] = [];
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      received.push({ body: JSON.parse(body), auth: req.headers.authorization });
      const next = script.shift() ?? 500;
      if (typeof next === 'number') return void res.writeHead(next).end('model crashed');
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: next }, finish_reason: 'stop' }] }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolve({ server, url: `http://127.0.0.1:${port}/v1`, script, received });
  }));
}

describe('natural-language drafts (chat-completions protocol test)', () => {
  let chat: Awaited<ReturnType<typeof chatServer>>;
  let config: LlmConfig;
  before(async () => {
    chat = await chatServer();
    config = { url: chat.url, model: 'test-model', apiKey: 'k-123', timeoutMs: 5000 };
  });
  after(() => chat.server.close());

  test('a valid draft: asked for under the IR JSON Schema, validated, origin stated by us', async () => {
    chat.script.push(JSON.stringify({ ...GOOD, origin: { kind: 'shell' } }));
    const draft = await draftPlan('is example up?', config);
    assert.equal(draft.repaired, false);
    assert.deepEqual(draft.plan.origin, { kind: 'natural-language', request: 'is example up?' });
    const sent = chat.received.at(-1)!;
    assert.equal(sent.body.model, 'test-model');
    assert.equal(sent.auth, 'Bearer k-123');
    assert.equal(sent.body.response_format.type, 'json_schema');
    assert.equal(sent.body.response_format.json_schema.schema.type, 'object');
    assert.equal(sent.body.messages.at(-1)!.content, 'is example up?');
  });

  test('an invalid draft is repaired once, the problems sent back', async () => {
    chat.script.push(JSON.stringify(NO_VERIFIER), `\`\`\`json\n${JSON.stringify(GOOD)}\n\`\`\``);
    const draft = await draftPlan('check it', config);
    assert.equal(draft.repaired, true);
    assert.equal(draft.plan.steps[0]!.id, 'up');
    const repair = chat.received.at(-1)!.body.messages;
    assert.equal(repair.at(-2)!.role, 'assistant');
    assert.match(repair.at(-1)!.content, /not valid: the drafted plan is not a valid plan: steps\[0\]\.verify: a step needs at least one verifier/);
  });

  test('an unrepairable draft is refused with the reason', async () => {
    chat.script.push('not json at all', JSON.stringify({ irVersion: 2 }));
    await assert.rejects(draftPlan('do it', config), (error: CoreError) =>
      error.code === 'INVALID_PLAN' && /the model's draft was invalid and its one repair too: .*irVersion/.test(error.message));
  });

  test('an endpoint that fails or is not there says so', async () => {
    chat.script.push(500);
    await assert.rejects(draftPlan('x', config), /the chat endpoint http:\/\/127\.0\.0\.1:\d+\/v1 answered 500: model crashed/);
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    await assert.rejects(draftPlan('x', { ...config, url: closed }), (error: CoreError) =>
      error.code === 'INVALID_STATE' && error.message.startsWith(`cannot reach the chat endpoint ${closed}`));
  });

  describe('through the core', () => {
    let core: Core;
    let dataDir: string;
    before(async () => {
      dataDir = join(tempDir().path, 'data');
      core = await createCore({ dataDir, lanes: ['A'], runWorkers: false });
    });
    after(() => core.close());

    test('without an endpoint, "?" says how to enable it', async () => {
      await assert.rejects(core.compile.preview('? restart nginx'), (error: CoreError) =>
        error.code === 'NOT_CONFIGURED' && /OPSROOM_LLM_URL .* Ollama.*settings\.json/.test(error.message));
    });

    test('a draft is previewed, never run by the grammar, and runs once approved', async () => {
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ llm: { url: chat.url, model: 'local' } }));
      chat.script.push(JSON.stringify(GOOD), JSON.stringify(GOOD));
      const outcome = await core.compile.preview('? is example up');
      assert.equal(outcome.status, 'compiled');
      assert.ok(outcome.status === 'compiled' && outcome.draft && outcome.source === 'natural-language');
      await assert.rejects(core.compile.run('? is example up'), /runs only after a person has seen it/);
      assert.equal((await core.runs.list()).length, 0, 'nothing was queued');
      const run = await core.compile.runDraft(outcome.status === 'compiled' ? outcome.plan : null);
      assert.equal(run.status, 'queued');
    });
  });
});
