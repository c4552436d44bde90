/**
 * Which request site a status check or a finding is about: the call that contains it, else a call
 * in the same function, else the nearest call in the file (before it first). Pure.
 */
import type { Span } from '../../core/model';

export function siteForOffset<S extends { span: Span }>(sites: readonly S[], offset: number, enclosing?: Span): S | undefined {
  const containing = sites.filter((s) => s.span.start <= offset && offset <= s.span.end);
  if (containing.length > 0) return containing.reduce((a, b) => (b.span.end - b.span.start < a.span.end - a.span.start ? b : a));
  if (enclosing) {
    const inside = sites.filter((s) => s.span.start >= enclosing.start && s.span.end <= enclosing.end);
    const near = nearest(inside, offset);
    if (near) return near;
  }
  return nearest(sites, offset);
}

function nearest<S extends { span: Span }>(sites: readonly S[], offset: number): S | undefined {
  let before: S | undefined;
  let after: S | undefined;
  for (const s of sites) {
    if (s.span.end <= offset) {
      if (!before || s.span.end > before.span.end) before = s;
    } else if (!after || s.span.start < after.span.start) after = s;
  }
  return before ?? after;
}
