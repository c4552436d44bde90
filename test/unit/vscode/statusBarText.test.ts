import * as assert from 'node:assert/strict';
import { statusBarText } from '../../../src/vscode/editor/statusBarText';
import { formatMessage } from '../../../src/vscode/editor/translate';

describe('statusBarText', () => {
  it('shows the state and the finding count', () => {
    assert.equal(statusBarText('off', 3, formatMessage).text, '$(circle-slash) API Doctor');
    assert.match(statusBarText('off', 3, formatMessage).tooltip, /off in this workspace/);
    assert.equal(statusBarText('scanning', 3, formatMessage).text, '$(sync~spin) API Doctor');
    assert.equal(statusBarText('idle', 0, formatMessage).text, '$(check) API Doctor');
    assert.deepEqual(statusBarText('idle', 1, formatMessage), {
      text: '$(warning) API Doctor: 1', tooltip: 'API Doctor: 1 problem in HTTP calls. Click to open the Problems view.',
    });
    assert.equal(statusBarText('idle', 12, formatMessage).tooltip, 'API Doctor: 12 problems in HTTP calls. Click to open the Problems view.');
  });

  it('says why the active file is not linted', () => {
    assert.deepEqual(statusBarText('skipped', 0, formatMessage, 'it looks minified (900 characters per line on average)'), {
      text: '$(circle-slash) API Doctor',
      tooltip: 'API Doctor did not lint this file: it looks minified (900 characters per line on average). See the API Doctor output for details.',
    });
  });
});
