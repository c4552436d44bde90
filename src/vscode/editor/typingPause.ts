/**
 * How long to wait after a keystroke before linting again: 250 ms, or three times the document's
 * last analysis when that was slow (at most 2 s), so that a large file is not re-analysed between
 * every two keystrokes. Pure.
 */
export const TYPING_PAUSE_MS = 250;
export const MAX_TYPING_PAUSE_MS = 2_000;

export function typingPause(lastAnalysisMs: number | undefined): number {
  return Math.min(MAX_TYPING_PAUSE_MS, Math.max(TYPING_PAUSE_MS, Math.round((lastAnalysisMs ?? 0) * 3)));
}

/**
 * How long typing must pause before the whole document is analysed again after statement-by-
 * statement runs: 1.5 s, or ten times the last whole analysis (at most 10 s), so a slow file costs
 * its full price only when the user has stopped for a while.
 */
export const WHOLE_ANALYSIS_PAUSE_MS = 1_500;
export const MAX_WHOLE_ANALYSIS_PAUSE_MS = 10_000;

export function wholeAnalysisPause(lastWholeAnalysisMs: number | undefined): number {
  return Math.min(MAX_WHOLE_ANALYSIS_PAUSE_MS, Math.max(WHOLE_ANALYSIS_PAUSE_MS, Math.round((lastWholeAnalysisMs ?? 0) * 10)));
}
