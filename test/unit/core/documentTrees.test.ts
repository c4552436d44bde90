import * as assert from 'node:assert/strict';
import { DocumentTrees, endPoint, type TextChange } from '../../../src/core/documentTrees';
import { LineIndex } from '../../../src/core/lineIndex';
import { parse } from '../../../src/core/parser';

/** The change an editor reports for replacing [start, end) of `text` by `insert`. */
function change(text: string, start: number, end: number, insert: string): TextChange {
  const lines = new LineIndex(text);
  const a = lines.positionAt(start);
  const b = lines.positionAt(end);
  return { startOffset: start, oldLength: end - start, start: { row: a.line, column: a.character }, oldEnd: { row: b.line, column: b.character }, text: insert };
}

async function freshSexp(text: string): Promise<string> {
  const tree = await parse('typescript', text);
  try {
    return tree.rootNode.toString();
  } finally {
    tree.delete();
  }
}

describe('DocumentTrees', () => {
  it('re-parses incrementally after edits and yields the same tree as a full parse', async () => {
    const trees = new DocumentTrees();
    let text = 'const a = 1;\nfetch("https://x.example/a");\n';
    const first = await trees.treeFor('doc', 'typescript', text, 1);
    first.delete();
    assert.equal(trees.lastParse, 'full');

    // Two edits in one event, the later one first (as the editor reports multi-cursor edits).
    const c1 = change(text, text.indexOf('a");'), text.indexOf('a");') + 1, 'b/c');
    const afterFirst = text.slice(0, c1.startOffset) + c1.text + text.slice(c1.startOffset + c1.oldLength);
    const c2 = change(afterFirst, 6, 7, 'answer');
    text = afterFirst.slice(0, 6) + 'answer' + afterFirst.slice(7);
    trees.applyChanges('doc', [c1, c2], 2);
    const second = await trees.treeFor('doc', 'typescript', text, 2);
    try {
      assert.equal(trees.lastParse, 'incremental');
      assert.equal(second.rootNode.toString(), await freshSexp(text));
      assert.equal(second.rootNode.descendantForIndex(text.indexOf('answer'))?.text, 'answer');
    } finally {
      second.delete();
    }
  });

  it('keeps UTF-16 columns right after an emoji and a line break are typed', async () => {
    const trees = new DocumentTrees();
    let text = 'const s = "😀";\nfoo(1);\n';
    (await trees.treeFor('d', 'typescript', text, 1)).delete();
    const at = text.indexOf('";');
    const c = change(text, at, at, 'é\n😀');
    text = text.slice(0, at) + 'é\n😀' + text.slice(at);
    trees.applyChanges('d', [c], 2);
    const tree = await trees.treeFor('d', 'typescript', text, 2);
    try {
      assert.equal(tree.rootNode.toString(), await freshSexp(text));
      const foo = tree.rootNode.descendantForIndex(text.indexOf('foo'));
      assert.deepEqual(foo?.startPosition, { row: 2, column: 0 });
      assert.equal(foo?.startIndex, text.indexOf('foo'));
    } finally {
      tree.delete();
    }
  });

  it('returns the cached tree for an unchanged version and parses fully when versions jump', async () => {
    const trees = new DocumentTrees();
    const text = 'fetch("https://x.example");\n';
    (await trees.treeFor('k', 'javascript', text, 1)).delete();
    (await trees.treeFor('k', 'javascript', text, 1)).delete();
    assert.equal(trees.lastParse, 'cached');
    (await trees.treeFor('k', 'javascript', `${text}x;\n`, 5)).delete();
    assert.equal(trees.lastParse, 'full');
  });

  it('deletes the tree of a forgotten document and of every document on clear', async () => {
    const trees = new DocumentTrees();
    (await trees.treeFor('a', 'javascript', 'a();', 1)).delete();
    (await trees.treeFor('b', 'javascript', 'b();', 1)).delete();
    assert.equal(trees.size, 2);
    trees.forget('a');
    assert.equal(trees.has('a'), false);
    assert.equal(trees.size, 1);
    trees.clear();
    assert.equal(trees.size, 0);
  });

  it('ignores changes for documents it has no tree for', () => {
    const trees = new DocumentTrees();
    trees.applyChanges('none', [change('x', 0, 1, 'y')], 2);
    assert.equal(trees.size, 0);
  });
});

describe('endPoint', () => {
  it('counts \\n, \\r\\n and \\r as line ends and columns in UTF-16 units', () => {
    assert.deepEqual(endPoint({ row: 3, column: 4 }, 'ab'), { row: 3, column: 6 });
    assert.deepEqual(endPoint({ row: 3, column: 4 }, 'a\r\nbc'), { row: 4, column: 2 });
    assert.deepEqual(endPoint({ row: 0, column: 0 }, 'a\rb\n😀'), { row: 2, column: 2 });
    assert.deepEqual(endPoint({ row: 1, column: 1 }, ''), { row: 1, column: 1 });
  });
});
