// The ossctl side of the suite: start `ossctl serve`, apply rule sets with `ossctl cors put`,
// and ask `ossctl cors test --output json` for its prediction. Everything goes through the
// built binary, exactly as a user would run it.
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Environment for every ossctl child: test credentials, no user config, no proxies. */
export function ossctlEnv(home, creds) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(OSS_|OSSCTL_|ALIBABA_CLOUD_|ALICLOUD_)/.test(k) || /_proxy$/i.test(k)) delete env[k];
  }
  return {
    ...env,
    HOME: home,
    NO_PROXY: '*',
    NO_COLOR: '1',
    OSS_ACCESS_KEY_ID: creds.id,
    OSS_ACCESS_KEY_SECRET: creds.secret,
    OSS_REGION: 'cn-hangzhou',
  };
}

function run(bin, args, { env, timeoutMs = 20_000, input } = {}) {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      args,
      { env, timeout: timeoutMs, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (err.code ?? 1) : 0, signal: err?.signal ?? null, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/**
 * Starts `ossctl serve` on an ephemeral loopback port and waits for it to print its address.
 * Returns {url, port, log(), stop()}.
 */
export async function startServe({ bin, env, dataDir, buckets, tls, extraArgs = [] }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const args = [
    'serve',
    '--addr',
    '127.0.0.1:0',
    '--data-dir',
    dataDir,
    ...buckets.flatMap((b) => ['--public-bucket', b]),
    '--domain',
    'localhost',
    ...(tls ? ['--tls-cert', tls.certFile, '--tls-key', tls.keyFile] : []),
    ...extraArgs,
  ];
  const child = spawn(bin, args, {
    env: {
      ...env,
      OSSCTL_SERVE_ACCESS_KEY_ID: env.OSS_ACCESS_KEY_ID,
      OSSCTL_SERVE_ACCESS_KEY_SECRET: env.OSS_ACCESS_KEY_SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c.toString()));
  child.stderr.on('data', (c) => (output += c.toString()));
  const scheme = tls ? 'https' : 'http';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`ossctl serve did not print its address within 20 s:\n${output}`)),
      20_000,
    );
    const onData = () => {
      const m = output.match(/\b(https?):\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve(`${scheme}://127.0.0.1:${m[2]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`ossctl ${args.join(' ')} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  let exited = null;
  child.once('exit', (code, signal) => (exited = code ?? signal));
  return {
    url,
    port: Number(new URL(url).port),
    log: () => output,
    /** Null while running; otherwise a message with the exit status and the log's tail. */
    died: () =>
      exited === null ? null : `ossctl serve (${url}) exited (${exited}); its log ends:\n${output.slice(-4000)}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * Writes a rule set as the YAML rule file `ossctl cors put -f` and `cors test -f` read. Every
 * string is a double-quoted (JSON-escaped) YAML scalar, so `*` and `:` need no thought.
 */
export function writeRulesFile(dir, name, ruleset) {
  const q = (v) => JSON.stringify(v);
  const list = (xs) => `[${xs.map(q).join(', ')}]`;
  const lines = [`# rule set "${name}" from tests/e2e/cases.json`, 'rules:'];
  for (const r of ruleset.rules) {
    const fields = [];
    for (const k of ['allowed_origins', 'allowed_methods', 'allowed_headers', 'expose_headers']) {
      if (r[k] !== undefined) fields.push(`${k}: ${list(r[k])}`);
    }
    if (r.max_age_seconds !== undefined) fields.push(`max_age_seconds: ${Number(r.max_age_seconds)}`);
    fields.forEach((f, i) => lines.push(`${i === 0 ? '  - ' : '    '}${f}`));
  }
  if (ruleset.response_vary !== undefined) lines.push(`response_vary: ${!!ruleset.response_vary}`);
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `ossctl cors put oss://BUCKET -f FILE --endpoint URL`; throws with the output on failure. */
export async function corsPut({ bin, env, bucket, file, endpoint, extraArgs = [] }) {
  const args = ['cors', 'put', `oss://${bucket}`, '-f', file, '--endpoint', endpoint, ...extraArgs];
  const r = await run(bin, args, { env });
  if (r.code !== 0) {
    throw new Error(`ossctl ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
  }
  return r;
}

/** `ossctl cors test ... --output json`: the prediction for one case. */
export async function corsTest({ bin, env, file, origin, method, headers, credentials, responseStatus, extraArgs = [] }) {
  const args = ['cors', 'test', '-f', file, '--origin', origin, '--method', method];
  for (const [name, value] of headers) args.push('-H', `${name}: ${value}`);
  if (credentials) args.push('--credentials');
  // How the actual request's operation ends, when the case makes it fail on purpose.
  if (responseStatus !== undefined) args.push('--response-status', String(responseStatus));
  args.push(...extraArgs);
  args.push('--output', 'json');
  const r = await run(bin, args, { env });
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // fall through
  }
  if (!json || typeof json !== 'object' || !json.verdict) {
    throw new Error(
      `ossctl ${args.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')} gave no Simulation JSON (exit ${r.code}):\n${r.stdout}${r.stderr}`,
    );
  }
  return { json, args, code: r.code };
}
