/**
 * Offsets through text edits: where a range of the text before a replacement sits after it. Shared
 * by the document trees and the trackers of the keystroke path.
 */
import type { Span } from './model';

/** One replacement, in the coordinates of the text before it. */
export interface Replacement {
  startOffset: number;
  oldLength: number;
  /** Length of the inserted text. */
  newLength: number;
}

/** A point before the change stays; after it, moves by the change's length difference. */
export function mapStart(offset: number, c: Replacement): number {
  if (offset <= c.startOffset) return offset;
  if (offset >= c.startOffset + c.oldLength) return offset + c.newLength - c.oldLength;
  return c.startOffset;
}

export function mapEnd(offset: number, c: Replacement): number {
  if (offset < c.startOffset) return offset;
  if (offset >= c.startOffset + c.oldLength) return offset + c.newLength - c.oldLength;
  return c.startOffset + c.newLength;
}

/** The range after the replacement: a range the replacement falls in grows or shrinks with it. */
export function mapSpan(span: Span, c: Replacement): Span {
  return { start: mapStart(span.start, c), end: mapEnd(span.end, c) };
}

/** Whether the change touches the range; touching counts: typing right after a string can change what the string is part of. */
export function touches(start: number, end: number, c: Replacement): boolean {
  return end >= c.startOffset && start <= c.startOffset + c.oldLength;
}

/** Whether two ranges overlap or touch. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && a.end >= b.start;
}

export function union(a: Span | undefined, b: Span): Span {
  return a ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : b;
}
