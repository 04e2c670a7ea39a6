// One GetBucketCors with the Node ali-oss SDK (V4), as a user's script would do it.
// Reads OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION and BENCH_BUCKET
// from the environment and prints the rules. Run by scripts/bench as a whole process
// (NODE_PATH points at the folder holding ali-oss).
'use strict';
const OSS = require('ali-oss');

const env = process.env;
const client = new OSS({
  endpoint: env.OSS_ENDPOINT,
  accessKeyId: env.OSS_ACCESS_KEY_ID,
  accessKeySecret: env.OSS_ACCESS_KEY_SECRET,
  bucket: env.BENCH_BUCKET,
  region: `oss-${env.OSS_REGION}`,
  authorizationV4: true,
  secure: false,
  sldEnable: true, // path style: http://127.0.0.1:PORT/<bucket>/
});

client.getBucketCORS(env.BENCH_BUCKET).then(
  (r) => {
    for (const rule of r.rules) console.log(JSON.stringify(rule));
    process.exit(r.rules.length > 0 ? 0 : 1);
  },
  (e) => {
    console.error(String(e.message || e));
    process.exit(1);
  },
);
