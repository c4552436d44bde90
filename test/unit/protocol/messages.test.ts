import * as assert from 'node:assert/strict';
import { isHostMessage, isViewMessage, type HostMessage, type ViewMessage } from '../../../src/protocol/messages';
import { composeUrl, emptyDraft, isRequestDraft, splitQuery, type RequestDraft } from '../../../src/protocol/request';
import type { ResponseView } from '../../../src/protocol/views';

const draft: RequestDraft = {
  method: 'POST',
  url: 'https://waves-api.smallest.ai/api/v1/pulse/get_text',
  query: [{ name: 'language', value: 'en', enabled: true }],
  headers: [{ name: 'Accept', value: 'application/json', enabled: false }],
  body: { kind: 'file', file: { fileId: 'file-1a2b', name: 'clip.wav', size: 4410, contentType: 'audio/wav' } },
  key: 'provider:waves',
};

/** One valid example of every view → host message type. */
const validViewMessages: Record<ViewMessage['type'], ViewMessage> = {
  ready: { type: 'ready' },
  runCommand: { type: 'runCommand', command: 'apiDoctor.setApiKey' },
  preflight: { type: 'preflight', id: 'pre-1', request: draft },
  send: { type: 'send', id: 'send-1', request: draft },
  retry: { type: 'retry', id: 'retry-1', request: emptyDraft() },
  cancel: { type: 'cancel', id: 'send-1' },
  pickFile: { type: 'pickFile', id: 'file-1' },
  bodyAction: { type: 'bodyAction', id: 'b-1', responseId: 'r-1', action: 'copyTicket' },
  copyAs: { type: 'copyAs', id: 'c-1', request: draft, format: 'python' },
  rerun: { type: 'rerun', id: 'x-1', historyId: 'r-9' },
  deleteHistory: { type: 'deleteHistory', id: 'x-2', historyId: 'r-9' },
  exportHistory: { type: 'exportHistory', id: 'x-3' },
};

/** For each type, ways a message of that type can be malformed. */
const invalidViewMessages: Record<ViewMessage['type'], unknown[]> = {
  ready: [{ type: 'ready', extra: 1 }],
  runCommand: [{ type: 'runCommand', command: 'workbench.action.terminal.sendSequence' }, { type: 'runCommand' }],
  preflight: [{ type: 'preflight', id: 'p', request: { ...draft, method: 'TRACE' } }, { type: 'preflight', request: draft }],
  send: [
    { type: 'send', id: '', request: draft },
    { type: 'send', id: 'a b', request: draft },
    { type: 'send', id: 'x'.repeat(65), request: draft },
    { type: 'send', id: 's', request: { ...draft, key: 'sk_live_abcdef' } },
    { type: 'send', id: 's', request: { ...draft, query: [{ name: 'a', value: 1, enabled: true }] } },
    { type: 'send', id: 's', request: { ...draft, headers: [{ name: 'a', value: 'b' }] } },
    { type: 'send', id: 's', request: { ...draft, body: { kind: 'json' } } },
    { type: 'send', id: 's', request: { ...draft, body: { kind: 'file', file: { fileId: 'f', name: 'a', size: -1, contentType: 'x' } } } },
    { type: 'send', id: 's', request: { ...draft, extra: true } },
  ],
  retry: [{ type: 'retry', id: 'r', request: null }],
  cancel: [{ type: 'cancel' }, { type: 'cancel', id: 5 }],
  pickFile: [{ type: 'pickFile', id: 'f', path: '/etc/passwd' }],
  bodyAction: [{ type: 'bodyAction', id: 'b', responseId: 'r', action: 'delete' }, { type: 'bodyAction', id: 'b', action: 'save' }],
  copyAs: [{ type: 'copyAs', id: 'c', request: draft, format: 'ruby' }],
  rerun: [{ type: 'rerun', id: 'x' }],
  deleteHistory: [{ type: 'deleteHistory', id: 'x', historyId: '../x' }],
  exportHistory: [{ type: 'exportHistory' }],
};

const response: ResponseView = {
  responseId: 'r-1', status: 429, statusText: 'Too Many Requests', elapsedMs: 12, sizeBytes: 40, truncated: false, clipped: false,
  url: 'http://127.0.0.1:9/x', headers: [['retry-after', '1']], body: { kind: 'json', text: '{}' }, redirects: [], diagnosis: null, attempts: 1,
};

const validHostMessages: Record<HostMessage['type'], HostMessage> = {
  init: { type: 'init', version: '0.1.0', keys: [{ id: 'provider:waves', label: 'Waves', masked: 'sk_***abcd', hosts: ['waves-api.smallest.ai'] }], history: [] },
  keys: { type: 'keys', keys: [] },
  history: { type: 'history', history: [{ id: 'r-1', at: '2026-01-01T00:00:00.000Z', method: 'GET', url: 'https://x.test/', status: 200, failure: null, provider: null, request: emptyDraft() }] },
  prefill: { type: 'prefill', request: draft, sendId: null },
  preflight: { type: 'preflight', replyTo: 'pre-1', provider: 'Waves', warnings: [{ rule: 'key-in-url', severity: 'warning', message: 'm', fix: { title: 't', request: draft } }] },
  progress: { type: 'progress', replyTo: 'send-1', phase: 'waiting', attempt: 2, maxAttempts: 4, waitMs: 1000 },
  response: { type: 'response', replyTo: 'send-1', response },
  failure: { type: 'failure', replyTo: 'send-1', failure: { responseId: 'r-2', kind: 'dns', message: 'm', title: 't', causes: [], fixes: ['f'], retryable: false, elapsedMs: 3, attempts: 1 } },
  fileChosen: { type: 'fileChosen', replyTo: 'file-1', file: null },
  done: { type: 'done', replyTo: 'c-1', ok: true, message: 'Copied.' },
};

const invalidHostMessages: Record<HostMessage['type'], unknown[]> = {
  init: [{ type: 'init', version: 1, keys: [], history: [] }],
  keys: [{ type: 'keys', keys: [{ id: 'x' }] }],
  history: [{ type: 'history' }],
  prefill: [{ type: 'prefill', request: draft }],
  preflight: [{ type: 'preflight', replyTo: 'p', provider: null, warnings: [{ rule: 'r', severity: 'fatal', message: 'm' }] }],
  progress: [{ type: 'progress', replyTo: 's', phase: 'sleeping', attempt: 1, maxAttempts: 1, waitMs: 0 }, { type: 'progress', replyTo: 's', phase: 'waiting', attempt: 1, maxAttempts: 1, waitMs: -5 }],
  response: [{ type: 'response', replyTo: 's', response: { ...response, body: { kind: 'html' } } }],
  failure: [{ type: 'failure', replyTo: 's', failure: { kind: 'dns' } }],
  fileChosen: [{ type: 'fileChosen', replyTo: 'f', file: { name: 'x' } }],
  done: [{ type: 'done', replyTo: 'd', ok: 'yes', message: 'm' }],
};

describe('panel protocol', () => {
  describe('view → host guard', () => {
    for (const [type, message] of Object.entries(validViewMessages)) {
      it(`accepts a well-formed ${type}`, () => assert.equal(isViewMessage(message), true));
      it(`drops a malformed ${type}`, () => {
        for (const bad of invalidViewMessages[type as ViewMessage['type']]) assert.equal(isViewMessage(bad), false, JSON.stringify(bad));
      });
    }
    it('drops non-objects and unknown types', () => {
      for (const bad of [null, undefined, 'ready', 42, [], { type: 'eval', code: '1' }, { type: 'constructor' }]) assert.equal(isViewMessage(bad), false);
    });
  });

  describe('host → view guard', () => {
    for (const [type, message] of Object.entries(validHostMessages)) {
      it(`accepts a well-formed ${type}`, () => assert.equal(isHostMessage(message), true));
      it(`drops a malformed ${type}`, () => {
        for (const bad of invalidHostMessages[type as HostMessage['type']]) assert.equal(isHostMessage(bad), false, JSON.stringify(bad));
      });
    }
  });

  describe('request drafts', () => {
    it('accepts key choices by id only, never a key value', () => {
      assert.equal(isRequestDraft({ ...draft, key: 'host:127.0.0.1:8787' }), true);
      assert.equal(isRequestDraft({ ...draft, key: '' }), true);
      assert.equal(isRequestDraft({ ...draft, key: 'auto' }), true);
      assert.equal(isRequestDraft({ ...draft, key: 'Bearer sk_live_1234567890' }), false);
    });

    it('splits a typed query into rows and composes it back', () => {
      const { base, rows } = splitQuery('https://app.specala.ai/api/v1/developer/transcriptions?limit=100&q=a%20b#top');
      assert.equal(base, 'https://app.specala.ai/api/v1/developer/transcriptions');
      assert.deepEqual(rows, [{ name: 'limit', value: '100', enabled: true }, { name: 'q', value: 'a b', enabled: true }]);
      assert.equal(composeUrl(base, rows), 'https://app.specala.ai/api/v1/developer/transcriptions?limit=100&q=a%20b');
      assert.equal(composeUrl('https://x.test/a?x=1#h', [{ name: 'y', value: '2', enabled: true }, { name: 'z', value: '3', enabled: false }]), 'https://x.test/a?x=1&y=2#h');
      assert.deepEqual(splitQuery('https://x.test/a'), { base: 'https://x.test/a', rows: [] });
    });
  });
});
