/** The Go front end end to end: exact ranges, fixes as text, half-typed code, options and suppressions. */
import * as assert from 'node:assert/strict';
import { parse } from '../../../../src/core/parser';
import { collectFacts } from '../../../../src/core/go/facts';
import { goRequestSites } from '../../../../src/core/go/analyze';
import type { HolePart } from '../../../../src/core/model';
import { analyzeText, applyEdits, errorCount, ranges } from './helpers';

const HEAD = 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n\t"time"\n)\n\n';

describe('go analyze: ranges', () => {
  it('points at exactly the pair, the header value, the key and the loop header', async () => {
    const text = `${HEAD}var key = os.Getenv("WAVES_API_KEY")

func run() {
	req, err := http.NewRequest("GET", fmt.Sprintf("https://api.x.io/v1/voices?lang=%s&api_key=%s", "en", key), nil)
	if err != nil {
		return
	}
	req.Header.Set("Authorization", fmt.Sprintf("Bearer %q", key))
	secret := "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
	_ = secret
	for {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		_ = resp
		return
	}
}
`;
    assert.deepEqual(await ranges(text), [
      'key-in-url api_key=%s',
      'bearer-format fmt.Sprintf("Bearer %q", key)',
      'hardcoded-key sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'retry-without-backoff for',
    ]);
  });

  it('never shows a whole key in a message', async () => {
    const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const text = `${HEAD}const k = "${key}"\n\nfunc f() { http.Get("https://api.x.io/v1?api_key=${key}") }\n`;
    const findings = await analyzeText(text);
    assert.ok(findings.length >= 2);
    for (const f of findings) assert.ok(!f.message.includes(key), f.message);
  });
});

describe('go analyze: fixes', () => {
  it('moves a concatenated key into req.Header.Set after the error check', async () => {
    const text = `${HEAD}func get(key string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, "https://api.x.io/v1/voices?api_key="+key, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
`;
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'key-in-url');
    const after = applyEdits(text, f.fix!.edits);
    assert.equal(after, `${HEAD}func get(key string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, "https://api.x.io/v1/voices", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	return http.DefaultClient.Do(req)
}
`);
    assert.deepEqual(await analyzeText(after), []);
    assert.equal(await errorCount(after), 0);
  });

  it('offers no URL fix for http.Get (no request variable to set a header on)', async () => {
    const text = `${HEAD}func get(key string) { http.Get("https://api.x.io/v1?api_key=" + key) }\n`;
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'key-in-url');
    assert.equal(f.fix, undefined);
  });

  it('rewrites a colon after Bearer', async () => {
    const text = `${HEAD}func h(req *http.Request, token string) {\n\treq.Header.Set("Authorization", "Bearer: "+token)\n}\n`;
    const [f] = await analyzeText(text);
    assert.equal(applyEdits(text, f.fix!.edits).split('\n')[10], '\treq.Header.Set("Authorization", "Bearer "+token)');
  });

  it('reads a key from os.Getenv only when os is imported and the literal is not a constant', async () => {
    const withOs = `${HEAD}var apiKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n\nconst other = "sk_live_9hJ2kL4mN6pQ8rS1tU3vW5xY"\n`;
    const [v, c] = await analyzeText(withOs);
    assert.equal(applyEdits(withOs, v.fix!.edits).split('\n')[9], 'var apiKey = os.Getenv("API_KEY")');
    assert.equal(c.fix, undefined);
    const noOs = 'package main\n\nvar apiKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n';
    const [n] = await analyzeText(noOs);
    assert.equal(n.ruleId, 'hardcoded-key');
    assert.equal(n.fix, undefined);
  });
});

describe('go analyze: half-typed code', () => {
  it('still finds http.Get after an unclosed brace, read as a type conversion under an ERROR node', async () => {
    const text = 'package main\n\nimport "net/http"\n\nfunc main() {\n\tif x {\n\tfoo(\n\thttp.Get("https://api.example.com/v1/items?api_key=abc123def456ghi")\n';
    const tree = await parse('go', text);
    try {
      assert.ok(tree.rootNode.descendantsOfType('type_conversion_expression').length > 0, 'the grammar reads the call as a conversion here');
    } finally {
      tree.delete();
    }
    assert.deepEqual(await ranges(text), ['key-in-url api_key=abc123def456ghi']);
  });

  it('still finds a call in a function left open', async () => {
    const text = 'package main\n\nimport "net/http"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tif i > 1 {\n\thttp.Get("https://api.example.com/v1/items?token=abc123def456ghi")\n}\n';
    assert.deepEqual(await ranges(text), ['key-in-url token=abc123def456ghi']);
  });
});

describe('go analyze: options and suppressions', () => {
  const text = `${HEAD}func f(key string) {\n\thttp.Get("https://api.x.io/v1?api_key=" + key)\n}\n`;

  it('turns a rule off or changes its severity', async () => {
    assert.deepEqual(await analyzeText(text, { rules: { 'key-in-url': 'off' } }), []);
    const [f] = await analyzeText(text, { rules: { 'key-in-url': 'error' } });
    assert.equal(f.severity, 'error');
  });

  it('takes extra secret parameter names', async () => {
    const t = `${HEAD}func f(k string) { http.Get("https://api.x.io/v1?sig=" + k) }\n`;
    assert.deepEqual(await ranges(t), []);
    assert.deepEqual(await ranges(t, { secretParamNames: ['sig'] }), ['key-in-url sig=" + k']);
  });

  it('honours next-line, same-line and file-wide comments', async () => {
    const next = text.replace('\thttp.Get', '\t// api-doctor-disable-next-line key-in-url\n\thttp.Get');
    assert.deepEqual(await analyzeText(next), []);
    const other = text.replace('\thttp.Get', '\t// api-doctor-disable-next-line bearer-format\n\thttp.Get');
    assert.equal((await analyzeText(other)).length, 1);
    const file = `/* api-doctor-disable */\n${text}`;
    assert.deepEqual(await analyzeText(file), []);
  });
});

describe('go facts', () => {
  it('remembers where a hole comes from and whether its name looks secret', async () => {
    const text = `${HEAD}func f() {
	token, ok := os.LookupEnv("SPECALA_TOKEN")
	_ = ok
	http.Get("https://api.x.io/v1/me?access_token=" + token + "&page=" + os.Getenv("PAGE"))
}
`;
    const tree = await parse('go', text);
    try {
      const facts = collectFacts(tree);
      const holes = facts.sites[0].url!.parts.filter((p): p is HolePart => p.kind === 'hole');
      assert.deepEqual(holes.map((h) => [h.origin, h.secret]), [
        [{ kind: 'env', name: 'SPECALA_TOKEN' }, true],
        [{ kind: 'env', name: 'PAGE' }, false],
      ]);
      assert.equal(facts.sites[0].method, 'GET');
    } finally {
      tree.delete();
    }
  });

  it('reads raw strings, escapes and strings.Join', async () => {
    const text = `${HEAD}import "strings"\n\nfunc f(k string) {\n\thttp.Get(strings.Join([]string{\`https://api.x.io/v1\`, "?q=\\u0041&key=", k}, ""))\n}\n`;
    const tree = await parse('go', text);
    try {
      const url = collectFacts(tree).sites[0].url!;
      assert.deepEqual(url.parts.map((p) => (p.kind === 'literal' ? p.value : `<${p.origin.name}>`)).join(''), 'https://api.x.io/v1?q=A&key=<k>');
    } finally {
      tree.delete();
    }
  });
});

describe('go request sites', () => {
  it('lists net/http and resty calls with their methods, not the settings around them', async () => {
    const text = `package main

import (
	"net/http"

	"github.com/go-resty/resty/v2"
)

func f(c *resty.Client, client *http.Client, key string) {
	http.Get("https://a.example.com/x")
	client.Post("https://b.example.com/y", "text/plain", nil)
	http.NewRequest(http.MethodDelete, "https://c.example.com/z", nil)
	c.R().SetQueryParam("api_key", key).Patch("https://d.example.com/w")
	cache.Get("not-a-request")
}
`;
    const tree = await parse('go', text);
    try {
      const sites = goRequestSites(tree);
      assert.deepEqual(sites.map((s) => `${s.method} ${s.url ? text.slice(s.url.span.start, s.url.span.end) : ''}`), [
        'GET "https://a.example.com/x"',
        'POST "https://b.example.com/y"',
        'DELETE "https://c.example.com/z"',
        'PATCH "https://d.example.com/w"',
      ]);
    } finally {
      tree.delete();
    }
  });
});
