// Flat config for the throughput comparison: only the equivalent rule, on JavaScript files.
'use strict';
const rule = require('./eslint-equivalent-rule.cjs');

module.exports = [
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { bench: { rules: { equivalent: rule } } },
    rules: { 'bench/equivalent': 'warn' },
  },
];
