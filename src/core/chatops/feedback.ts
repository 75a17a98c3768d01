/** How a bot's reply reads: the outcome it announces, if any. */
export type ReplyVerdict = 'success' | 'failure' | 'info';

export interface FeedbackPatterns {
  success: RegExp[];
  failure: RegExp[];
}

/** Words bots commonly answer with; a team's own patterns replace these, they do not add to them. */
export const DEFAULT_SUCCESS = ['\\b(succeeded|success(ful(ly)?)?|deployed|restarted|done|completed?)\\b', '✅|✓|:white_check_mark:|:heavy_check_mark:'];
export const DEFAULT_FAILURE = ['\\b(fail(ed|ure|s)?|errors?|denied|forbidden|not allowed|unauthori[sz]ed|aborted|rejected)\\b', '❌|✗|:x:|:no_entry:'];

/** Compiles configured patterns case-insensitively; an invalid one is reported, not thrown. */
export function compilePatterns(success: readonly string[] | undefined, failure: readonly string[] | undefined): { patterns: FeedbackPatterns; invalid: string[] } {
  const invalid: string[] = [];
  const compile = (list: readonly string[]) =>
    list.flatMap((p) => {
      try {
        return [new RegExp(p, 'iu')];
      } catch {
        invalid.push(p);
        return [];
      }
    });
  return { patterns: { success: compile(success ?? DEFAULT_SUCCESS), failure: compile(failure ?? DEFAULT_FAILURE) }, invalid };
}

/** Failure wins over success: "deploy failed, rollback done" is a failure. */
export function classifyReply(text: string, patterns: FeedbackPatterns): ReplyVerdict {
  if (patterns.failure.some((p) => p.test(text))) return 'failure';
  if (patterns.success.some((p) => p.test(text))) return 'success';
  return 'info';
}
