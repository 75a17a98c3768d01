/** How a bot's reply reads: the outcome it announces, if any. */
export type ReplyVerdict = 'success' | 'failure' | 'info';

/** A reply pattern from youops.yaml, matched in time linear in the reply. */
export interface ReplyPattern {
  readonly source: string;
  test(text: string): boolean;
}

export interface FeedbackPatterns {
  success: ReplyPattern[];
  failure: ReplyPattern[];
}

/** Words bots commonly answer with; a team's own patterns replace these, they do not add to them. */
export const DEFAULT_SUCCESS = ['\\b(succeeded|success(ful(ly)?)?|deployed|restarted|done|completed?)\\b', '✅|✓|:white_check_mark:|:heavy_check_mark:'];
export const DEFAULT_FAILURE = ['\\b(fail(ed|ure|s)?|errors?|denied|forbidden|not allowed|unauthori[sz]ed|aborted|rejected)\\b', '❌|✗|:x:|:no_entry:'];

/**
 * Compiles one pattern case-insensitively with RE2 (re2js): patterns come from the repository and
 * replies from a server, so a JavaScript RegExp such as `(a+)+$` could backtrack for minutes on
 * a reply. RE2 matches in linear time and has no lookaround or backreferences.
 * Throws with RE2's reason when the pattern is not valid.
 */
export function compileReplyPattern(source: string): ReplyPattern {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, like ajv
  const { RE2JS } = require('re2js') as typeof import('re2js');
  let re: import('re2js').RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    throw new Error(`${(e as Error).message.replace(/^error parsing regexp: /, '')} (bot replies are matched in linear time, RE2 syntax: no lookaround or backreferences)`);
  }
  return { source, test: (text) => re.test(text) };
}

/** Compiles configured patterns case-insensitively; an invalid one is reported, not thrown. */
export function compilePatterns(success: readonly string[] | undefined, failure: readonly string[] | undefined): { patterns: FeedbackPatterns; invalid: string[] } {
  const invalid: string[] = [];
  const compile = (list: readonly string[]) =>
    list.flatMap((p) => {
      try {
        return [compileReplyPattern(p)];
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
