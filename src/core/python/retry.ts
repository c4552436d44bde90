/**
 * `retry-without-backoff` and `retry-after-ignored` for Python: loops, self-calls and retry
 * libraries described as LoopFacts, reported by the shared rule. Library findings get messages
 * that name the Python library's own options.
 */
import { retryFindings, type LoopFacts } from '../rules/retryWithoutBackoff';
import type { Finding } from '../types';
import type { PythonFacts } from './facts';
import { findLibraryRetries } from './retryLibraries';
import { analyzeLoop, analyzeSelfCalls, retryEnv } from './retryLoops';

export function findPythonRetryFacts(facts: PythonFacts, text: string): { loops: LoopFacts[]; messages: Map<string, string> } {
  const env = retryEnv(facts, text);
  const loops: LoopFacts[] = [];
  for (const loop of facts.loops) {
    const f = analyzeLoop(loop, env);
    if (f) loops.push(f);
  }
  for (const fn of facts.functions) loops.push(...analyzeSelfCalls(fn, env));
  const messages = new Map<string, string>();
  for (const lib of findLibraryRetries(env)) {
    loops.push(lib.facts);
    messages.set(`${lib.facts.span.start}:${lib.facts.span.end}`, lib.message);
  }
  return { loops: loops.sort((a, b) => a.span.start - b.span.start), messages };
}

export function checkPythonRetries(facts: PythonFacts, text: string): Finding[] {
  const { loops, messages } = findPythonRetryFacts(facts, text);
  return retryFindings(loops).map((f) => {
    const message = f.ruleId === 'retry-without-backoff' ? messages.get(`${f.start}:${f.end}`) : undefined;
    return message ? { ...f, message } : f;
  });
}
