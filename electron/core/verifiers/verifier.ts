import type { Verifier } from '../../../shared/ir/verifier.ts';

/** What a verifier may look at: the finished step, and the means to query the app's own database. */
export interface VerifyContext {
  step: {
    exitCode: number | null | undefined;
    /** Captured output, capped (the cap is noted in `truncated`). */
    stdout: string;
    stderr: string;
    truncated: boolean;
    /** The tool's structured result (an MCP call's result, an http tool's response summary, ...). */
    result: unknown;
  };
  signal: AbortSignal;
  /** A read-only query on the app's own database (PGlite or the shared PostgreSQL). */
  localSql(query: string, params: unknown[]): Promise<{ fields: string[]; rows: unknown[][]; rowCount?: number }>;
}

/** Evidence too large to keep inline; stored once in `artifacts`, content-addressed by sha256. */
export interface LargeEvidence {
  name: string;
  mediaType: string;
  content: Uint8Array;
}

export interface VerifierOutcome {
  passed: boolean;
  /** One line a person reads: "HTTP 200 from http://…, body contains \"ok\"" / "exit code 3, expected 0". */
  summary: string;
  /** JSON evidence, kept inline (small: excerpts, hashes, codes). Its canonical-JSON sha256 is the proof's. */
  evidence: Record<string, unknown>;
  large?: LargeEvidence;
}

export interface VerifierModule<V extends Verifier = Verifier> {
  kind: V['kind'];
  /** Never throws for a failed check: a failure is an outcome with passed=false and the reason as evidence. */
  verify(config: V, ctx: VerifyContext): Promise<VerifierOutcome>;
}
