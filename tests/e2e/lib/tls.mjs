// Certificates for the https page server and `ossctl serve --tls-cert`: a throwaway test CA and
// a leaf for localhost, *.localhost and 127.0.0.1 signed by it (rustls refuses a self-signed CA
// certificate used as the server certificate, so `ossctl cors put --ca-bundle` gets the CA).
// Generated at test time with openssl when available; otherwise the committed test-only set in
// tests/e2e/tls/ (never used for anything but this loopback suite). Chromium ignores certificate
// errors anyway (--ignore-certificate-errors).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function openssl(args) {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Writes ca.pem, cert.pem (leaf, then CA) and key.pem into dir. */
export function generate(dir, days) {
  const f = (n) => path.join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', f('ca-key.pem'), '-out', f('ca.pem'), '-days', String(days),
    '-subj', '/CN=ossctl e2e test CA (test only)',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', ...ec, '-keyout', f('key.pem'), '-out', f('leaf.csr'), '-subj', '/CN=localhost']);
  fs.writeFileSync(
    f('leaf.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' +
      'subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1\n',
  );
  openssl(['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'),
    '-CAcreateserial', '-days', String(days), '-extfile', f('leaf.ext'), '-out', f('leaf.pem')]);
  fs.writeFileSync(f('cert.pem'), fs.readFileSync(f('leaf.pem'), 'utf8') + fs.readFileSync(f('ca.pem'), 'utf8'));
  for (const n of ['ca-key.pem', 'leaf.csr', 'leaf.ext', 'leaf.pem', 'ca.srl']) fs.rmSync(f(n), { force: true });
}

export function makeCert(dir, committedDir) {
  let source = 'openssl';
  let from = dir;
  try {
    generate(dir, 2);
  } catch {
    source = 'committed';
    from = committedDir;
  }
  const certFile = path.join(from, 'cert.pem');
  const keyFile = path.join(from, 'key.pem');
  const caFile = path.join(from, 'ca.pem');
  return {
    certFile,
    keyFile,
    caFile,
    cert: fs.readFileSync(certFile),
    key: fs.readFileSync(keyFile),
    source,
  };
}
