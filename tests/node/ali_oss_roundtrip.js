#!/usr/bin/env node
// Drives the official npm `ali-oss` client against a loopback `ossctl serve` (path style):
// put/get/delete bucket CORS, PutObject + GetObject, and a wrong-secret request, once with
// signature V1 (the ali-oss default) and once with V4. Prints one PASS/FAIL line per check
// and ends with "N passed, M failed"; exit status 1 if anything failed, 2 on usage errors.
//
// Usage: node ali_oss_roundtrip.js --endpoint http://127.0.0.1:PORT --access-key-id ID \
//          --access-key-secret SECRET --bucket NAME [--region cn-hangzhou]
'use strict';

const OSS = require('ali-oss');

function parseArgs(argv) {
  const args = { region: 'cn-hangzhou' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name || !name.startsWith('--') || value === undefined) {
      console.error(`usage error near ${JSON.stringify(name)}`);
      process.exit(2);
    }
    args[name.slice(2).replace(/-/g, '_')] = value;
  }
  for (const required of ['endpoint', 'access_key_id', 'access_key_secret', 'bucket']) {
    if (!args[required]) {
      console.error(`missing --${required.replace(/_/g, '-')}`);
      process.exit(2);
    }
  }
  const host = new URL(args.endpoint).hostname;
  if (!(host === 'localhost' || host.startsWith('127.') || host === '[::1]')) {
    console.error(`refusing non-loopback endpoint ${host}`);
    process.exit(2);
  }
  return args;
}

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed += 1;
    console.log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
}

function asList(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function client(args, v4, secret) {
  return new OSS({
    endpoint: args.endpoint,
    accessKeyId: args.access_key_id,
    accessKeySecret: secret || args.access_key_secret,
    bucket: args.bucket,
    region: `oss-${args.region}`, // ali-oss strips the "oss-" prefix for the V4 scope
    authorizationV4: v4,
    secure: false,
    sldEnable: true, // path style: http://127.0.0.1:PORT/<bucket>/<key>
    timeout: 10000,
  });
}

async function attempt(fn) {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, status: e.status, code: e.code, message: String(e.message || e) };
  }
}

async function run(args, v4) {
  const p = `[ali-oss ${v4 ? 'v4' : 'v1'}]`;
  const c = client(args, v4);
  const rules = [
    {
      allowedOrigin: ['https://app.example.com', 'http://localhost:3000'],
      allowedMethod: ['GET', 'PUT'],
      allowedHeader: '*',
      exposeHeader: ['ETag', 'x-oss-request-id'],
      maxAgeSeconds: '600',
    },
    { allowedOrigin: '*', allowedMethod: 'HEAD' },
  ];
  let r = await attempt(() => c.putBucketCORS(args.bucket, rules));
  check(`${p} putBucketCORS`, r.ok && r.value.res.status === 200, r.ok ? '' : JSON.stringify(r));

  r = await attempt(() => c.getBucketCORS(args.bucket));
  const got = r.ok ? r.value.rules : [];
  const first = got[0] || {};
  const okShape =
    got.length === 2 &&
    JSON.stringify(asList(first.allowedOrigin)) === JSON.stringify(rules[0].allowedOrigin) &&
    JSON.stringify(asList(first.allowedMethod)) === JSON.stringify(rules[0].allowedMethod) &&
    JSON.stringify(asList(first.exposeHeader)) === JSON.stringify(rules[0].exposeHeader) &&
    String(first.maxAgeSeconds) === '600' &&
    JSON.stringify(asList((got[1] || {}).allowedMethod)) === JSON.stringify(['HEAD']);
  check(`${p} getBucketCORS round-trip`, r.ok && okShape, r.ok ? JSON.stringify(got) : JSON.stringify(r));

  const key = `ali-oss/${v4 ? 'v4' : 'v1'} file+name 文件.txt`;
  const body = Buffer.from(`hello from ali-oss ${v4 ? 'v4' : 'v1'}`);
  r = await attempt(() => c.put(key, body, { headers: { 'Content-Type': 'text/plain' } }));
  check(`${p} PutObject`, r.ok && r.value.res.status === 200, r.ok ? '' : JSON.stringify(r));

  r = await attempt(() => c.get(key));
  check(
    `${p} GetObject returns the same bytes`,
    r.ok && Buffer.compare(r.value.content, body) === 0,
    r.ok ? '' : JSON.stringify(r),
  );

  r = await attempt(() => c.deleteBucketCORS(args.bucket));
  check(`${p} deleteBucketCORS`, r.ok, r.ok ? '' : JSON.stringify(r));

  r = await attempt(() => c.getBucketCORS(args.bucket));
  check(
    `${p} getBucketCORS after delete -> 404 NoSuchCORSConfiguration`,
    !r.ok && r.status === 404 && r.code === 'NoSuchCORSConfiguration',
    JSON.stringify(r),
  );

  const bad = client(args, v4, `${args.access_key_secret}-wrong`);
  r = await attempt(() => bad.getBucketCORS(args.bucket));
  check(
    `${p} wrong secret -> 403 SignatureDoesNotMatch`,
    !r.ok && r.status === 403 && r.code === 'SignatureDoesNotMatch',
    JSON.stringify(r),
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const v of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) {
    delete process.env[v];
  }
  for (const v4 of [false, true]) {
    try {
      await run(args, v4);
    } catch (e) {
      check(`[ali-oss ${v4 ? 'v4' : 'v1'}] unexpected exception`, false, String((e && e.stack) || e));
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
