import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageServiceOptions } from '../server/src/service/languageService';
import { staticLokiSnapshot, type LokiSnapshot } from '../server/src/service/live/lokiSnapshot';
import { generateLokiRuleFile } from './generateLokiRules';
import { percentile, printFigures } from './stats';

const streamCount = 5_000;
const rounds = 30;

/**
 * A cluster's worth of streams: those the rule file selects (one per namespace/app pair found
 * in it, times pods), then more apps in other namespaces, up to 5,000 streams in all.
 */
function streams(rulesText: string): Record<string, string>[] {
  const levels = ['debug', 'info', 'warn', 'error', 'fatal'];
  const pairs = new Set<string>();
  for (const match of rulesText.matchAll(/\{namespace="([^"]+)", app="([^"]+)"/g)) pairs.add(`${match[1]} ${match[2]}`);
  const out: Record<string, string>[] = [];
  const add = (namespace: string, app: string, i: number) =>
    out.push({
      namespace,
      app,
      pod: `${app}-${(i * 2654435761) % 100_000}`,
      container: i % 3 ? 'main' : 'sidecar',
      level: levels[i % 5],
      cluster: 'eu-1',
    });
  for (const pair of pairs) {
    const [namespace, app] = pair.split(' ');
    for (let pod = 0; pod < 3 && out.length < streamCount / 2; pod++) add(namespace, app, out.length);
  }
  for (let i = 0; out.length < streamCount; i++) add(`team-${i % 40}`, `app-${i % 250}`, out.length);
  return out;
}

/**
 * The static snapshot computes each answer from the streams; the live source answers a repeated
 * lookup from its cache. Memoising gives the bench the live source's cost, not the fixture's.
 */
function cached(snapshot: LokiSnapshot): LokiSnapshot {
  const memo = new Map<string, readonly string[] | undefined>();
  const remember = (key: string, read: () => readonly string[] | undefined) => {
    if (!memo.has(key)) memo.set(key, read());
    return memo.get(key);
  };
  return {
    source: snapshot.source,
    reachable: true,
    window: snapshot.window,
    labelNames: (matchers) => remember(`names ${JSON.stringify(matchers ?? [])}`, () => snapshot.labelNames(matchers)),
    labelValues: (label, matchers) => remember(`${label} ${JSON.stringify(matchers ?? [])}`, () => snapshot.labelValues(label, matchers)),
    streams: (matchers) => snapshot.streams(matchers), // not read by completion
  };
}

/** `|` marks the cursor. */
const logqlCases = [
  '{|}',
  '{namespace="team-3", |}',
  '{app="|"}',
  '{namespace="team-7", pod=~"app-7.*", app="|"}',
  'sum by (level) (count_over_time({namespace="|"} |= "error" [5m]))',
];

function completionTimes(options: LanguageServiceOptions, documents: Array<{ document: TextDocument; offset: number }>): number[] {
  const service = getLanguageService(options);
  const samples: number[] = [];
  for (let round = 0; round < rounds + 3; round++) {
    for (const { document, offset } of documents) {
      const start = performance.now();
      service.doComplete(document, document.positionAt(offset));
      if (round >= 3) samples.push(performance.now() - start); // the first rounds fill caches and the JIT
    }
  }
  return samples;
}

/** Live LogQL completion p95: a .logql file and a 10,000-line Loki rule file, with a Loki of 5,000 streams. */
export async function lokiLiveBench(): Promise<void> {
  const rulesText = generateLokiRuleFile(10_000);
  const snapshot = cached(staticLokiSnapshot({ streams: streams(rulesText) }));
  const logql = logqlCases.map((marked, i) => ({
    document: TextDocument.create(`file:///bench/loki-${i}.logql`, 'logql', 1, marked.replace('|', '')),
    offset: marked.indexOf('|'),
  }));
  const rules = TextDocument.create('file:///bench/loki-rules.yaml', 'yaml', 1, rulesText);
  // In the value of `app` in selectors spread over the file: values scoped by the namespace.
  const selectorOffsets: number[] = [];
  for (
    let at = rulesText.indexOf('app="');
    at >= 0 && selectorOffsets.length < 5;
    at = rulesText.indexOf('app="', at + rulesText.length / 5)
  )
    selectorOffsets.push(at + 'app="'.length);
  const ruleDocs = selectorOffsets.map((offset) => ({ document: rules, offset }));

  const staticLogql = completionTimes({}, logql);
  const liveLogql = completionTimes({ loki: () => snapshot }, logql);
  const staticRules = completionTimes({}, ruleDocs);
  const liveRules = completionTimes({ loki: () => snapshot }, ruleDocs);
  printFigures(
    `Live LogQL completion: a Loki of ${streamCount.toLocaleString('en-US')} streams (language service, in process, answers from the cache)`,
    [
      {
        name: `.logql p95, live (${logqlCases.length} positions × ${rounds})`,
        value: percentile(liveLogql, 95),
        unit: 'ms',
        goal: '≤ 10',
        baseline: { name: 'static', value: percentile(staticLogql, 95) },
      },
      {
        name: `10,000-line Loki rule file p95, live (${ruleDocs.length} × ${rounds})`,
        value: percentile(liveRules, 95),
        unit: 'ms',
        goal: '≤ 10',
        baseline: { name: 'static', value: percentile(staticRules, 95) },
      },
    ],
  );
}
