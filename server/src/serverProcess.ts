/**
 * Node options (and environment) the language server process runs with, shared by the VS Code client and the
 * benchmarks (so the figures describe the server as users get it). Plain data only.
 *
 * - One V8 platform worker thread instead of four: the server's RSS after a 10,000-line rule file
 *   went from ~167 MB to ~150 MB (bench/lspBench.ts), and the open was not slower (fewer threads
 *   competing on small machines).
 * - A young generation of at most 2 × 2 MB (V8 lets it grow to 2 × 16 MB): most of what a first
 *   open allocates lives on (YAML nodes, regions), so a larger young generation only copies the
 *   same objects later, through more fresh pages (a first touch costs ~11 µs on the bench
 *   machine). A/B, runs interleaved: validating the 10,000-line Loki file in-process 418 → 352 ms
 *   (median of 12); LSP opens 319 → 289 ms (LogQL) and 331 → 293 ms (PromQL); RSS after
 *   bench/lspBench.ts 109 → 98 MB; completion, hover and edit latency unchanged. 8 MB (against
 *   16) had been chosen for the RSS alone; 1 MB was slower than 2.
 * - The old generation may grow to 1.25× what was live after the last full GC before the next
 *   one, where V8 would pick up to 4× on a fast machine: the parse a re-validation replaces
 *   is garbage until then. After the 10,000-line file the server held 135 or 155 MB (depending
 *   on where the last full GC fell) with the first flag alone, 113–125 MB with both, and
 *   neither the open nor completion got slower (bench/lspBench.ts, runs interleaved).
 *   `--optimize-for-size` gave 95 MB but made completion p95 ~50% slower.
 */
export const serverExecArgv: readonly string[] = ['--v8-pool-size=1', '--max-semi-space-size=2', '--heap-growing-percent=25'];

/**
 * Environment added for the server process. glibc gives each thread that allocates its own
 * malloc arena, kept after use; two arenas are plenty for one JS thread plus V8's helpers and
 * measured 148–151 MB against 155–176 MB after the 10,000-line file in one session (the figure
 * is bimodal, ~150 or ~174 MB, depending on where V8's last full GC fell; bench/lspBench.ts).
 */
export const serverEnv: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
