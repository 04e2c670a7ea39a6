// Loads and validates tests/e2e/cases.json: rule sets, seeded objects and cases.
import fs from 'node:fs';

const VERDICTS = ['allowed', 'blocked_preflight', 'blocked_response'];
const CASE_KEYS = new Set([
  'id', 'note', 'ruleset', 'origin', 'method', 'headers', 'credentials', 'style', 'key', 'body',
  'endpoint', 'presign', 'host_origin', 'response_status', 'expect', 'expect_status', 'expect_raw', 'expect_preflight', 'expect_readable', 'expect_hidden', 'expect_cors_error',
  'expect_if', 'repeat_after_ms',
]);
const PRESIGN = [true, 'bad-signature', 'expired'];
/** `NAME=VALUE` of an `ossctl cors behaviour` field (`--assume` syntax). */
export const VARIANT = /^[a-z][a-z0-9-]*=[A-Za-z0-9][A-Za-z0-9-]*$/;

export function loadCases(file) {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bad = (msg) => {
    throw new Error(`${file}: ${msg}`);
  };
  if (!spec.bucket_prefix || !spec.rulesets || !Array.isArray(spec.cases)) {
    bad('needs bucket_prefix, rulesets and cases');
  }
  for (const name of Object.keys(spec.rulesets)) {
    // Each rule set lives in its own bucket, <bucket_prefix><name>: a valid OSS bucket name.
    if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(`${spec.bucket_prefix}${name}`) || name.length > 50) {
      bad(`rule set name ${name} does not make a valid bucket name`);
    }
  }
  for (const k of spec.known_issues ?? []) {
    if (!k.id || !k.owner || !k.summary || !k.match) bad(`known issue ${JSON.stringify(k)} needs id, owner, summary, match`);
  }
  const ids = new Set();
  const portScheme = {};
  spec.cases = spec.cases.map((raw, i) => {
    const where = `case #${i + 1} (${raw.id ?? 'no id'})`;
    for (const k of Object.keys(raw)) if (!CASE_KEYS.has(k)) bad(`${where}: unknown field ${k}`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(raw.id ?? '')) bad(`${where}: id must be kebab-case`);
    if (ids.has(raw.id)) bad(`${where}: duplicate id`);
    ids.add(raw.id);
    if (!spec.rulesets[raw.ruleset]) bad(`${where}: unknown ruleset ${raw.ruleset}`);
    if (!VERDICTS.includes(raw.expect)) bad(`${where}: expect must be one of ${VERDICTS.join(', ')}`);
    // `null` (an opaque origin) needs a page to host the sandboxed frame: host_origin.
    if (raw.origin === 'null' && !raw.host_origin) bad(`${where}: origin null needs host_origin`);
    let origin;
    try {
      origin = new URL(raw.origin === 'null' ? raw.host_origin : raw.origin);
    } catch {
      bad(`${where}: origin ${raw.origin} is not a URL`);
    }
    if (raw.origin !== 'null' && origin.origin !== raw.origin) {
      bad(`${where}: origin must be serialised as a browser does: ${origin.origin}`);
    }
    if (origin.hostname === 'localhost') bad(`${where}: localhost origins cannot be mapped to the page server`);
    if (origin.port) {
      const prev = portScheme[origin.port];
      if (prev && prev !== origin.protocol) bad(`${where}: port ${origin.port} used by both http and https origins`);
      portScheme[origin.port] = origin.protocol;
    }
    const style = raw.style ?? 'vhost';
    if (!['path', 'vhost'].includes(style)) bad(`${where}: style must be path or vhost`);
    const endpointScheme = raw.endpoint ?? origin.protocol.replace(':', '');
    if (!['http', 'https'].includes(endpointScheme)) bad(`${where}: endpoint must be http or https`);
    const key = raw.key ?? 'hello.txt';
    // `response_status`: the status the actual request's operation ends with when it is not a
    // success (passed to `cors test --response-status`; the runner checks serve answered it).
    const rs = raw.response_status;
    if (rs !== undefined && !(Number.isInteger(rs) && rs >= 400 && rs <= 599)) {
      bad(`${where}: response_status must be an error status (400-599)`);
    }
    if (rs === 404 && spec.objects[key]) bad(`${where}: response_status 404 needs a key that is not seeded, not ${key}`);
    if (rs !== 404 && !spec.objects[key] && !['PUT', 'POST', 'DELETE', 'PATCH'].includes((raw.method ?? 'GET').toUpperCase())) {
      bad(`${where}: key ${key} is not a seeded object`);
    }
    if (raw.presign !== undefined && !PRESIGN.includes(raw.presign)) {
      bad(`${where}: presign must be true, "bad-signature" or "expired"`);
    }
    if (raw.presign && raw.presign !== true && rs !== 403) {
      bad(`${where}: presign ${raw.presign} is refused by OSS: it needs response_status 403`);
    }
    // `expect_if`: {"NAME=VALUE": verdict}: the verdict the references give if OSS behaved as
    // NAME=VALUE; the runner also runs the case that way (serve and cors test --assume).
    for (const [v, verdict] of Object.entries(raw.expect_if ?? {})) {
      if (!VARIANT.test(v)) bad(`${where}: expect_if key ${v} is not NAME=VALUE`);
      if (!VERDICTS.includes(verdict)) bad(`${where}: expect_if ${v} must be one of ${VERDICTS.join(', ')}`);
    }
    // `repeat_after_ms`: fetch the same request again after this wait (the preflight cache).
    if (raw.repeat_after_ms !== undefined && !(Number.isInteger(raw.repeat_after_ms) && raw.repeat_after_ms >= 0 && raw.repeat_after_ms <= 10_000)) {
      bad(`${where}: repeat_after_ms must be an integer 0-10000`);
    }
    return {
      ...raw,
      method: raw.method ?? 'GET',
      headers: raw.headers ?? {},
      credentials: !!raw.credentials,
      style,
      key,
      endpointScheme,
    };
  });
  for (const k of spec.known_issues ?? []) {
    for (const id of k.cases ?? []) if (!ids.has(id)) bad(`known issue ${k.id} names unknown case ${id}`);
  }
  return spec;
}
