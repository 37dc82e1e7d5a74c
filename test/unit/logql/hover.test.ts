import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverLogQL } from '../../../server/src/service/logql/hover';
import { signatureHelpLogQL } from '../../../server/src/service/logql/signatureHelp';

/** `‸` marks the cursor; `⟦…⟧` the expected hover range. */
function hover(input: string) {
  let text = '';
  let cursor = -1;
  let from = -1;
  let to = -1;
  for (const ch of input) {
    if (ch === '‸') cursor = text.length;
    else if (ch === '⟦') from = text.length;
    else if (ch === '⟧') to = text.length;
    else text += ch;
  }
  return { result: hoverLogQL(text, cursor), from, to };
}

const cases: [string, RegExp][] = [
  ['⟦ra‸te⟧({app="api"}[5m])', /Log lines per second/],
  ['sum(⟦quantile_over_t‸ime⟧(0.9, {a="b"} | json | unwrap x [5m]))', /φ-quantile[\s\S]*unwrap/],
  ['⟦app‸rox_topk⟧(5, sum(rate({a="b"}[5m])))', /instant queries only/i],
  ['{⟦a‸pp⟧="api"}', /stream label[\s\S]*="api"/],
  ['{app="api"} ⟦|‸=⟧ "x"', /contain the text/],
  ['{app="api"} ⟦!‸~⟧ "x"', /Drops lines that match the RE2/],
  ['{app="api"} |= "x" ⟦o‸r⟧ "y"', /alternatives/],
  ['{app="api"} | ⟦log‸fmt⟧ --strict', /key=value/],
  ['{app="api"} | logfmt ⟦--stri‸ct⟧', /malformed/],
  ['{app="api"} | ⟦line_fo‸rmat⟧ "{{.a}}"', /Go template/],
  ['{app="api"} | json | status ⟦>‸=⟧ 500', /Greater than or equal/],
  ['sum(rate({a="b"}[5m])) ⟦‸/⟧ 2', /Division/],
  ['sum ⟦b‸y⟧ (a) (rate({a="b"}[5m]))', /per group of the listed labels/],
  ['{app="api"} | regexp "(?P<route>\\w+)" | ⟦ro‸ute⟧="/x"', /extracted label, produced by `\| regexp` \(stage 1/],
  ['sum by (⟦rou‸te⟧) (count_over_time({a="b"} | pattern "<_> <route>" [5m]))', /produced by `\| pattern`/],
  ['{app="api"} | logfmt | ⟦lev‸el⟧="error"', /probably extracted by `\| logfmt`/],
  ['{app="api"} | json | ⟦__err‸or__⟧=""', /JSONParserErr/],
  ['sum_over_time({a="b"} | json t="took" | unwrap ⟦dur‸ation⟧(t) [5m])', /Go duration/],
  ['sum_over_time({a="b"} | json t="took" | unwrap duration(⟦‸t⟧) [5m])', /produced by `\| json`/],
  ['rate({a="b"}[⟦1h3‸0m⟧])', /1 hour 30 minutes = 5,400 seconds/],
  ['{a="b"} | json | size > ⟦10K‸iB⟧', /10,240 bytes/],
  ['{a="b"} | logfmt | line_format "{{⟦.ms‸g⟧}}"', /probably extracted by `\| logfmt`/],
  ['{a="b"} | line_format "{{.msg | ⟦ToUp‸per⟧}}"', /Upper-cases/],
  ['{a="b"} | logfmt | drop pod | line_format "{{⟦.po‸d⟧}}"', /removed by `drop` \(stage 2/],
  ['{a="b", pod="x"} | keep a | ⟦po‸d⟧="x"', /removed by `keep` \(stage 1/],
  ['{a="b"} | logfmt | drop pod="x" | line_format "{{⟦.po‸d⟧}}"', /probably extracted by `\| logfmt`/],
];

test('hover explains the token under the cursor', () => {
  for (const [input, expected] of cases) {
    const { result, from, to } = hover(input);
    assert.ok(result, input);
    assert.match(result.markdown, expected, input);
    assert.deepEqual([result.from, result.to], [from, to], input);
  }
});

test('signature help follows the open call and its active argument', () => {
  const cases: [string, string, number][] = [
    ['rate(‸', 'rate(<log query> [<range>])', 0],
    ['quantile_over_time(0.9, ‸', 'quantile_over_time(φ, <log query> | unwrap <label> [<range>]) [by|without (<labels>)]', 1],
    ['topk(5, sum by (a) (‸', 'sum [by|without (<labels>)](<metric query>)', 0],
    ['topk(5, ‸', 'topk [by|without (<labels>)](k, <metric query>)', 1],
    ['label_replace(vector(1), "a", "b", ‸', 'label_replace(<metric query>, "<dst_label>", "<replacement>", "<src_label>", "<regex>")', 3],
    ['{a="b"} |= ip(‸', 'ip("<address | CIDR | from-to>")', 0],
  ];
  for (const [input, label, active] of cases) {
    const offset = input.indexOf('‸');
    const help = signatureHelpLogQL(input.replace('‸', ''), offset);
    assert.equal(help?.signatures[0].label, label, input);
    assert.equal(help?.activeParameter, active, input);
  }
  assert.equal(signatureHelpLogQL('{a="b"}', 3), undefined);
});
