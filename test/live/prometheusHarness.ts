import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A real Prometheus (the Debian package) on 127.0.0.1 and a free port, with the fixture's
 * samples backfilled by `promtool tsdb create-blocks-from openmetrics`. Backfilled blocks carry
 * no metadata (`/api/v1/metadata` comes from scrapes), so a loopback target serves the
 * fixture's `# TYPE`/`# HELP`/`# UNIT` lines without samples: metadata is exact and no scraped
 * sample lands inside the fixture's time range.
 */

export const fixturePath = resolve(__dirname, '../fixtures/openmetrics/sample.om.txt');
/** First sample of the fixture (seconds); one sample a minute for 30 minutes. */
export const fixtureBase = 1699999200;
export const fixtureEnd = fixtureBase + 1800;

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /**
   * Moves every sample by the same amount so that the fixture's last one is at this time
   * (seconds since the epoch). Values and labels stay those of the fixture; the editor tests
   * use it because the query preview graphs ranges that end now.
   */
  endingAt?: number;
}

/** Why live tests cannot run here, or undefined when they can. */
export function prometheusMissing(): string | undefined {
  for (const binary of ['prometheus', 'promtool']) {
    const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return `${binary} is not installed (apt-get install -y prometheus); live tests skipped`;
  }
  return undefined;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'alertsmith-live-'));
  const cleanups: Array<() => void | Promise<void>> = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    let samples = fixturePath;
    if (options.endingAt !== undefined) {
      samples = join(dir, 'shifted.om.txt');
      writeFileSync(samples, shiftSamples(readFileSync(fixturePath, 'utf8'), options.endingAt - fixtureEnd));
    }
    const backfill = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', samples, join(dir, 'data')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (backfill.status !== 0) throw new Error(`promtool failed: ${backfill.stderr || backfill.stdout}`);

    const metadataLines =
      readFileSync(fixturePath, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .join('\n') + '\n';
    const target = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
        res.end(metadataLines);
      }),
    );
    cleanups.push(() => new Promise<void>((done) => target.server.close(() => done())));

    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, scrape_timeout: 1s }\nscrape_configs:\n  - job_name: fixture-metadata\n    static_configs: [{ targets: ['127.0.0.1:${target.port}'] }]\n`,
    );
    const log = openSync(join(dir, 'prometheus.log'), 'w');
    const child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=100y',
        '--log.level=warn',
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    cleanups.push(() => stopChild(child));
    const url = `http://127.0.0.1:${port}`;
    const why = () => `prometheus did not start; log:\n${readFileSync(join(dir, 'prometheus.log'), 'utf8').slice(-2000)}`;
    await waitFor(async () => (await get(`${url}/-/ready`))?.status === 200, 150, why);
    const families = [...metadataLines.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]);
    await waitFor(
      async () => {
        const body = (await get(`${url}/api/v1/metadata`))?.body ?? '';
        return families.every((family) => body.includes(`"${family}"`));
      },
      150,
      () => `the metadata scrape did not arrive; ${why()}`,
    );
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** OpenMetrics text with every sample's timestamp (seconds, the line's last field) moved by `seconds`. */
export function shiftSamples(text: string, seconds: number): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('#') ? line : line.replace(/ (\d+)$/, (_, time: string) => ` ${Number(time) + seconds}`)))
    .join('\n');
}

function listen(server: Server): Promise<{ server: Server; port: number }> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

/** A port that was free a moment ago (Prometheus cannot be given port 0). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

/** Polls every 100 ms, at most `attempts` times. */
async function waitFor(condition: () => Promise<boolean>, attempts: number, message: () => string): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(message());
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
