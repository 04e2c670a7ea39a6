#!/usr/bin/env node
// End-to-end proof that `ossctl cors test` predicts what a real browser does.
//
// On loopback only: starts `ossctl serve` (http, and https with a throwaway test certificate),
// makes one public-read bucket per rule set of cases.json, seeds it, applies the rule set with
// `ossctl cors put`; then for every case opens a page at the case's origin in headless Debian
// Chromium (every host name resolves to 127.0.0.1 inside Chromium), runs fetch() against the
// endpoint (path style or virtual-host style), records what Chromium did through CDP and the
// endpoint's access log, and compares it with `ossctl cors test --output json`.
//
// Usage: node tests/e2e/run.mjs [--ossctl PATH] [--filter SUBSTRING] [--jobs N]
//                               [--json REPORT.json] [--verbose]
// Env:   OSSCTL_BIN (binary; default target/debug/ossctl), CHROMIUM (default /usr/bin/chromium),
//        CI=true (missing prerequisites fail instead of skip).
// Exit:  0 all cases agree, 1 some disagree or the harness failed, 77 skipped (not in CI).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServers } from './lib/pages.mjs';
import { launch, loadPlaywright, openWorker, recordFetch } from './lib/browser.mjs';
import { corsPut, corsTest, ossctlEnv, startServe, writeRulesFile } from './lib/ossctl.mjs';
import { presignedQuery, seedObjects } from './lib/seed.mjs';
import { checkExpectation, compare, observe, predict, summary } from './lib/compare.mjs';
import { loadCases } from './lib/cases.mjs';
import { makeCert } from './lib/tls.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const SKIP = 77;

function parseArgs(argv) {
  const o = { filter: null, jobs: 3, json: null, verbose: false, ossctl: process.env.OSSCTL_BIN };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--filter') o.filter = val();
    else if (a === '--jobs') o.jobs = Math.max(1, Number(val()) || 1);
    else if (a === '--json') o.json = val();
    else if (a === '--ossctl') o.ossctl = val();
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  o.ossctl ??= path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug', 'ossctl');
  return o;
}

function usage(err) {
  const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 17);
  if (err) console.error(`browser-test: ${err}`);
  console.error(text.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(2);
}

/** Missing prerequisite: loud failure in CI, loud skip elsewhere. */
function missing(what) {
  const bar = '!'.repeat(78);
  if (process.env.CI === 'true') {
    console.error(`${bar}\nbrowser-test: FAILED: ${what}\n(CI=true: a missing browser prerequisite is a failure, never a skip)\n${bar}`);
    process.exit(1);
  }
  console.error(`${bar}\nbrowser-test: SKIPPED: ${what}\nRun scripts/setup to install Chromium and the npm packages (CI=true turns this into a failure).\n${bar}`);
  process.exit(SKIP);
}

/** Runs fn(item, worker) over items, one item at a time per worker. */
async function pool(items, workers, fn) {
  let next = 0;
  await Promise.all(
    workers.slice(0, items.length).map(async (w) => {
      while (next < items.length) await fn(items[next++], w);
    }),
  );
}

/** Requests the endpoint logged for one case's key: [{method, status}]. */
function serverRequests(log, key) {
  const out = [];
  for (const line of log.split('\n')) {
    const m = line.match(/ INFO (\S+) (\S+) .*\bstatus=(\d+)/);
    if (m && m[2].includes(`/${key}`)) out.push({ method: m[1], status: Number(m[3]) });
  }
  return out;
}

/** Chromium's story (CDP) against the endpoint's access log. */
function checkServerLog(c, o, seen) {
  const out = [];
  const ownOptions = c.method.toUpperCase() === 'OPTIONS';
  const options = seen.filter((s) => s.method === 'OPTIONS');
  const actual = seen.filter((s) => s.method !== 'OPTIONS');
  const wantActual = o.verdict === 'blocked_preflight' ? 0 : 1;
  const wantOptions = (o.preflight ? 1 : 0) + (ownOptions ? wantActual : 0);
  if (options.length !== wantOptions) {
    out.push(`serve logged ${options.length} OPTIONS, expected ${wantOptions} (Chromium reported ${o.preflight ? 'a' : 'no'} preflight)`);
  }
  if (o.preflight && options.length >= 1 && options[0].status !== o.preflightStatus) {
    out.push(`serve logged preflight status ${options[0].status}, Chromium saw ${o.preflightStatus}`);
  }
  if (actual.length !== (ownOptions ? 0 : wantActual)) {
    out.push(`serve logged ${actual.length} actual request(s), expected ${wantActual} for ${o.verdict}`);
  }
  return out;
}

function caseKey(c) {
  return `cases/${c.id}/${c.key}`;
}

function endpointUrl(serve, bucket, style, key) {
  const u = new URL(serve.url);
  if (style === 'path') return `${u.protocol}//127.0.0.1:${u.port}/${bucket}/${key}`;
  return `${u.protocol}//${bucket}.localhost:${u.port}/${key}`;
}

function fetchInit(c) {
  const init = { method: c.method, headers: c.headers, mode: 'cors' };
  if (c.credentials) init.credentials = 'include';
  if (c.body !== undefined) init.body = c.body;
  return init;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  let lap = started;
  const phase = (what) => {
    const now = Date.now();
    if (opts.verbose) console.log(`browser-test: ${what} (${((now - lap) / 1000).toFixed(2)} s)`);
    lap = now;
  };

  const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) missing(`Chromium not found at ${chromiumPath} (Debian package chromium)`);
  const nodeModulesParent = path.join(root, 'tests', 'node');
  let playwright;
  try {
    playwright = loadPlaywright(nodeModulesParent);
  } catch (e) {
    missing(`npm package playwright-core not found under tests/node/node_modules (${e.code ?? e.message})`);
  }
  if (!fs.existsSync(opts.ossctl)) {
    console.error(`browser-test: ossctl binary not found at ${opts.ossctl} (cargo build --bin ossctl, or set OSSCTL_BIN)`);
    process.exit(1);
  }

  const spec = loadCases(path.join(here, 'cases.json'));
  let cases = spec.cases;
  if (opts.filter) cases = cases.filter((c) => c.id.includes(opts.filter));
  if (cases.length === 0) {
    console.error(`browser-test: no case matches --filter ${opts.filter}`);
    process.exit(2);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ossctl-e2e-'));
  const cleanups = [() => fs.rmSync(tmp, { recursive: true, force: true })];
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()();
  };
  process.once('SIGINT', () => cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => cleanup().then(() => process.exit(143)));

  try {
    const tls = makeCert(tmp, path.join(here, 'tls'));
    const creds = spec.credentials;
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    const env = ossctlEnv(home, creds);

    phase('certificate');
    const pages = await startPageServers(tls);
    cleanups.push(() => pages.close());

    // One bucket per rule set (e2e-<ruleset>), on the serve of the scheme the cases need, so
    // every rule set is applied once and all cases can run in parallel.
    const bucketOf = (ruleset) => `${spec.bucket_prefix}${ruleset}`;
    const serveArgs = {};
    for (const c of cases) {
      (serveArgs[c.endpointScheme] ??= new Set()).add(bucketOf(c.ruleset));
    }
    const serves = {};
    for (const [scheme, buckets] of Object.entries(serveArgs)) {
      serves[scheme] = await startServe({
        bin: opts.ossctl,
        env,
        dataDir: path.join(tmp, `data-${scheme}`),
        buckets: [...buckets],
        tls: scheme === 'https' ? tls : null,
      });
      cleanups.push(() => serves[scheme].stop());
    }
    phase('ossctl serve started');

    // Every case fetches its own key (cases/<id>/<key>), so no two cases share a URL and no
    // case can be answered from another case's preflight-cache or HTTP-cache entry.
    await Promise.all(
      Object.entries(serves).map(async ([scheme, s]) => {
        // Every bucket is seeded (the seeding also opens it to unsigned writes), even one
        // whose cases only write.
        const byBucket = new Map([...(serveArgs[scheme] ?? [])].map((b) => [b, []]));
        for (const c of cases) {
          if (c.endpointScheme !== scheme || !spec.objects[c.key]) continue;
          const b = bucketOf(c.ruleset);
          if (!byBucket.has(b)) byBucket.set(b, []);
          byBucket.get(b).push([caseKey(c), spec.objects[c.key]]);
        }
        for (const [bucket, objects] of byBucket) {
          await seedObjects({ endpoint: s.url, bucket, objects, creds, caFile: tls.caFile });
        }
      }),
    );
    phase('objects seeded');

    // Apply every rule set with `ossctl cors put` (a failure fails that rule set's cases).
    const rulesFiles = {};
    for (const [name, rs] of Object.entries(spec.rulesets)) rulesFiles[name] = writeRulesFile(tmp, name, rs);
    const putErrors = {};
    const puts = [];
    for (const [scheme, buckets] of Object.entries(serveArgs)) {
      for (const bucket of buckets) {
        const ruleset = bucket.slice(spec.bucket_prefix.length);
        const put = corsPut({
          bin: opts.ossctl,
          env,
          bucket,
          file: rulesFiles[ruleset],
          endpoint: serves[scheme].url,
          extraArgs: ['--region', 'cn-hangzhou', ...(scheme === 'https' ? ['--ca-bundle', tls.caFile] : [])],
        });
        puts.push(
          put.catch((e) => {
            putErrors[`${scheme} ${ruleset}`] = e.message;
          }),
        );
      }
    }
    await Promise.all(puts);
    phase('rule sets applied');

    // Every origin port a case uses goes to the page server of that scheme.
    const portMap = { 80: pages.httpPort, 443: pages.httpsPort };
    for (const c of cases) {
      const u = new URL(c.origin === 'null' ? c.host_origin : c.origin);
      if (u.port) portMap[u.port] = u.protocol === 'https:' ? pages.httpsPort : pages.httpPort;
    }
    for (const s of Object.values(serves)) {
      if (portMap[s.port] !== undefined) throw new Error(`serve port ${s.port} collides with a case origin port; rerun`);
    }
    const chromium = await launch({ playwright, executablePath: chromiumPath, portMap });
    cleanups.push(() => chromium.close());
    const workers = [];
    for (let i = 0; i < opts.jobs; i++) workers.push(await openWorker(chromium.browser));
    phase('Chromium launched');

    console.log(
      `browser-test: ${cases.length} cases, Chromium ${chromium.version}, ossctl serve ${Object.values(serves)
        .map((s) => s.url)
        .join(' + ')}, ${opts.jobs} pages in parallel, certificate from ${tls.source}`,
    );

    // The access log from here on is the cases' traffic only (seeding and cors put are before).
    const logMark = Object.fromEntries(Object.entries(serves).map(([k, s]) => [k, s.log().length]));
    const results = new Map();
    const width = Math.max(...cases.map((c) => c.id.length));
    await pool(cases, workers, async (c, worker) => {
      const r = { case: c };
      results.set(c.id, r);
      const serve = serves[c.endpointScheme];
      try {
        const putError = putErrors[`${c.endpointScheme} ${c.ruleset}`];
        if (putError) throw new Error(`rule set ${c.ruleset}: ${putError}`);
        if (serve.died()) throw new Error(serve.died());
        // The prediction runs while Chromium works.
        const simP = corsTest({
          bin: opts.ossctl,
          env,
          file: rulesFiles[c.ruleset],
          origin: c.origin,
          method: c.method,
          headers: Object.entries(c.headers),
          credentials: c.credentials,
          responseStatus: c.response_status,
        });
        simP.catch(() => {}); // awaited below; no unhandled rejection if Chromium fails first
        r.url = endpointUrl(serve, bucketOf(c.ruleset), c.style, caseKey(c));
        if (c.presign) {
          const contentType = Object.entries(c.headers).find(([n]) => n.toLowerCase() === 'content-type')?.[1];
          r.url += presignedQuery({
            endpoint: serve.url,
            bucket: bucketOf(c.ruleset),
            key: caseKey(c),
            method: c.method.toUpperCase(),
            contentType,
            creds,
            caFile: tls.caFile,
          });
        }
        r.rec = await recordFetch(worker, {
          pageOrigin: c.origin,
          hostOrigin: c.host_origin,
          url: r.url,
          init: fetchInit(c),
        });
        const sim = await simP;
        r.sim = sim.json;
        r.simArgs = sim.args;
        r.observed = observe(r.rec);
        r.predicted = predict(r.sim);
        r.disagreements = compare(r.predicted, r.observed);
        r.reference = checkExpectation(c, r.observed);
      } catch (e) {
        r.error = e.stack ?? String(e);
        if (serve.died()) r.error += `\n${serve.died()}`;
      }
    });
    phase('cases run');

    // Second witness: the endpoint's own access log must show the same traffic Chromium
    // reported over CDP (a preflight iff one was seen; the actual request iff not blocked at
    // the preflight).
    await new Promise((res) => setTimeout(res, 200));
    for (const c of cases) {
      const r = results.get(c.id);
      if (r.error) continue;
      const seen = serverRequests(serves[c.endpointScheme].log().slice(logMark[c.endpointScheme]), caseKey(c));
      r.server = seen;
      r.observation = checkServerLog(c, r.observed, seen);
    }

    // Known issues (cases.json `known_issues`): disagreements already reported to their owner.
    // A case whose only problems match one is KNOWN: listed, counted apart, never hidden.
    const known = spec.known_issues ?? [];
    const knownHits = new Map(known.map((k) => [k.id, 0]));
    const knownFor = (c, problem) =>
      known.find(
        (k) => [k.match].flat().some((m) => problem.includes(m)) && (!k.cases || k.cases.includes(c.id)),
      );
    let passed = 0;
    let failed = 0;
    let knownOnly = 0;
    for (const c of cases) {
      const r = results.get(c.id);
      let line;
      let why = '';
      if (r.error) {
        failed++;
        r.status = 'FAIL';
        line = `FAIL  ${c.id.padEnd(width)}  ERROR ${r.error.split('\n')[0]}`;
      } else {
        const p = { ...r.predicted };
        if (p.visible) p.visible = r.observed.rawHeaders.filter((h) => p.visible.includes(h));
        const problems = [...r.disagreements, ...r.reference, ...r.observation];
        const tagged = problems.map((q) => {
          const k = knownFor(c, q);
          return k ? `[known ${k.id}] ${q}` : q;
        });
        const unknown = problems.filter((q) => !knownFor(c, q));
        for (const q of problems) {
          const k = knownFor(c, q);
          if (k) knownHits.set(k.id, knownHits.get(k.id) + 1);
        }
        if (problems.length === 0) {
          passed++;
          r.status = 'ok';
        } else if (unknown.length === 0) {
          knownOnly++;
          r.status = 'KNOWN';
        } else {
          failed++;
          r.status = 'FAIL';
        }
        why = tagged.join('; ');
        line =
          `${r.status.padEnd(5)} ${c.id.padEnd(width)}  predicted: ${summary(p)}  observed: ${summary(r.observed)}` +
          `${r.observed.corsError ? ` (${r.observed.corsError}${r.observed.corsErrorParameter ? ` ${r.observed.corsErrorParameter}` : ''})` : ''}` +
          `  ${r.disagreements.length ? 'DISAGREE' : 'agree'}${why ? `: ${why}` : ''}`;
      }
      console.log(line);
      if (!r.error && (opts.verbose || r.status === 'FAIL')) {
        console.log(`     ${c.method} ${r.url} from ${c.origin}${c.credentials ? ' (credentials)' : ''}`);
        console.log(`     cors test: ${r.simArgs.slice(0).join(' ')}`);
        if (r.rec.preflight.sent) console.log(`     preflight response: ${JSON.stringify(r.rec.preflight.headers)}`);
        console.log(`     actual response ${r.rec.actual.status}: ${JSON.stringify(r.rec.actual.headers)}`);
        for (const l of r.rec.console) console.log(`     console: ${l}`);
      } else if (r.error) {
        // The first line is already on the FAIL line; the rest is the tool's output (and with
        // -v the stack).
        const rest = r.error.split('\n').slice(1);
        const body = opts.verbose ? rest : rest.filter((l) => !/^\s+at /.test(l));
        if (body.join('').trim()) console.log(body.join('\n').replace(/^/gm, '     '));
      }
    }
    for (const k of known) {
      const n = knownHits.get(k.id);
      if (n > 0) {
        console.log(`browser-test: known issue ${k.id} (${k.owner}): ${n} disagreement(s): ${k.summary}`);
      } else if (!opts.filter) {
        console.log(`browser-test: known issue ${k.id} no longer occurs: remove it from tests/e2e/cases.json`);
      }
    }
    if (knownOnly) console.log(`browser-test: ${knownOnly} case(s) disagree only in known issues (KNOWN above)`);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`browser-test: ${cases.length} cases in ${secs} s`);
    if (opts.json) {
      const out = cases.map((c) => {
        const r = results.get(c.id);
        return {
          id: c.id,
          status: r.status,
          error: r.error ?? null,
          predicted: r.predicted ?? null,
          observed: r.observed ?? null,
          disagreements: r.disagreements ?? [],
          reference: r.reference ?? [],
          observation: r.observation ?? [],
          server: r.server ?? null,
        };
      });
      fs.writeFileSync(opts.json, `${JSON.stringify({ chromium: chromium.version, seconds: Number(secs), cases: out }, null, 2)}\n`);
    }
    console.log(`${passed} passed, ${failed} failed`);
    await cleanup();
    process.exit(failed === 0 ? 0 : 1);
  } catch (e) {
    console.error(`browser-test: harness failure: ${e.stack ?? e}`);
    await cleanup();
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

main();
