// Headless Debian Firefox ESR (/usr/bin/firefox-esr) driven over WebDriver BiDi by
// puppeteer-core (no geckodriver, no downloaded browser), and the per-case recorder with the
// same result shape as browser.mjs's recordFetch: preflight sent and its status, whether
// fetch() resolved, the headers script can read, and Firefox's console reason.
//
// Loopback only: every request goes through a small forward proxy on 127.0.0.1 that sends
// it to 127.0.0.1 (origin ports 80/443/8443/... to the page servers, every other port to
// itself), so no name is ever looked up; `network.dns.native-is-localhost` maps any name
// that would be to 127.0.0.1 anyway; MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 and a dummy
// remote-settings URL keep Firefox's background traffic off the network
// (/work/shared/reference/firefox.md). `network.dns.forceResolve` is not used: with it
// Firefox ignores Access-Control-Max-Age.
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export function loadPuppeteer(nodeModulesParent) {
  const require = createRequire(path.join(nodeModulesParent, 'package.json'));
  return require('puppeteer-core');
}

/** The forward proxy: plain requests are re-sent, CONNECT tunnels are spliced. */
export async function startProxy(portMap) {
  const target = (port) => Number(portMap[port] ?? port);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    let u;
    try {
      u = new URL(req.url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const up = http.request(
      { host: '127.0.0.1', port: target(u.port || 80), method: req.method, path: u.pathname + u.search, headers, agent },
      (r) => {
        res.writeHead(r.statusCode, r.statusMessage, r.rawHeaders);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  // CONNECT tunnels are not the server's connections any more: close() must end them itself.
  const tunnels = new Set();
  server.on('connect', (req, socket, head) => {
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    const port = Number(req.url.split(':').pop()) || 443;
    const up = net.connect(target(port), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        for (const t of tunnels) t.destroy();
        agent.destroy();
        server.close(() => r());
      }),
  };
}

/** Launches the one Firefox the suite uses; returns {browser, version, close}. */
export async function launchFirefox({ puppeteer, executablePath, portMap }) {
  const proxy = await startProxy(portMap);
  const prefs = {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxy.port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxy.port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.share_proxy_settings': false,
    'network.dns.native-is-localhost': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    // The page must stay at the case's origin: no https upgrade of http://app.example.com.
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'dom.security.https_only_mode': false,
    'services.settings.server': 'http://127.0.0.1:9/v1',
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'toolkit.telemetry.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
  };
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: prefs,
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      timeout: 60_000,
    });
  } catch (e) {
    await proxy.close();
    throw e;
  }
  const version = (await browser.version()).replace(/^firefox\//i, '');
  return {
    browser,
    version,
    close: async () => {
      // Never let a slow shutdown hold the run: Firefox gets 10 s, then it is killed.
      const closed = browser.close().catch(() => {});
      const timer = new Promise((r) => setTimeout(r, 10_000).unref());
      if ((await Promise.race([closed.then(() => true), timer])) !== true) browser.process()?.kill('SIGKILL');
      await proxy.close();
    },
  };
}

/** One worker: a browser context and a page, reused across the cases it runs. */
export async function openFirefoxWorker(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const w = { context, page, current: null, origin: null };
  const mine = (url) => w.current && url.split('#')[0] === w.current.target;
  page.on('request', (r) => {
    if (!mine(r.url())) return;
    w.current.events++;
    w.current.requests.push({ method: r.method(), headers: r.headers() });
  });
  page.on('response', (r) => {
    if (!mine(r.url())) return;
    w.current.events++;
    const req = r.request();
    w.current.responses.push({ method: req.method(), requestHeaders: req.headers(), status: r.status(), headers: r.headers() });
  });
  page.on('requestfailed', (r) => {
    if (!mine(r.url())) return;
    w.current.events++;
    w.current.failed.push({ method: r.method(), error: r.failure()?.errorText ?? null });
  });
  // Firefox's CORS console messages arrive as page errors, not console messages.
  page.on('pageerror', (e) => {
    const t = e?.message ?? String(e);
    if (w.current && t.includes('Cross-Origin Request Blocked') && t.includes(w.current.bare)) {
      w.current.events++;
      w.current.console.push(t);
    }
  });
  w.close = () => context.close().catch(() => {});
  return w;
}

/** In-page part, as in browser.mjs. */
async function pageFetch({ url, init, timeoutMs }) {
  const started = performance.now();
  const timer = new Promise((resolve) => setTimeout(() => resolve({ resolved: false, error: 'timeout' }), timeoutMs));
  const attempt = (async () => {
    try {
      const res = await fetch(url, init);
      const headers = [];
      for (const [name, value] of res.headers) headers.push([name, value]);
      let bodyLength = null;
      if (init.method !== 'HEAD') bodyLength = (await res.arrayBuffer()).byteLength;
      return { resolved: true, status: res.status, type: res.type, headers, bodyLength, ms: performance.now() - started };
    } catch (e) {
      return { resolved: false, error: `${e.name}: ${e.message}`, ms: performance.now() - started };
    }
  })();
  return Promise.race([attempt, timer]);
}

const isPreflight = (r) =>
  r.method === 'OPTIONS' && Object.keys(r.requestHeaders ?? r.headers ?? {}).some((h) => h.toLowerCase() === 'access-control-request-method');

/**
 * Runs one fetch from a page at `pageOrigin` and records Firefox's view of it, in the shape
 * of browser.mjs's recordFetch (corsError is always null: Firefox has no such code; its
 * reason is in `console`).
 */
export async function recordFirefoxFetch(w, { pageOrigin, hostOrigin, url, init, timeoutMs = 10_000 }) {
  const opaque = pageOrigin === 'null';
  const where = opaque ? `null in ${hostOrigin}` : pageOrigin;
  if (w.origin !== where) {
    await w.page.goto(opaque ? `${hostOrigin}/sandbox` : `${pageOrigin}/`, { waitUntil: 'load', timeout: timeoutMs });
    w.origin = where;
  }
  const frame = opaque ? w.page.frames().find((f) => f !== w.page.mainFrame() && f.url().endsWith('/blank')) : w.page.mainFrame();
  if (!frame) throw new Error(`no sandboxed frame in ${hostOrigin}/sandbox`);
  const actualOrigin = await frame.evaluate(() => self.origin);
  if (actualOrigin !== pageOrigin) {
    w.origin = null;
    throw new Error(`Firefox opened the page at origin ${actualOrigin}, not ${pageOrigin}`);
  }
  const u = new URL(url);
  const cur = { target: u.href, bare: `${u.origin}${u.pathname}`, requests: [], responses: [], failed: [], console: [], events: 0 };
  w.current = cur;
  let fetchResult;
  try {
    fetchResult = await frame.evaluate(pageFetch, { url, init, timeoutMs });
    // BiDi events and page errors may trail the page's promise (and come in any order):
    // wait until the story is complete, then for 60 ms without a new event (at most 5 s).
    const complete = () => {
      const preflightAsked = cur.requests.some((r) => isPreflight(r));
      const preflightDone = cur.responses.some(isPreflight) || cur.failed.some((f) => f.method === 'OPTIONS');
      if (preflightAsked && !preflightDone) return false;
      if (fetchResult.resolved) return cur.responses.some((r) => !isPreflight(r));
      return cur.console.length > 0;
    };
    let quietSince = Date.now();
    let lastCount = -1;
    for (let waited = 0; waited < 5000; waited += 10) {
      if (cur.events !== lastCount) {
        lastCount = cur.events;
        quietSince = Date.now();
      }
      if (complete() && Date.now() - quietSince >= 60) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    w.current = null;
  }
  const preflight = cur.responses.find(isPreflight);
  const preflightAsked = cur.requests.some((r) => isPreflight({ method: r.method, requestHeaders: r.headers }));
  const actual = cur.responses.find((r) => !isPreflight(r));
  const failed = cur.failed[0];
  return {
    engine: 'firefox',
    preflight: preflight
      ? { sent: true, status: preflight.status, requestHeaders: preflight.requestHeaders, headers: lowerKeys(preflight.headers) }
      : preflightAsked
        ? { sent: true, status: null, requestHeaders: {}, headers: {} }
        : { sent: false },
    actual: { responded: !!actual, status: actual?.status ?? null, headers: lowerKeys(actual?.headers ?? {}) },
    fetch: fetchResult,
    corsError: null,
    corsErrorParameter: null,
    netError: failed?.error ?? null,
    console: cur.console,
  };
}

function lowerKeys(h) {
  const out = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}
