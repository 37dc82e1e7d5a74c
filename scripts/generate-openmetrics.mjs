#!/usr/bin/env node
// Prints OpenMetrics text with timestamps, for `promtool tsdb create-blocks-from openmetrics`.
//   --fixture          the small, fixed data set of test/fixtures/openmetrics/sample.om.txt
//                      (base 1699999200 = 2023-11-14T22:00:00Z, one sample a minute for 30 min)
//   --demo [--hours N] several services over the last N hours (default 6) up to now, every 30 s
// Values are simple functions of the sample index so tests can compute results exactly.

const args = process.argv.slice(2);
const mode = args.includes('--demo') ? 'demo' : 'fixture';
const out = [];
const emit = (line) => out.push(line);

/** One metric family: header lines, then each series' samples in time order. */
function family(name, type, help, unit, series, times) {
  emit(`# TYPE ${name} ${type}`);
  if (unit) emit(`# UNIT ${name} ${unit}`);
  emit(`# HELP ${name} ${help}`);
  for (const { suffix = '', labels, value } of series) {
    const text = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    times.forEach((t, i) => emit(`${name}${suffix}{${text}} ${format(value(i, t))} ${t}`));
  }
}

function format(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function histogram(name, help, labels, bounds, shares, perStep, sumPerStep, times) {
  const series = bounds.map((le, b) => ({
    suffix: '_bucket',
    labels: { ...labels, le },
    value: (i) => Math.round(perStep * shares[b]) * i,
  }));
  series.push({ suffix: '_sum', labels, value: (i) => sumPerStep * i });
  series.push({ suffix: '_count', labels, value: (i) => perStep * i });
  return series;
}

if (mode === 'fixture') {
  const base = 1699999200;
  const times = Array.from({ length: 31 }, (_, i) => base + 60 * i);
  family(
    'http_requests',
    'counter',
    'Requests served, by job, method and status code.',
    '',
    [
      { suffix: '_total', labels: { job: 'api', method: 'GET', code: '200' }, value: (i) => 10 * i },
      { suffix: '_total', labels: { job: 'api', method: 'POST', code: '500' }, value: (i) => i },
      { suffix: '_total', labels: { job: 'web', method: 'GET', code: '200' }, value: (i) => 20 * i },
    ],
    times,
  );
  family(
    'node_memory_free_bytes',
    'gauge',
    'Free memory of the host.',
    'bytes',
    [
      { labels: { instance: 'host-a' }, value: (i) => 1_000_000 + 1000 * i },
      { labels: { instance: 'host-b' }, value: (i) => 2_000_000 - 1000 * i },
    ],
    times,
  );
  family(
    'request_duration_seconds',
    'histogram',
    'Time to answer a request.',
    'seconds',
    histogram('request_duration_seconds', '', { job: 'api' }, ['0.1', '0.5', '1.0', '+Inf'], [0.6, 0.9, 1, 1], 10, 3, times),
    times,
  );
  family(
    'room_temperature_celsius',
    'gauge',
    'Temperature of the room.',
    'celsius',
    [{ labels: { room: 'lab' }, value: (i) => 20 + (i % 5) }],
    times,
  );
} else {
  const hours = Number(args[args.indexOf('--hours') + 1]) || 6;
  const end = Math.floor(Date.now() / 1000 / 30) * 30 - 60;
  const times = Array.from({ length: (hours * 3600) / 30 + 1 }, (_, i) => end - hours * 3600 + 30 * i);
  const wave = (i, period, phase = 0) => 0.5 + 0.5 * Math.sin((2 * Math.PI * (i + phase)) / period);
  const services = [
    ['checkout', 40],
    ['catalog', 120],
    ['payments', 15],
    ['search', 80],
  ];
  const requests = [];
  for (const [service, rps] of services) {
    for (const [code, share] of [
      ['200', 0.95],
      ['404', 0.03],
      ['500', 0.02],
    ]) {
      let total = 0;
      const values = times.map((_, i) => (total += Math.round(30 * rps * share * (0.7 + 0.6 * wave(i, 240, service.length)))));
      requests.push({ suffix: '_total', labels: { job: service, code, method: 'GET' }, value: (i) => values[i] });
    }
  }
  family('http_requests', 'counter', 'HTTP requests served, by service and status code.', '', requests, times);
  const latency = services.flatMap(([service, rps]) =>
    histogram(
      'http_request_duration_seconds',
      '',
      { job: service },
      ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'],
      [0.35, 0.6, 0.82, 0.93, 0.98, 0.995, 1],
      rps * 30,
      rps * 30 * 0.12,
      times,
    ),
  );
  family('http_request_duration_seconds', 'histogram', 'HTTP request latency.', 'seconds', latency, times);
  const nodes = ['node-1', 'node-2', 'node-3'];
  const cpu = [];
  for (const node of nodes) {
    for (const mode of ['user', 'system', 'idle']) {
      const share = { user: 0.3, system: 0.1, idle: 0.6 }[mode];
      cpu.push({ suffix: '_total', labels: { instance: node, cpu: '0', mode }, value: (i) => Math.round(30 * share * i * 100) / 100 });
    }
  }
  family('node_cpu_seconds', 'counter', 'Seconds the CPU spent in each mode.', 'seconds', cpu, times);
  family(
    'node_memory_MemAvailable_bytes',
    'gauge',
    'Memory available for new work.',
    'bytes',
    nodes.map((node, n) => ({ labels: { instance: node }, value: (i) => Math.round(4e9 + 1.5e9 * wave(i, 480, n * 60)) })),
    times,
  );
  family(
    'node_memory_MemTotal_bytes',
    'gauge',
    'Total memory of the node.',
    'bytes',
    nodes.map((node) => ({ labels: { instance: node }, value: () => 8e9 })),
    times,
  );
  family(
    'up',
    'gauge',
    'Whether the last scrape of the target worked.',
    '',
    services.map(([service]) => ({ labels: { job: service, instance: `${service}:8080` }, value: () => 1 })),
    times,
  );
}
emit('# EOF');
process.stdout.write(out.join('\n') + '\n');
