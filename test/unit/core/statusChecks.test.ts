import * as assert from 'node:assert/strict';
import { findStatusCheck } from '../../../src/core/statusChecks';

/** The check found with the cursor on the first occurrence of `token` (its middle). */
function at(text: string, token: string) {
  const i = text.indexOf(token);
  assert.ok(i >= 0, `${token} is in the text`);
  const found = findStatusCheck(text, i + Math.floor(token.length / 2));
  return found && { status: found.status, text: text.slice(found.start, found.end) };
}

describe('findStatusCheck', () => {
  it('finds comparisons of a status with a number, either way round', () => {
    assert.deepEqual(at('if (res.status === 429) wait();', '429'), { status: 429, text: '429' });
    assert.deepEqual(at('if (response.status == 401) {', '401'), { status: 401, text: '401' });
    assert.deepEqual(at('if r.status_code != 403:', '403'), { status: 403, text: '403' });
    assert.deepEqual(at('if (500 <= res.statusCode) retry()', '500'), { status: 500, text: '500' });
    assert.deepEqual(at('if resp.StatusCode == 404 {', '404'), { status: 404, text: '404' });
  });

  it('finds statuses in lists compared with a status', () => {
    assert.deepEqual(at('if r.status_code in (429, 503):', '503'), { status: 503, text: '503' });
    assert.deepEqual(at('if ([429, 503].includes(res.status)) {', '429'), { status: 429, text: '429' });
  });

  it('finds case clauses of a switch on a status', () => {
    const js = 'switch (res.status) {\n  case 401:\n    break;\n  case 429:\n    retry();\n}';
    assert.deepEqual(at(js, '429'), { status: 429, text: '429' });
    const go = 'switch resp.StatusCode {\ncase 401, 403:\n\treturn err\n}';
    assert.deepEqual(at(go, '403'), { status: 403, text: '403' });
    const py = 'match r.status_code:\n    case 429:\n        sleep(1)';
    assert.deepEqual(at(py, '429'), { status: 429, text: '429' });
  });

  it('finds named status constants of Go, Python and JS libraries', () => {
    assert.deepEqual(at('if resp.StatusCode == http.StatusTooManyRequests {', 'StatusTooMany'), { status: 429, text: 'http.StatusTooManyRequests' });
    assert.deepEqual(at('if r.status == HTTPStatus.UNAUTHORIZED:', 'UNAUTHORIZED'), { status: 401, text: 'HTTPStatus.UNAUTHORIZED' });
    assert.deepEqual(at('if r.status_code == requests.codes.too_many_requests:', 'too_many'), { status: 429, text: 'codes.too_many_requests' });
    assert.deepEqual(at('raise HTTPException(status_code=status.HTTP_403_FORBIDDEN)', 'HTTP_403'), { status: 403, text: 'status.HTTP_403_FORBIDDEN' });
    assert.deepEqual(at('if (res.status === StatusCodes.FORBIDDEN) {', 'FORBIDDEN'), { status: 403, text: 'StatusCodes.FORBIDDEN' });
  });

  it('ignores numbers that are not compared with a status', () => {
    assert.equal(at('const timeout = 429;', '429'), undefined);
    assert.equal(at('if (count === 401) {', '401'), undefined);
    assert.equal(at('switch (kind) {\n  case 401:\n}', '401'), undefined);
    assert.equal(at('log("res.status === 429")', '429'), undefined);
    assert.equal(at('x = 1 // res.status === 429', '429'), undefined);
    assert.equal(at('res.status(404).send()', '404'), undefined);
    assert.equal(at('if (res.status === 42) {', '42'), undefined);
  });

  it('answers only for the token under the cursor', () => {
    const text = 'if (res.status === 429) wait();';
    assert.equal(findStatusCheck(text, text.indexOf('wait')), undefined);
    assert.equal(findStatusCheck(text, text.indexOf('429'))?.status, 429);
    assert.equal(findStatusCheck(text, text.indexOf('429') + 3)?.status, 429);
  });
});
