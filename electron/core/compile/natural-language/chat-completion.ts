import { CoreError } from '../../errors.ts';
import { describeNetworkError } from '../../net/network-error.ts';
import type { LlmConfig } from './llm-config.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * One request to an OpenAI-compatible `/chat/completions` endpoint, asking for JSON under `schema`
 * (`response_format: json_schema`, which Ollama, LM Studio, vLLM and OpenAI accept). Returns the assistant's text.
 * Every failure says what to do: unreachable, refused, timed out, or an answer without content.
 */
export async function chatCompletion(config: LlmConfig, messages: ChatMessage[], schema: object, signal?: AbortSignal): Promise<string> {
  const url = new URL(`${config.url}/chat/completions`);
  const body = {
    model: config.model,
    messages,
    temperature: 0,
    response_format: { type: 'json_schema', json_schema: { name: 'pulser_plan', schema, strict: false } },
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.any([AbortSignal.timeout(config.timeoutMs), ...(signal ? [signal] : [])]),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new CoreError('INVALID_STATE', `the chat endpoint ${config.url} gave no answer within ${config.timeoutMs / 1000} s (model ${config.model})`);
    }
    const failure = describeNetworkError(error, url);
    throw new CoreError('INVALID_STATE', `cannot reach the chat endpoint ${config.url}: ${failure.message} (is the model server running?)`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new CoreError('INVALID_STATE', `the chat endpoint ${config.url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  const content = contentOf(text);
  if (content === null) throw new CoreError('INVALID_STATE', `the chat endpoint ${config.url} answered without a message: ${text.slice(0, 300)}`);
  return content;
}

function contentOf(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
    const content = parsed.choices?.[0]?.message?.content;
    return typeof content === 'string' ? content : null;
  } catch {
    return null;
  }
}
