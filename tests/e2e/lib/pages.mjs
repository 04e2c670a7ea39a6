// The loopback page server: a blank HTML page for any Host, so that Chromium (whose resolver
// maps every name to 127.0.0.1) can open a page at whatever origin a case needs.
import http from 'node:http';
import https from 'node:https';

const BLANK = '<!doctype html><meta charset="utf-8"><title>ossctl e2e</title><body>blank</body>';
// A page whose only content is a sandboxed iframe: script in the frame runs in an opaque
// origin, so its fetch() sends `Origin: null`.
const SANDBOX =
  '<!doctype html><meta charset="utf-8"><title>ossctl e2e sandbox</title>' +
  '<iframe name="opaque" sandbox="allow-scripts" src="/blank"></iframe>';

function handler(req, res) {
  if (req.url === '/favicon.ico') {
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(req.url === '/sandbox' ? SANDBOX : BLANK);
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** Starts the http and https page servers on ephemeral loopback ports. */
export async function startPageServers({ cert, key }) {
  const plain = http.createServer(handler);
  const tls = https.createServer({ cert, key }, handler);
  const httpPort = await listen(plain);
  const httpsPort = await listen(tls);
  return {
    httpPort,
    httpsPort,
    close: () =>
      Promise.all(
        [plain, tls].map(
          (s) =>
            new Promise((r) => {
              s.closeAllConnections?.();
              s.close(() => r());
            }),
        ),
      ),
  };
}
