// A self-signed certificate for the https page server and `ossctl serve --tls-cert`.
// Generated at test time with openssl when available; otherwise the committed test-only pair
// in tests/e2e/tls/ (never used for anything but this loopback suite).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function makeCert(dir, committedDir) {
  const certFile = path.join(dir, 'e2e-cert.pem');
  const keyFile = path.join(dir, 'e2e-key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { certFile, keyFile, cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile), source: 'openssl' };
  } catch {
    const c = path.join(committedDir, 'cert.pem');
    const k = path.join(committedDir, 'key.pem');
    return { certFile: c, keyFile: k, cert: fs.readFileSync(c), key: fs.readFileSync(k), source: 'committed' };
  }
}
