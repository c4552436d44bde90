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
