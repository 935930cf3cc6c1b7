import type { Verifier } from '../../../shared/ir/verifier.ts';
import { maskedUrl } from '../db/masked-url.ts';

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i;

const maskUrlText = (text: string): string => {
  const url = URL.parse(text);
  return url ? maskedUrl(url) : text;
};

/**
 * The verifier config as stored with its proof and exported in bundles: resolved (so it says what was checked)
 * but with credentials masked — a URL's password and secret-bearing headers — as the evidence already is.
 */
export function redactConfig(config: Verifier): Verifier {
  if (config.kind === 'http') {
    const headers = config.headers && Object.fromEntries(Object.entries(config.headers)
      .map(([name, value]) => [name, SECRET_HEADERS.test(name) ? '***' : value]));
    return { ...config, url: maskUrlText(config.url), ...(headers ? { headers } : {}) };
  }
  if (config.kind === 'sql' && config.database && config.database !== 'local') return { ...config, database: maskUrlText(config.database) };
  return config;
}
