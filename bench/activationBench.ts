import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, printFigures } from './stats';

const repoRoot = join(__dirname, '..');
// ALERTSMITH_CLIENT_BUNDLE compares another build (e.g. an older commit's) with the same stub.
const clientBundle = process.env.ALERTSMITH_CLIENT_BUNDLE ?? join(repoRoot, 'dist', 'client.js');
const runs = 9;

/**
 * One cold extension-host stand-in per run: a fresh node process with a stub `vscode` module
 * (a proxy that answers every call), timing what VS Code's "Activation" figure adds up —
 * loading dist/client.js plus the synchronous part of activate() — and, apart, the work
 * activate() leaves for later (the deferred dist/*.js bundles it loads afterwards).
 */
const child = String.raw`
const Module = require('node:module');
const anything = new Proxy(function () {}, {
  get: (_t, key) => (key === 'then' || typeof key === 'symbol' ? undefined : key === 'toString' ? () => 'stub' : anything),
  set: () => true,
  apply: () => anything,
  construct: () => anything,
});
// esbuild's interop copies the module's own keys, so the stub lists the API's top-level names.
const names = JSON.parse(process.argv[2]);
const vscode = Object.fromEntries(names.map((name) => [name, anything]));
const load = Module._load;
const deferred = [];
let loaded = false;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  const start = performance.now();
  const result = load.call(this, request, parent, isMain);
  // Our own bundles, required by a bundle once activate() has returned.
  if (loaded && request.startsWith('./') && /dist[\\/][\w-]+\.js$/.test(parent?.filename ?? '')) deferred.push(performance.now() - start);
  return result;
};
const bundle = process.argv[1];
const context = { subscriptions: [], asAbsolutePath: (p) => require('node:path').join(bundle, '..', '..', p),
  extensionUri: anything, secrets: anything, workspaceState: anything, globalState: anything, extensionPath: '' };
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
loaded = true;
const activated = extension.activate(context);
const t2 = performance.now();
Promise.resolve(activated).catch((error) => process.stderr.write(String(error) + '\n')).finally(() => setTimeout(() => {
  process.stdout.write(JSON.stringify({ load: t1 - t0, call: t2 - t1, deferred: deferred.reduce((a, b) => a + b, 0) }));
  process.exit(0);
}, 200));
`;

interface Sample {
  load: number;
  call: number;
  deferred: number;
}

/** Prints the medians of `runs` cold loads of dist/client.js (build it first). */
export function activationBench(): void {
  if (!existsSync(clientBundle)) {
    console.log(`\n(skipped the activation figures: ${clientBundle} is missing — node esbuild.mjs)`);
    return;
  }
  const typings = readFileSync(join(repoRoot, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...typings.matchAll(/^\texport (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((match) => match[1]);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-e', child, clientBundle, JSON.stringify(names)], { encoding: 'utf8', timeout: 30_000 });
    try {
      samples.push(JSON.parse(result.stdout) as Sample);
    } catch {
      console.log(`\n(activation run failed: ${result.stderr.split('\n')[0]})`);
      return;
    }
  }
  const pick = (key: keyof Sample) => median(samples.map((sample) => sample[key]));
  printFigures(`Extension activation in node with a stub vscode (median of ${runs} cold processes)`, [
    { name: 'load dist/client.js + activate() call', value: pick('load') + pick('call'), unit: 'ms', goal: '≤ 50 (in VS Code)' },
    { name: '  load dist/client.js', value: pick('load'), unit: 'ms' },
    { name: '  activate() until it returns', value: pick('call'), unit: 'ms' },
    { name: '  deferred bundles loaded after activate()', value: pick('deferred'), unit: 'ms' },
  ]);
}

if (require.main === module) activationBench();
