// Turns a Chromium recording into the same vocabulary as `cors test` (preflight sent? its
// status, verdict, headers script can read) and compares the two.
import { isPreflightError } from './browser.mjs';

/** Response headers script can always read (Fetch: CORS-safelisted response-header names). */
export const SAFELISTED_RESPONSE = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];

/** What the browser did (Chromium: CDP; Firefox: BiDi events), in the simulator's terms. */
export function observe(rec) {
  let verdict;
  if (rec.engine === 'firefox') {
    // Firefox has no error code: the actual request reached the endpoint (a response came
    // back) or it did not (the preflight stopped it).
    if (rec.fetch.resolved) verdict = 'allowed';
    else if (rec.actual.responded) verdict = 'blocked_response';
    else if (rec.preflight.sent) verdict = 'blocked_preflight';
    else verdict = `error(${rec.fetch.error ?? rec.netError ?? 'unknown'})`;
  } else if (rec.fetch.resolved) verdict = 'allowed';
  else if (isPreflightError(rec.corsError)) verdict = 'blocked_preflight';
  else if (rec.preflight.sent && !rec.corsError && rec.preflight.status === null) {
    verdict = 'blocked_preflight'; // the preflight itself never got an answer
  } else if (rec.corsError) verdict = 'blocked_response';
  else verdict = `error(${rec.fetch.error ?? rec.netError ?? 'unknown'})`;
  const visible = rec.fetch.resolved ? rec.fetch.headers.map(([n]) => n.toLowerCase()) : [];
  return {
    preflight: rec.preflight.sent,
    preflightStatus: rec.preflight.sent ? rec.preflight.status : null,
    verdict,
    visible: [...new Set(visible)].sort(),
    status: rec.fetch.resolved ? rec.fetch.status : null,
    // The status the endpoint answered the actual request with (CDP), readable or not.
    rawStatus: rec.actual.status,
    rawHeaders: Object.keys(rec.actual.headers).sort(),
    rawValues: rec.actual.headers,
    corsError: rec.corsError,
    corsErrorParameter: rec.corsErrorParameter,
    consoleReason: rec.engine === 'firefox' ? firefoxReason(rec.console) : consoleReason(rec.console),
    engine: rec.engine ?? 'chromium',
    // A second fetch of the same request (cache cases): did it send a preflight again?
    repeatPreflight: rec.repeat ? rec.repeat.preflight.sent : null,
  };
}

/** Firefox's console text after the URL: "(Reason: ...)...". After a failed preflight
 * Firefox adds "(Reason: CORS request did not succeed)"; the first other line is the reason. */
export function firefoxReason(lines) {
  const reasons = lines.map((l) => l.slice(Math.max(0, l.indexOf('(Reason: '))));
  return reasons.find((r) => !r.startsWith('(Reason: CORS request did not succeed)')) ?? reasons[0] ?? null;
}

function names(list) {
  if (!Array.isArray(list)) return null;
  return list
    .map((h) => (typeof h === 'string' ? h : Array.isArray(h) ? h[0] : (h?.name ?? null)))
    .filter((h) => typeof h === 'string')
    .map((h) => h.toLowerCase());
}

/** The simulator's answer for `engine` (`cors test --browser ENGINE`), reduced to the same fields. */
export function predict(sim, engine = 'chromium', repeatAfterMs = null) {
  const view = sim.browsers?.[engine];
  const cache = view?.preflight_cache ?? null;
  return {
    preflight: !!sim.preflight?.needed,
    preflightStatus: sim.preflight?.needed ? (sim.preflight.status ?? null) : null,
    verdict: view?.verdict ?? sim.verdict,
    visible: names(sim.response?.visible_headers),
    failure: view ? view.failure : (sim.preflight?.failure ?? sim.response?.failure ?? null),
    cacheSeconds: cache ? cache.seconds : null,
    // Fetched again after repeatAfterMs: a preflight again unless the cached one still holds.
    repeatPreflight:
      repeatAfterMs === null ? null : !!sim.preflight?.needed && !(cache && cache.seconds * 1000 > repeatAfterMs),
  };
}

/** Chromium's console text after "has been blocked by CORS policy: ", if any. */
export function consoleReason(lines) {
  for (const l of lines) {
    const i = l.indexOf('has been blocked by CORS policy: ');
    if (i >= 0) return l.slice(i + 'has been blocked by CORS policy: '.length);
  }
  return null;
}

/**
 * Compares a prediction with an observation. Visible headers are compared over the headers the
 * endpoint actually sent: a header is readable by the page exactly when the prediction lists it.
 * Returns a list of disagreements (empty when they agree).
 */
export function compare(p, o) {
  const out = [];
  if (p.preflight !== o.preflight) {
    out.push(`preflight ${p.preflight ? 'predicted' : 'not predicted'} but ${o.preflight ? 'sent' : 'not sent'}`);
  }
  if (p.preflight && o.preflight && p.preflightStatus !== o.preflightStatus) {
    out.push(`preflight status predicted ${p.preflightStatus}, observed ${o.preflightStatus}`);
  }
  if (p.verdict !== o.verdict) out.push(`verdict predicted ${p.verdict}, observed ${o.verdict}`);
  if (p.repeatPreflight !== null && p.repeatPreflight !== o.repeatPreflight) {
    out.push(
      `second fetch: preflight ${p.repeatPreflight ? 'predicted again' : 'predicted cached'} (cache ${p.cacheSeconds ?? 'none'} s) but ${o.repeatPreflight ? 'sent' : 'not sent'}`,
    );
  }
  if (o.engine === 'firefox' && p.verdict === o.verdict && o.verdict !== 'allowed') {
    if (p.failure?.message !== o.consoleReason) {
      out.push(`console text predicted ${JSON.stringify(p.failure?.message ?? null)}, Firefox printed ${JSON.stringify(o.consoleReason)}`);
    }
  } else if (p.verdict === o.verdict && o.verdict !== 'allowed') {
    const code = p.failure?.code ?? null;
    if (code !== o.corsError) out.push(`CORS error predicted ${code}, ${o.engine === 'firefox' ? 'Firefox' : 'Chromium'} said ${o.corsError}`);
    else if (p.failure?.message && o.consoleReason && p.failure.message !== o.consoleReason) {
      out.push(`console text predicted ${JSON.stringify(p.failure.message)}, Chromium printed ${JSON.stringify(o.consoleReason)}`);
    }
  }
  if (p.verdict === 'allowed' && o.verdict === 'allowed') {
    if (!p.visible) {
      out.push('prediction has no response.visible_headers list');
    } else {
      const predicted = new Set(p.visible);
      const expected = o.rawHeaders
        .filter((h) => (predicted.has(h) || predicted.has('*')) && h !== 'set-cookie' && h !== 'set-cookie2')
        .sort();
      const seen = o.visible;
      const missing = expected.filter((h) => !seen.includes(h));
      const extra = seen.filter((h) => !expected.includes(h));
      if (missing.length) out.push(`predicted readable but hidden: ${missing.join(',')}`);
      if (extra.length) out.push(`readable but not predicted: ${extra.join(',')}`);
    }
  }
  return out;
}

/**
 * Checks the authored expectation of a case (written from the references). `expect*` describe
 * OSS as ossctl assumes it by default; in a run under `variant` (NAME=VALUE) only
 * `expect_if[variant]` applies.
 */
export function checkExpectation(c, o, variant = null) {
  const out = [];
  if (c.response_status !== undefined && o.rawStatus !== null && o.rawStatus !== c.response_status) {
    out.push(`case declares response_status ${c.response_status}, Chromium saw status ${o.rawStatus}`);
  }
  if (variant) {
    const want = c.expect_if?.[variant];
    if (want && want !== o.verdict) out.push(`reference expects ${want} if ${variant}, Chromium did ${o.verdict}`);
    return out;
  }
  if (c.expect && c.expect !== o.verdict) out.push(`reference expects ${c.expect}, Chromium did ${o.verdict}`);
  if (c.expect_preflight !== undefined && c.expect_preflight !== o.preflight) {
    out.push(`reference expects ${c.expect_preflight ? 'a' : 'no'} preflight`);
  }
  for (const h of c.expect_readable ?? []) {
    if (!o.visible.includes(h.toLowerCase())) out.push(`reference expects ${h} readable`);
  }
  for (const h of c.expect_hidden ?? []) {
    if (o.visible.includes(h.toLowerCase())) out.push(`reference expects ${h} hidden`);
  }
  for (const [name, value] of Object.entries(c.expect_raw ?? {})) {
    const got = o.rawValues[name.toLowerCase()];
    if (value === null ? got !== undefined : got !== value) {
      out.push(`reference expects the endpoint to send ${name}: ${value ?? '(absent)'}, it sent ${got ?? '(absent)'}`);
    }
  }
  if (c.expect_status !== undefined && o.status !== c.expect_status) {
    out.push(`reference expects status ${c.expect_status} readable, page got ${o.status ?? 'none'}`);
  }
  // expect_cors_error names Chromium's DevTools code; Firefox has none (its text is compared instead).
  if (c.expect_cors_error && o.engine !== 'firefox' && c.expect_cors_error !== o.corsError) {
    out.push(`reference expects CORS error ${c.expect_cors_error}, ${o.engine === 'firefox' ? 'Firefox' : 'Chromium'} said ${o.corsError}`);
  }
  return out;
}

/**
 * The case's `expect_if` against the prediction's `assumptions`: every NAME=VALUE the case
 * names must be one cors test lists, with the same verdict.
 */
export function checkAssumptions(c, sim) {
  const out = [];
  for (const [v, verdict] of Object.entries(c.expect_if ?? {})) {
    const a = (sim.assumptions ?? []).find((x) => `${x.name}=${x.alternative}` === v);
    if (!a) out.push(`reference expects the outcome to rest on ${v}, cors test lists no such assumption`);
    else if (a.verdict_if_alternative !== verdict) {
      out.push(`reference expects ${verdict} if ${v}, cors test's assumptions say ${a.verdict_if_alternative}`);
    }
  }
  return out;
}

/** One compact token string per side for the report line. */
export function summary(x) {
  const pf = x.preflight ? `pf=${x.preflightStatus ?? '?'}` : 'pf=none';
  const vis = x.visible ? x.visible.filter((h) => !SAFELISTED_RESPONSE.includes(h)) : null;
  const v = x.verdict === 'allowed' && vis ? ` +[${vis.join(',')}]` : '';
  const again = x.repeatPreflight === null || x.repeatPreflight === undefined ? '' : ` then pf=${x.repeatPreflight ? 'again' : 'cached'}`;
  return `${pf} ${x.verdict}${v}${again}`;
}
