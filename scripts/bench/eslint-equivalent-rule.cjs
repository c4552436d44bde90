// The ESLint side of the throughput comparison: one custom rule doing checks equivalent to API
// Doctor's, as a plain AST walk: credential-looking query parameters in string and template
// literals, quoted Bearer strings, and loops that call an HTTP function without a sleep.
'use strict';

const SECRET_PARAM = /[?&](api[-_]?key|key|token|access[-_]?token|secret|client[-_]?secret|password|auth)=/i;
const QUOTED_BEARER = /Bearer\s*["']|Bearer\s{2,}|Bearer:/;
const HTTP_CALLEE = /^(fetch|axios|got|ky|request|superagent)$|\.(get|post|put|patch|delete|request|fetch)$/;
const SLEEP_CALLEE = /sleep|delay|wait|setTimeout/i;

function calleeText(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    return `${calleeText(node.object)}.${node.property.name}`;
  }
  return '';
}

module.exports = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const loops = [];
    function enterLoop() {
      loops.push({ http: null, sleep: false });
    }
    function exitLoop(node) {
      const loop = loops.pop();
      if (loop && loop.http && !loop.sleep) context.report({ node, message: 'HTTP call repeated in a loop without a delay.' });
    }
    function checkText(node, text) {
      if (SECRET_PARAM.test(text)) context.report({ node, message: 'Credential in a URL query string.' });
      if (QUOTED_BEARER.test(text)) context.report({ node, message: 'Malformed Bearer value.' });
    }
    return {
      Literal(node) {
        if (typeof node.value === 'string') checkText(node, node.value);
      },
      TemplateLiteral(node) {
        checkText(node, node.quasis.map((q) => q.value.raw).join('${}'));
      },
      CallExpression(node) {
        const name = calleeText(node.callee);
        if (loops.length === 0 || !name) return;
        const loop = loops[loops.length - 1];
        if (HTTP_CALLEE.test(name)) loop.http = node;
        if (SLEEP_CALLEE.test(name)) loop.sleep = true;
      },
      ForStatement: enterLoop,
      'ForStatement:exit': exitLoop,
      WhileStatement: enterLoop,
      'WhileStatement:exit': exitLoop,
      DoWhileStatement: enterLoop,
      'DoWhileStatement:exit': exitLoop,
      ForOfStatement: enterLoop,
      'ForOfStatement:exit': exitLoop,
      ForInStatement: enterLoop,
      'ForInStatement:exit': exitLoop,
    };
  },
};
