import type { z } from 'zod';

export interface InputIssue {
  path: string;
  message: string;
}

const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * A zod error as the contract's issues, each naming the field it is about: an unknown key gets its own path
 * (not the object's), and a failed union lists its options' problems rather than only "Invalid input".
 */
export function inputIssues(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): InputIssue[] {
  return issues.flatMap((issue): InputIssue[] => {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: dotted([...path, key]), message: 'not a known field' }));
    if (issue.code === 'invalid_union' && issue.errors.length > 0) return issue.errors.flatMap((branch) => inputIssues(branch, path));
    return [{ path: dotted(path), message: issue.message }];
  });
}

/** One line naming every field with a problem, e.g. `title: a session title is 1 to 200 characters`. */
export const describeIssues = (issues: InputIssue[]): string =>
  issues.map((issue) => `${issue.path || '(the input)'}: ${issue.message}`).join('; ');
