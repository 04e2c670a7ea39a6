// Seeds the bucket with the objects cases fetch, through the official Node SDK (ali-oss,
// signature V1 by default). ali-oss sends `Host: <bucket>.oss-<region>.aliyuncs.com` when the
// endpoint is an IP address, so it is given `localhost` (pinned to 127.0.0.1) and path style.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'node', 'package.json'));

function client({ endpoint, bucket, creds, caFile }) {
  const OSS = require('ali-oss');
  const url = new URL(endpoint);
  url.hostname = 'localhost';
  // Loopback only: whatever the resolver says about localhost, connect to 127.0.0.1.
  const lookup = (_host, opts, cb) =>
    opts?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
  return new OSS({
    endpoint: url.origin,
    bucket,
    accessKeyId: creds.id,
    accessKeySecret: creds.secret,
    sldEnable: true,
    secure: endpoint.startsWith('https:'),
    timeout: 15_000,
    agent: new http.Agent({ lookup, keepAlive: true }),
    httpsAgent: new https.Agent({ lookup, ca: fs.readFileSync(caFile), keepAlive: true }),
  });
}

/** Puts `objects` ([[key, {body, content_type, meta}]...]) into the bucket, 8 at a time. */
export async function seedObjects({ endpoint, bucket, objects, creds, caFile }) {
  const oss = client({ endpoint, bucket, creds, caFile });
  // The pages write without signing (PUT, POST, DELETE cases): the bucket must accept that,
  // or OSS refuses with 403 AccessDenied, which carries no CORS headers (documented: OSS
  // checks permissions before CORS), and the case would test the refusal, not the rules.
  try {
    await oss.putBucketACL(bucket, 'public-read-write');
  } catch (e) {
    throw new Error(`making ${endpoint}/${bucket} public-read-write failed: ${e.status ?? ''} ${e.code ?? ''} ${e.message}`);
  }
  const queue = [...objects];
  const worker = async () => {
    while (queue.length) {
      const [key, o] = queue.shift();
      const headers = { 'Content-Type': o.content_type };
      for (const [k, v] of Object.entries(o.meta ?? {})) headers[`x-oss-meta-${k}`] = v;
      try {
        await oss.put(key, Buffer.from(o.body), { headers });
      } catch (e) {
        throw new Error(
          `seeding ${endpoint}/${bucket}/${key} with ali-oss failed: ${e.status ?? ''} ${e.code ?? ''} ${e.message}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * The query string of a V1 presigned URL (ali-oss `signatureUrl`) for a browser upload or
 * delete, as a web app would hand it to the page. V1 signs the canonical resource
 * `/bucket/key`, so the query works for path and virtual-host style alike.
 * `kind` 'bad-signature': the Signature is replaced by another well-formed one (the URL a page
 * gets when the server signed with the wrong secret or the URL was altered); 'expired': signed
 * to expire a minute ago. OSS refuses both with 403 before looking at CORS.
 */
export function presignedQuery({ endpoint, bucket, key, method, contentType, creds, caFile, kind = true }) {
  const oss = client({ endpoint, bucket, creds, caFile });
  const opts = { method, expires: kind === 'expired' ? -60 : 3600 };
  if (contentType) opts['Content-Type'] = contentType;
  const url = new URL(oss.signatureUrl(key, opts));
  if (kind === 'bad-signature') {
    const sig = Buffer.from(url.searchParams.get('Signature'), 'base64');
    sig[0] ^= 0xff;
    url.searchParams.set('Signature', sig.toString('base64'));
  }
  return url.search;
}
