// Headless Debian Chromium driven through CDP (playwright-core), and the per-case recorder:
// open a page at the case's origin, run fetch() against the endpoint, and write down what
// Chromium did (preflight sent and its status, whether fetch resolved, which response headers
// script can read, Chromium's CORS error code and console text).
import { createRequire } from 'node:module';
import path from 'node:path';

/** Launch flags that work on this machine (see docs/browser.md). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--ignore-certificate-errors',
  // Every request goes straight to 127.0.0.1, whatever proxy the environment names.
  '--no-proxy-server',
  `--disable-features=${[
    // Keep sandboxed iframes (the `null`-origin cases) in their page's renderer, so their
    // network events reach the page's CDP session; process placement does not change CORS.
    'IsolateSandboxedIframes',
    // A --disable-features flag replaces playwright-core's own (the last one wins), so its
    // list (1.65, chromiumSwitches.ts) is repeated here. Above all HttpsUpgrades and the
    // HTTPS-First modes: without them Chromium silently loads http://app.example.com/ over
    // https (our https page server answers), and the page's origin is not the case's origin.
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'HttpsFirstModeIncognito',
    'HttpsFirstModeV2ForEngagedSites',
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
  ].join(',')}`,
];

/** Chromium's CorsError codes that mean the preflight, not the actual response, failed. */
const PREFLIGHT_ERRORS = new Set([
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'RedirectContainsCredentials',
]);

export function isPreflightError(code) {
  return !!code && (code.startsWith('Preflight') || PREFLIGHT_ERRORS.has(code));
}

export function loadPlaywright(nodeModulesParent) {
  const require = createRequire(path.join(nodeModulesParent, 'package.json'));
  return require('playwright-core');
}

/**
 * Host resolver rules: every name resolves to 127.0.0.1 (except `localhost`, which Chromium
 * resolves itself), and each origin port a case uses is redirected to the page server of the
 * right scheme, so `https://app.example.com` (port 443) lands on the ephemeral https page port.
 */
export function hostResolverRules(portMap) {
  const maps = Object.entries(portMap).map(([from, to]) => `MAP *:${from} 127.0.0.1:${to}`);
  return [...maps, 'MAP * 127.0.0.1', 'EXCLUDE localhost'].join(', ');
}

/** Launches the one Chromium instance the suite uses; returns {browser, close}. */
export async function launch({ playwright, executablePath, portMap }) {
  const args = [
    ...CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    `--host-resolver-rules=${hostResolverRules(portMap)}`,
  ];
  // launch() starts Chromium with a fresh temporary --user-data-dir of its own (removed on
  // close); one fresh incognito-like context per case gives every case an empty preflight cache.
  const browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    args,
    timeout: 30_000,
  });
  return {
    browser,
    version: browser.version(),
    close: async () => {
      await browser.close().catch(() => {});
    },
  };
}

/** In-page part: runs in Chromium, returns only what the page's script can see. */
async function pageFetch({ url, init, timeoutMs }) {
  const started = performance.now();
  const timer = new Promise((resolve) =>
    setTimeout(() => resolve({ resolved: false, error: 'timeout', ms: timeoutMs }), timeoutMs),
  );
  const attempt = (async () => {
    try {
      const res = await fetch(url, init);
      const headers = [];
      for (const [name, value] of res.headers) headers.push([name, value]);
      let bodyLength = null;
      if (init.method !== 'HEAD') bodyLength = (await res.arrayBuffer()).byteLength;
      return {
        resolved: true,
        status: res.status,
        type: res.type,
        headers,
        bodyLength,
        ms: performance.now() - started,
      };
    } catch (e) {
      return { resolved: false, error: `${e.name}: ${e.message}`, ms: performance.now() - started };
    }
  })();
  return Promise.race([attempt, timer]);
}

/**
 * One worker: a browser context and a page, reused across the cases the worker runs. Cases
 * never share a URL (each fetches its own object key), so no case can be answered from another
 * case's preflight-cache or HTTP-cache entry; the HTTP cache is cleared between cases anyway.
 */
export async function openWorker(browser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const w = { context, page, cdp, current: null, origin: null };
  const entry = (id) => {
    const cur = w.current;
    if (!cur) return null;
    cur.events++;
    if (!cur.byId.has(id)) cur.byId.set(id, { id });
    return cur.byId.get(id);
  };
  cdp.on('Network.requestWillBeSent', (p) => {
    if (!w.current || normalise(p.request.url) !== w.current.target) return;
    Object.assign(entry(p.requestId), {
      method: p.request.method,
      requestHeaders: p.request.headers,
      type: p.type,
    });
  });
  cdp.on('Network.responseReceived', (p) => {
    if (!w.current?.byId.has(p.requestId)) return;
    Object.assign(entry(p.requestId), {
      responseType: p.type,
      status: p.response.status,
      responseHeaders: p.response.headers,
    });
  });
  // Raw status and headers, also for responses that CORS then hides from the page.
  cdp.on('Network.responseReceivedExtraInfo', (p) => {
    if (!w.current) return;
    w.current.events++;
    w.current.extra.set(p.requestId, { status: p.statusCode, headers: p.headers });
  });
  cdp.on('Network.loadingFailed', (p) => {
    if (!w.current?.byId.has(p.requestId)) return;
    Object.assign(entry(p.requestId), {
      failed: p.errorText,
      corsError: p.corsErrorStatus?.corsError ?? null,
      corsErrorParameter: p.corsErrorStatus?.failedParameter ?? null,
    });
  });
  page.on('console', (m) => {
    const t = m.text();
    if (w.current && /CORS|Failed to load|blocked/i.test(t)) {
      w.current.events++;
      w.current.console.push(t);
    }
  });
  w.close = () => context.close().catch(() => {});
  return w;
}

/**
 * Runs one fetch from a page at `pageOrigin` and records Chromium's view of it.
 * Returns {preflight:{sent,status,headers}, actual:{responded,status,headers}, fetch,
 * corsError, corsErrorParameter, netError, console:[...]}.
 */
export async function recordFetch(w, { pageOrigin, hostOrigin, url, init, timeoutMs = 10_000, keepCache = false }) {
  // (A repeated fetch keeps the cache: Network.clearBrowserCache is for the HTTP cache, but
  // nothing between the two fetches of a cache case may touch any cache.)
  if (!keepCache) await w.cdp.send('Network.clearBrowserCache');
  // `null`: the fetch runs in a sandboxed iframe (opaque origin) of a page at `hostOrigin`.
  const opaque = pageOrigin === 'null';
  const where = opaque ? `null in ${hostOrigin}` : pageOrigin;
  if (w.origin !== where) {
    const url = opaque ? `${hostOrigin}/sandbox` : `${pageOrigin}/`;
    await w.page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    w.origin = where;
  }
  const frame = opaque ? w.page.frame({ name: 'opaque' }) : w.page.mainFrame();
  if (!frame) throw new Error(`no sandboxed frame in ${hostOrigin}/sandbox`);
  // Guard: the script really runs at the case's origin (an https upgrade or a redirect would
  // silently change what is measured).
  const actualOrigin = await frame.evaluate(() => self.origin);
  if (actualOrigin !== pageOrigin) {
    w.origin = null;
    throw new Error(`Chromium opened the page at origin ${actualOrigin}, not ${pageOrigin}`);
  }
  const cur = { target: new URL(url).href, byId: new Map(), extra: new Map(), console: [], events: 0 };
  w.current = cur;
  let fetchResult;
  try {
    fetchResult = await frame.evaluate(pageFetch, { url, init, timeoutMs });
    // CDP events (loadingFailed, responseReceived) and console messages may trail the page's
    // promise, more so on a loaded machine: wait until the story is complete (at most 5 s).
    const complete = () => {
      const es = [...cur.byId.values()];
      const isPreflight = (e) => e.method === 'OPTIONS' && e.type !== 'Fetch';
      if (es.some((e) => isPreflight(e) && e.status === undefined && !e.failed && !cur.extra.has(e.id))) {
        return false;
      }
      if (fetchResult.resolved) return es.some((e) => !isPreflight(e) && e.status !== undefined);
      const failed = es.find((e) => e.failed);
      if (!failed) return false;
      // The preflight's own events come from the network service and may arrive after the
      // blocked request's loadingFailed.
      if (isPreflightError(failed.corsError) && !es.some((e) => isPreflight(e) && (e.status !== undefined || cur.extra.has(e.id)))) {
        return false;
      }
      return !failed.corsError || cur.console.some((l) => l.includes('CORS policy'));
    };
    // Then a quiet period: no new event for this case for 100 ms.
    let quietSince = Date.now();
    let lastCount = -1;
    for (let waited = 0; waited < 5000; waited += 10) {
      const count = cur.events;
      if (count !== lastCount) {
        lastCount = count;
        quietSince = Date.now();
      }
      if (complete() && Date.now() - quietSince >= 100) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    w.current = null;
  }

  const entries = [...cur.byId.values()];
  for (const e of entries) {
    const x = cur.extra.get(e.id);
    if (x) {
      e.status ??= x.status;
      e.responseHeaders = { ...(x.headers ?? {}), ...(e.responseHeaders ?? {}) };
    }
  }
  // A preflight is the OPTIONS request carrying Access-Control-Request-Method (a page's own
  // fetch(url, {method: 'OPTIONS'}) is the actual request and comes after its preflight).
  const preflight = entries.find(
    (e) =>
      e.method === 'OPTIONS' &&
      (e.responseType === 'Preflight' ||
        Object.keys(e.requestHeaders ?? {}).some((h) => h.toLowerCase() === 'access-control-request-method')),
  );
  const actual = entries.find((e) => e !== preflight && e.type !== 'Preflight');
  const failed = entries.find((e) => e.corsError) ?? entries.find((e) => e.failed);
  return {
    engine: 'chromium',
    preflight: preflight
      ? {
          sent: true,
          status: preflight.status ?? null,
          requestHeaders: preflight.requestHeaders ?? {},
          headers: lowerKeys(preflight.responseHeaders ?? {}),
        }
      : { sent: false },
    actual: {
      responded: actual?.status !== undefined,
      status: actual?.status ?? null,
      headers: lowerKeys(actual?.responseHeaders ?? {}),
    },
    fetch: fetchResult,
    corsError: failed?.corsError ?? null,
    corsErrorParameter: failed?.corsErrorParameter || null,
    netError: failed?.failed ?? null,
    console: cur.console,
  };
}

function normalise(u) {
  try {
    return new URL(u).href;
  } catch {
    return u;
  }
}

function lowerKeys(h) {
  const out = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}
