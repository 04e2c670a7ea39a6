#!/usr/bin/env node
// End-to-end proof that `ossctl cors test` predicts what a real browser does.
//
// On loopback only: starts `ossctl serve` (http, and https with a throwaway test certificate),
// makes one public-read-write bucket per rule set of cases.json, seeds it, applies the rule set with
// `ossctl cors put`; then for every case and engine opens a page at the case's origin in
// headless Debian Chromium (every host name resolves to 127.0.0.1 inside Chromium) and in
// headless Debian Firefox ESR (every request through a loopback forward proxy), runs fetch()
// against the endpoint (path style or virtual-host style), records what the browser did (CDP,
// WebDriver BiDi) and the endpoint's access log, and compares it with
// `ossctl cors test --browser ENGINE --output json`.
// Both ways: every case whose prediction lists assumptions (`assumptions[]`: undocumented OSS
// behaviour whose alternative would change the outcome), or that names one in `expect_if`, runs
// again for each NAME=ALTERNATIVE against its own `ossctl serve --assume NAME=ALTERNATIVE`,
// predicted with `cors test --assume NAME=ALTERNATIVE`; each browser must agree with both.
//
// Every case and variant run goes to each engine: Chromium (CDP, playwright-core) and Firefox
// (WebDriver BiDi, puppeteer-core), each compared with `cors test --browser ENGINE`.
// Usage: node tests/e2e/run.mjs [--ossctl PATH] [--filter SUBSTRING] [--jobs N] [--no-variants]
//                               [--browser chromium|firefox|all] [--json REPORT.json] [--verbose]
// Env:   OSSCTL_BIN (binary; default target/debug/ossctl), CHROMIUM (default /usr/bin/chromium),
//        FIREFOX (default /usr/bin/firefox-esr), CI=true (missing prerequisites fail, never skip).
// Exit:  0 all cases agree, 1 some disagree or the harness failed, 77 skipped (not in CI).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServers } from './lib/pages.mjs';
import { launch, loadPlaywright, openWorker, recordFetch } from './lib/browser.mjs';
import { launchFirefox, loadPuppeteer, openFirefoxWorker, recordFirefoxFetch } from './lib/firefox.mjs';
import { corsPut, corsTest, ossctlEnv, startServe, writeRulesFile } from './lib/ossctl.mjs';
import { presignedQuery, seedObjects } from './lib/seed.mjs';
import { checkAssumptions, checkExpectation, compare, observe, predict, summary } from './lib/compare.mjs';
import { loadCases } from './lib/cases.mjs';
import { makeCert } from './lib/tls.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const SKIP = 77;

function parseArgs(argv) {
  const o = { filter: null, jobs: 3, json: null, verbose: false, variants: true, browser: 'all', ossctl: process.env.OSSCTL_BIN };
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
    else if (a === '--no-variants') o.variants = false;
    else if (a === '--browser') {
      o.browser = val();
      if (!['chromium', 'firefox', 'all'].includes(o.browser)) usage(`--browser must be chromium, firefox or all`);
    }
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  o.ossctl ??= path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug', 'ossctl');
  return o;
}

function usage(err) {
  const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 23);
  if (err) console.error(`browser-test: ${err}`);
  console.error(text.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(2);
}

/** Missing prerequisite: loud failure in CI, loud skip elsewhere. */
function missing(what) {
  warnMissing(what);
  process.exit(SKIP);
}

/** Loud failure in CI (exits), a loud banner elsewhere (the caller skips that part). */
function warnMissing(what) {
  const bar = '!'.repeat(78);
  if (process.env.CI === 'true') {
    console.error(`${bar}\nbrowser-test: FAILED: ${what}\n(CI=true: a missing browser prerequisite is a failure, never a skip)\n${bar}`);
    process.exit(1);
  }
  console.error(`${bar}\nbrowser-test: SKIPPED: ${what}\nRun scripts/setup to install Chromium, Firefox ESR and the npm packages (CI=true turns this into a failure).\n${bar}`);
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
  // A cache case fetches twice: the second fetch sends its preflight again or not.
  const fetches = c.repeat_after_ms !== undefined ? 2 : 1;
  const wantActual = o.verdict === 'blocked_preflight' ? 0 : fetches;
  const wantOptions = (o.preflight ? 1 : 0) + (o.repeatPreflight ? 1 : 0) + (ownOptions ? wantActual : 0);
  if (options.length !== wantOptions) {
    out.push(`serve logged ${options.length} OPTIONS, expected ${wantOptions} (the browser reported ${o.preflight ? 'a' : 'no'} preflight${o.repeatPreflight ? ' twice' : ''})`);
  }
  if (o.preflight && options.length >= 1 && options[0].status !== o.preflightStatus) {
    out.push(`serve logged preflight status ${options[0].status}, the browser saw ${o.preflightStatus}`);
  }
  if (actual.length !== (ownOptions ? 0 : wantActual)) {
    out.push(`serve logged ${actual.length} actual request(s), expected ${wantActual} for ${o.verdict}`);
  }
  // The operation's status: what the case declares (`response_status`, the status `cors test`
  // was told), or a success. An undeclared error means the prediction was made for an
  // operation that did not happen (e.g. a write the bucket refuses, or a forged signature).
  const op = ownOptions ? options[o.preflight ? 1 : 0] : actual[0];
  if (op) {
    if (c.response_status !== undefined && op.status !== c.response_status) {
      out.push(`serve answered the ${op.method} with ${op.status}, the case declares response_status ${c.response_status}`);
    } else if (c.response_status === undefined && op.status >= 400) {
      out.push(`serve answered the ${op.method} with ${op.status}, but the case declares no response_status (cors test predicted a successful operation)`);
    }
  }
  return out;
}

/** Each engine fetches its own key: its requests stand apart in the endpoint's log. */
function caseKey(c, engine) {
  return `cases/${engine}/${c.id}/${c.key}`;
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

/**
 * Starts the endpoint(s) for one round of cases: an `ossctl serve` per scheme the cases need
 * (with `--assume VARIANT` for a variant round), one public-read-write bucket per rule set,
 * each case's object seeded and each rule set applied with `ossctl cors put`.
 * Returns {variant, serves, putErrors, logMark}.
 */
async function startRound({ variant, cases, spec, opts, env, tls, tmp, cleanups, rulesFiles, bucketOf, engines }) {
  const creds = spec.credentials;
  const tag = variant ? `-${variant.replace(/[^a-z0-9-]/gi, '_')}` : '';
  const serveArgs = {};
  for (const c of cases) (serveArgs[c.endpointScheme] ??= new Set()).add(bucketOf(c.ruleset));
  const serves = {};
  await Promise.all(
    Object.entries(serveArgs).map(async ([scheme, buckets]) => {
      serves[scheme] = await startServe({
        bin: opts.ossctl,
        env,
        dataDir: path.join(tmp, `data-${scheme}${tag}`),
        buckets: [...buckets],
        tls: scheme === 'https' ? tls : null,
        extraArgs: variant ? ['--assume', variant] : [],
      });
      cleanups.push(() => serves[scheme].stop());
    }),
  );

  // Every case fetches its own key (cases/<id>/<key>), so no two cases share a URL and no
  // case can be answered from another case's preflight-cache or HTTP-cache entry. Every
  // bucket is seeded (the seeding also opens it to unsigned writes), even one whose cases only
  // write.
  await Promise.all(
    Object.entries(serves).map(async ([scheme, s]) => {
      const byBucket = new Map([...serveArgs[scheme]].map((b) => [b, []]));
      for (const c of cases) {
        if (c.endpointScheme !== scheme || !spec.objects[c.key]) continue;
        const b = bucketOf(c.ruleset);
        if (!byBucket.has(b)) byBucket.set(b, []);
        for (const e of engines) byBucket.get(b).push([caseKey(c, e.name), spec.objects[c.key]]);
      }
      for (const [bucket, objects] of byBucket) {
        await seedObjects({ endpoint: s.url, bucket, objects, creds, caFile: tls.caFile });
      }
    }),
  );

  // Apply every rule set with `ossctl cors put` (a failure fails that rule set's cases).
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
  // The access log from here on is the cases' traffic only (seeding and cors put are before).
  const logMark = Object.fromEntries(Object.entries(serves).map(([k, s]) => [k, s.log().length]));
  return { variant, serves, putErrors, logMark };
}

/** Runs one case in one round and one engine: its fetch and cors test's prediction, side by side. */
async function runCase({ round, c, engine, worker, spec, opts, env, tls, rulesFiles, bucketOf, base }) {
  const r = { case: c, variant: round.variant, engine: engine.name };
  const serve = round.serves[c.endpointScheme];
  try {
    const putError = round.putErrors[`${c.endpointScheme} ${c.ruleset}`];
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
      extraArgs: [...(round.variant ? ['--assume', round.variant] : []), '--browser', engine.name],
    });
    simP.catch(() => {}); // awaited below; no unhandled rejection if the browser fails first
    r.url = endpointUrl(serve, bucketOf(c.ruleset), c.style, caseKey(c, engine.name));
    if (c.presign) {
      const contentType = Object.entries(c.headers).find(([n]) => n.toLowerCase() === 'content-type')?.[1];
      r.url += presignedQuery({
        endpoint: serve.url,
        bucket: bucketOf(c.ruleset),
        key: caseKey(c, engine.name),
        method: c.method.toUpperCase(),
        contentType,
        creds: spec.credentials,
        caFile: tls.caFile,
        kind: c.presign,
      });
    }
    const how = { pageOrigin: c.origin, hostOrigin: c.host_origin, url: r.url, init: fetchInit(c) };
    r.rec = await engine.record(worker, how);
    if (c.repeat_after_ms !== undefined) {
      // The preflight cache: the same request again, within or beyond what it allows.
      await new Promise((res) => setTimeout(res, c.repeat_after_ms));
      r.rec.repeat = await engine.record(worker, { ...how, keepCache: true });
    }
    const sim = await simP;
    r.sim = sim.json;
    r.simArgs = sim.args;
    r.observed = observe(r.rec);
    r.predicted = predict(r.sim, engine.name, c.repeat_after_ms ?? null);
    r.disagreements = compare(r.predicted, r.observed);
    r.reference = checkExpectation(c, r.observed, round.variant);
    if (!round.variant) {
      r.reference.push(...checkAssumptions(c, r.sim));
    } else {
      // cors test's own two answers must agree: what the default prediction said this
      // alternative would do, and what cors test --assume says it does.
      const a = (base.sim?.assumptions ?? []).find((x) => `${x.name}=${x.alternative}` === round.variant);
      if (a && a.verdict_if_alternative !== r.sim.verdict) {
        r.reference.push(
          `cors test's assumptions say ${a.verdict_if_alternative} if ${round.variant}, cors test --assume ${round.variant} says ${r.sim.verdict}`,
        );
      }
    }
  } catch (e) {
    r.error = e.stack ?? String(e);
    if (serve?.died()) r.error += `\n${serve.died()}`;
  }
  return r;
}

/** Second witness: the endpoint's access log against what Chromium reported over CDP. */
function checkRound(round, results) {
  for (const r of results) {
    if (r.error) continue;
    const c = r.case;
    const serve = round.serves[c.endpointScheme];
    const seen = serverRequests(serve.log().slice(round.logMark[c.endpointScheme]), caseKey(c, r.engine));
    r.server = seen;
    r.observation = checkServerLog(c, r.observed, seen);
  }
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

  // The engines: each needs its browser and its npm driver. A missing one fails under CI;
  // elsewhere it is skipped with a banner (and the whole run skips when none is left).
  const nodeModulesParent = path.join(root, 'tests', 'node');
  const wanted = opts.browser === 'all' ? ['chromium', 'firefox'] : [opts.browser];
  const engineSpecs = {
    chromium: {
      title: 'Chromium',
      path: process.env.CHROMIUM ?? '/usr/bin/chromium',
      pkg: 'playwright-core',
      apt: 'chromium',
      load: loadPlaywright,
      record: recordFetch,
      launch: (driver, executablePath, portMap) => launch({ playwright: driver, executablePath, portMap }),
      worker: openWorker,
    },
    firefox: {
      title: 'Firefox',
      path: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      pkg: 'puppeteer-core',
      apt: 'firefox-esr',
      load: loadPuppeteer,
      record: recordFirefoxFetch,
      launch: (driver, executablePath, portMap) => launchFirefox({ puppeteer: driver, executablePath, portMap }),
      worker: openFirefoxWorker,
    },
  };
  const engines = [];
  for (const name of wanted) {
    const e = { name, ...engineSpecs[name] };
    if (!fs.existsSync(e.path)) {
      warnMissing(`${e.title} not found at ${e.path} (Debian package ${e.apt})`);
      continue;
    }
    try {
      e.driver = e.load(nodeModulesParent);
    } catch (err) {
      warnMissing(`npm package ${e.pkg} not found under tests/node/node_modules (${err.code ?? err.message})`);
      continue;
    }
    engines.push(e);
  }
  if (engines.length === 0) missing('no browser engine is available');
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
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    const env = ossctlEnv(home, spec.credentials);

    phase('certificate');
    const pages = await startPageServers(tls);
    cleanups.push(() => pages.close());

    // One bucket per rule set (e2e-<ruleset>), on the serve of the scheme the cases need, so
    // every rule set is applied once and all cases can run in parallel.
    const bucketOf = (ruleset) => `${spec.bucket_prefix}${ruleset}`;
    const rulesFiles = {};
    for (const [name, rs] of Object.entries(spec.rulesets)) rulesFiles[name] = writeRulesFile(tmp, name, rs);
    const ctx = { spec, opts, env, tls, tmp, cleanups, rulesFiles, bucketOf, engines };
    const round = await startRound({ ...ctx, variant: null, cases });
    phase('ossctl serve started, buckets made public-read-write, objects seeded, rule sets applied');

    // Every origin port a case uses goes to the page server of that scheme.
    const portMap = { 80: pages.httpPort, 443: pages.httpsPort };
    for (const c of cases) {
      const u = new URL(c.origin === 'null' ? c.host_origin : c.origin);
      if (u.port) portMap[u.port] = u.protocol === 'https:' ? pages.httpsPort : pages.httpPort;
    }
    const checkPorts = (r) => {
      for (const s of Object.values(r.serves)) {
        if (portMap[s.port] !== undefined) throw new Error(`serve port ${s.port} collides with a case origin port; rerun`);
      }
    };
    checkPorts(round);
    // The engines start together; each gets its own pages (--jobs per engine).
    await Promise.all(
      engines.map(async (e) => {
        const b = await e.launch(e.driver, e.path, portMap);
        cleanups.push(() => b.close());
        e.browser = b;
        e.version = b.version;
        e.workers = [];
        for (let i = 0; i < opts.jobs; i++) e.workers.push(await e.worker(b.browser));
      }),
    );
    phase(`${engines.map((e) => e.title).join(' and ')} launched`);

    console.log(
      `browser-test: ${cases.length} cases, ${engines.map((e) => `${e.title} ${e.version}`).join(' + ')}, ossctl serve ${Object.values(round.serves)
        .map((s) => s.url)
        .join(' + ')}, ${opts.jobs} pages per engine in parallel, certificate from ${tls.source}`,
    );

    // Every engine runs every item on its own pages, the engines side by side.
    const runAll = (items, fn) =>
      Promise.all(engines.map((e) => pool(items, e.workers, (item, worker) => fn(item, e, worker))));
    const results = new Map();
    const key = (engine, id) => `${engine}:${id}`;
    await runAll(cases, async (c, engine, worker) => {
      results.set(key(engine.name, c.id), await runCase({ ...ctx, round, c, engine, worker }));
    });
    phase('cases run');
    // Let the access log catch up with the last requests.
    await new Promise((res) => setTimeout(res, 200));
    checkRound(round, [...results.values()]);

    // Both ways: each NAME=ALTERNATIVE a prediction lists (or a case's expect_if names) gets
    // its own round, so each variant starts its serve(s) once; all variant runs share the
    // browsers and the pages above.
    const variantCases = new Map();
    if (opts.variants) {
      for (const c of cases) {
        const names = new Set(Object.keys(c.expect_if ?? {}));
        for (const e of engines) {
          for (const a of results.get(key(e.name, c.id)).sim?.assumptions ?? []) names.add(`${a.name}=${a.alternative}`);
        }
        for (const v of names) {
          if (!variantCases.has(v)) variantCases.set(v, []);
          variantCases.get(v).push(c);
        }
      }
    }
    const variantRuns = [];
    if (variantCases.size) {
      const rounds = await Promise.all(
        [...variantCases].map(([variant, vcases]) => startRound({ ...ctx, variant, cases: vcases })),
      );
      rounds.forEach(checkPorts);
      phase(`${rounds.length} variant serve round(s) started`);
      const items = rounds.flatMap((vr) => variantCases.get(vr.variant).map((c) => ({ round: vr, c })));
      const done = new Map(items.map((it) => [it, new Map()]));
      await runAll(items, async (it, engine, worker) => {
        const base = results.get(key(engine.name, it.c.id));
        done.get(it).set(engine.name, await runCase({ ...ctx, round: it.round, c: it.c, engine, worker, base }));
      });
      await new Promise((res) => setTimeout(res, 200));
      for (const vr of rounds) checkRound(vr, items.filter((it) => it.round === vr).flatMap((it) => [...done.get(it).values()]));
      for (const e of engines) for (const it of items) variantRuns.push(done.get(it).get(e.name));
      phase('variant runs run');
    }

    // Known issues (cases.json `known_issues`): disagreements already reported to their owner.
    // A case whose only problems match one is KNOWN: listed, counted apart, never hidden.
    const known = spec.known_issues ?? [];
    const knownHits = new Map(known.map((k) => [k.id, 0]));
    const knownFor = (c, problem) =>
      known.find(
        (k) => [k.match].flat().some((m) => problem.includes(m)) && (!k.cases || k.cases.includes(c.id)),
      );
    const label = (r) => `${r.engine.padEnd(8)} ${r.variant ? `${r.case.id} [${r.variant}]` : r.case.id}`;
    const all = [...engines.flatMap((e) => cases.map((c) => results.get(key(e.name, c.id)))), ...variantRuns];
    const width = Math.max(...all.map((r) => label(r).length));
    let passed = 0;
    let failed = 0;
    let knownOnly = 0;
    for (const r of all) {
      const c = r.case;
      let line;
      let why = '';
      if (r.error) {
        failed++;
        r.status = 'FAIL';
        line = `FAIL  ${label(r).padEnd(width)}  ERROR ${r.error.split('\n')[0]}`;
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
          `${r.status.padEnd(5)} ${label(r).padEnd(width)}  predicted: ${summary(p)}  observed: ${summary(r.observed)}` +
          `${r.observed.corsError ? ` (${r.observed.corsError}${r.observed.corsErrorParameter ? ` ${r.observed.corsErrorParameter}` : ''})` : ''}` +
          // Firefox has no error code: its console reason instead.
          `${r.observed.engine === 'firefox' && r.observed.consoleReason ? ` ${r.observed.consoleReason}` : ''}` +
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
    if (knownOnly) console.log(`browser-test: ${knownOnly} run(s) disagree only in known issues (KNOWN above)`);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    // Per engine: how many runs agree with `cors test --browser ENGINE`.
    for (const e of engines) {
      const mine = all.filter((r) => r.engine === e.name);
      const ok = mine.filter((r) => r.status === 'ok').length;
      const pct = mine.length ? ((100 * ok) / mine.length).toFixed(1).replace(/\.0$/, '') : '0';
      console.log(`browser-test: ${e.name} ${e.version}: ${mine.length} runs, ${ok} agree (${pct}%)`);
    }
    const perEngine = variantRuns.filter((r) => r.engine === engines[0].name);
    console.log(
      `browser-test: ${cases.length} cases + ${perEngine.length} variant runs of ${new Set(perEngine.map((r) => r.case.id)).size} cases under ${variantCases.size} alternative behaviour(s), in ${engines.length} engine(s) (${engines.map((e) => e.name).join(', ')}), in ${secs} s`,
    );
    if (opts.json) {
      const out = all.map((r) => ({
        id: r.case.id,
        engine: r.engine,
        variant: r.variant,
        status: r.status,
        error: r.error ?? null,
        predicted: r.predicted ?? null,
        observed: r.observed ?? null,
        assumptions: r.sim?.assumptions ?? null,
        disagreements: r.disagreements ?? [],
        reference: r.reference ?? [],
        observation: r.observation ?? [],
        server: r.server ?? null,
      }));
      fs.writeFileSync(opts.json, `${JSON.stringify({ engines: Object.fromEntries(engines.map((e) => [e.name, e.version])), seconds: Number(secs), cases: out }, null, 2)}\n`);
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
