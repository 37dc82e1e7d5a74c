/**
 * Node options (and environment) the language server process runs with, shared by the VS Code client and the
 * benchmarks (so the figures describe the server as users get it). Plain data only.
 *
 * - One V8 platform worker thread instead of four: the server's RSS after a 10,000-line rule file
 *   went from ~167 MB to ~150 MB (bench/lspBench.ts), and the open was not slower (fewer threads
 *   competing on small machines).
 * - A young generation of at most 2 × 8 MB instead of 2 × 16 MB: V8 keeps the grown semi-spaces
 *   committed, so after a large file the server held 150–174 MB; with 8 MB it held 135–136 MB in
 *   three runs out of three, and neither the open nor completion got slower (bench/lspBench.ts).
 *   `--optimize-for-size` gave 95 MB but made completion p95 ~50% slower.
 */
export const serverExecArgv: readonly string[] = ['--v8-pool-size=1', '--max-semi-space-size=8'];

/**
 * Environment added for the server process. glibc gives each thread that allocates its own
 * malloc arena, kept after use; two arenas are plenty for one JS thread plus V8's helpers and
 * measured 148–151 MB against 155–176 MB after the 10,000-line file in one session (the figure
 * is bimodal, ~150 or ~174 MB, depending on where V8's last full GC fell; bench/lspBench.ts).
 */
export const serverEnv: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
