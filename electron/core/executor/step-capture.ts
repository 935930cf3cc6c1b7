/** Output kept per stream for verifiers and `${steps.x.stdout}` references; the events keep everything. */
const KEEP_BYTES = 1024 * 1024;

export interface StepOutputs {
  exitCode: number | null | undefined;
  stdout: string;
  stderr: string;
  truncated: boolean;
  result: unknown;
}

/** Collects a try's output lines, up to KEEP_BYTES a stream (noting the cut). */
export function stepCapture() {
  const kept = { stdout: [] as string[], stderr: [] as string[] };
  const bytes = { stdout: 0, stderr: 0 };
  let truncated = false;
  return {
    line(stream: 'stdout' | 'stderr', line: string): void {
      const size = Buffer.byteLength(line) + 1;
      if (bytes[stream] + size > KEEP_BYTES) {
        truncated = true;
        return;
      }
      bytes[stream] += size;
      kept[stream].push(line);
    },
    outputs(exitCode: number | null | undefined, result: unknown): StepOutputs {
      return { exitCode, stdout: kept.stdout.join('\n'), stderr: kept.stderr.join('\n'), truncated, result };
    },
  };
}
