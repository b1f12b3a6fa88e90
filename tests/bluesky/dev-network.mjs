// SPDX-License-Identifier: GPL-3.0-or-later
//
// A private Bluesky network on 127.0.0.1 for the channel's tests: a
// PostgreSQL cluster and a Redis in a temporary folder, then PLC, PDS and
// AppView from @atproto/dev-env, a business account and a customer
// account. Start it with the loopback preload beside this file:
//
//   node -r tests/bluesky/loopback-only.cjs tests/bluesky/dev-network.mjs SERVERS_DIR
//
// SERVERS_DIR is the folder tools/setup-bluesky.sh installed dev-env into.
// It prints one JSON line with the addresses, DIDs and passwords when the
// network is ready, then answers commands, one JSON object per line on
// stdin, with one JSON line each (the customer's side of the tests). It
// stops everything when stdin closes, on SIGTERM/SIGINT, and by itself
// after SOCIALDESK_BLUESKY_TIMEOUT seconds (default 900).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const serversDir = process.argv[2];
if (!serversDir || !fs.existsSync(path.join(serversDir, 'node_modules'))) {
  console.error('usage: dev-network.mjs SERVERS_DIR (from tools/setup-bluesky.sh)');
  process.exit(2);
}

const hardTimeout = Number(process.env.SOCIALDESK_BLUESKY_TIMEOUT || 900) * 1000;
const started = Date.now();
const log = (...args) => console.error(`[dev-network +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

// Everything the servers write (PDS data, blobs, port locks, the database)
// lands in one folder that is removed on exit.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'socialdesk-bluesky-'));
process.env.TMPDIR = tmp;
const children = [];
let stopping = null;

const req = createRequire(path.join(serversDir, 'package.json'));
const load = async (name) => import(pathToFileURL(req.resolve(name)).href);

function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Children run under a small shell that stops them when our end of its
// stdin closes, which also happens when this process dies unexpectedly:
// nothing outlives the test.
function startGuarded (name, argv, signal) {
  const script = `"$@" & child=$!; trap '' INT TERM; read _ignored; kill -${signal} $child 2>/dev/null;
    i=0; while kill -0 $child 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done;
    kill -KILL $child 2>/dev/null; wait $child`;
  const child = spawn('/bin/sh', ['-c', script, 'guard', ...argv], {
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 20000) stderr = stderr.slice(-10000); });
  child.on('exit', (code) => { if (!stopping) log(`${name} exited (${code}): ${stderr.slice(-2000)}`); });
  children.push({ name, child });
  return child;
}

function pgBinDir () {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) throw new Error('PostgreSQL is not installed (run tools/setup-bluesky.sh)');
  const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a);
  for (const v of versions) {
    const dir = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  throw new Error('no initdb under /usr/lib/postgresql');
}

async function waitForPort (port, what, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect({ port, host: '127.0.0.1' }, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start on port ${port}`);
}

async function startPostgres () {
  const bin = pgBinDir();
  const dir = path.join(tmp, 'pg');
  const sock = path.join(tmp, 'pg-socket');
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.mkdirSync(sock);
  // PostgreSQL refuses to run as root: then it runs as the postgres user
  // that Debian's package creates.
  let asUser = [];
  if (process.getuid() === 0) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pw.status !== 0) throw new Error('running as root but there is no postgres user');
    const uid = Number(pw.stdout.trim());
    fs.chmodSync(tmp, 0o755);
    fs.chownSync(dir, uid, Number(gid.stdout.trim()));
    fs.chownSync(sock, uid, Number(gid.stdout.trim()));
    asUser = ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--'];
  }
  const init = spawnSync(asUser[0] || path.join(bin, 'initdb'),
    [...asUser.slice(1), ...(asUser.length ? [path.join(bin, 'initdb')] : []),
      '-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
    { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  startGuarded('postgres', [...asUser, path.join(bin, 'postgres'), '-D', dir,
    '-c', 'listen_addresses=127.0.0.1', '-p', String(port), '-k', sock,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    '-c', 'max_connections=200'], 'INT');
  await waitForPort(port, 'PostgreSQL');
  // Accepting TCP is not yet accepting queries; pg_isready tells.
  for (let i = 0; i < 100; i++) {
    const r = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']);
    if (r.status === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

async function startRedis () {
  const port = await freePort();
  startGuarded('redis', ['redis-server', '--bind', '127.0.0.1', '--port', String(port),
    '--save', '', '--appendonly', 'no', '--dir', tmp, '--protected-mode', 'yes'], 'TERM');
  await waitForPort(port, 'Redis');
  return `127.0.0.1:${port}`;
}

async function stop (code) {
  if (stopping) return stopping;
  stopping = (async () => {
    log('stopping');
    try {
      if (network) await Promise.race([network.close(), new Promise((r) => setTimeout(r, 10000))]);
    } catch (e) {
      log('closing the network:', e?.message);
    }
    for (const { child } of children.reverse()) {
      try { child.stdin.end(); } catch {}
    }
    await Promise.race([
      Promise.all(children.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r))))),
      new Promise((r) => setTimeout(r, 10000)),
    ]);
    try { fs.rmSync(tmp, { recursive: true, force: true }); } catch {}
    log('stopped');
    process.exit(code);
  })();
  return stopping;
}

let network = null;
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.on('uncaughtException', (e) => { log('uncaught', e?.stack || e); if (!stopping) stop(1); });
process.on('unhandledRejection', (e) => { log('unhandled', e?.stack || e); if (!stopping) stop(1); });
setTimeout(() => { log('hard timeout reached'); stop(3); }, hardTimeout).unref();

// Read stdin from the start, so that a test that gives up during the
// start-up (closing stdin) stops everything at once; commands wait until
// the network is ready.
let markReady;
const ready = new Promise((resolve) => { markReady = resolve; });
let commands = {};
let queue = ready;
const rl = readline.createInterface({ input: process.stdin });
rl.on('close', () => (network ? queue.then(() => stop(0)) : stop(0)));
rl.on('line', (line) => {
  queue = queue.then(async () => {
    if (!line.trim()) return;
    let answer;
    try {
      const cmd = JSON.parse(line);
      const fn = commands[cmd.cmd];
      if (!fn) throw new Error(`unknown command ${cmd.cmd}`);
      answer = { ok: true, result: await fn(cmd) };
    } catch (e) {
      answer = { ok: false, error: String(e?.message || e) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
});

// Loading the servers' code takes as long as starting the databases:
// both at once.
const [devEnv, api, jose, dbUrl, redisHost] = await Promise.all([
  load('@atproto/dev-env'),
  load('@atproto/api'),
  load('jose'),
  startPostgres(),
  startRedis(),
]);
const { TestNetwork } = devEnv;
const { AtpAgent, RichText } = api;
process.env.DB_POSTGRES_URL = dbUrl;
process.env.REDIS_HOST = redisHost;
log('databases ready');

network = await TestNetwork.create({
  dbPostgresSchema: 'socialdesk',
  pds: { hostname: 'localhost' },
});
log('network ready');

const pdsUrl = network.pds.url;
const agentFor = async (identifier, password) => {
  const agent = new AtpAgent({ service: pdsUrl });
  await agent.login({ identifier, password });
  return agent;
};
async function createAccount (handle, password, displayName, description) {
  const agent = new AtpAgent({ service: pdsUrl });
  const { data } = await agent.com.atproto.server.createAccount({
    handle, password, email: `${handle.split('.')[0]}@example.test`,
  });
  const logged = await agentFor(handle, password);
  await logged.com.atproto.repo.putRecord({
    repo: data.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName, description },
  });
  return { did: data.did, handle, password, agent: logged };
}

const business = await createAccount('radladen.test', 'radladen-password', 'Radladen Müller', 'Fahrräder und Service');
const customer = await createAccount('kunde.test', 'kunde-password', 'Jürgen Kunde 🚲', 'Ich fahre gern Rad.');
const { data: appPassword } = await business.agent.com.atproto.server.createAppPassword({ name: 'socialdesk' });
const { data: dmPassword } = await business.agent.com.atproto.server.createAppPassword({ name: 'socialdesk-dm', privileged: true });
// The customer follows the shop, so the shop's profile shows a follower.
await customer.agent.follow(business.did);
await network.processAll();

const jwtKey = network.pds.jwtSecretKey();
const serviceDid = network.pds.ctx.cfg.service.did;

async function mention (agent, text) {
  const rt = new RichText({ text });
  await rt.detectFacets(agent);
  return rt;
}

async function post (who, text, reply) {
  const rt = await mention(who.agent, text);
  const record = { text: rt.text, facets: rt.facets, createdAt: new Date().toISOString(), langs: ['de'] };
  if (reply) record.reply = reply;
  const res = await who.agent.post(record);
  await network.processAll();
  return res;
}

commands = {
  async post ({ as = 'customer', text, reply }) {
    return post(as === 'business' ? business : customer, text, reply);
  },
  async delete ({ as = 'customer', uri }) {
    await (as === 'business' ? business : customer).agent.deletePost(uri);
    await network.processAll();
    return {};
  },
  async thread ({ uri }) {
    const { data } = await customer.agent.getPostThread({ uri, depth: 10 });
    return data;
  },
  async records ({ did, collection }) {
    const { data } = await customer.agent.com.atproto.repo.listRecords({ repo: did, collection, limit: 100 });
    return data;
  },
  async record ({ uri }) {
    const [did, collection, rkey] = uri.replace('at://', '').split('/');
    const { data } = await customer.agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
    return data;
  },
  async sync () {
    await network.processAll();
    return {};
  },
  // An access token of the business account that expired a minute ago,
  // signed like the PDS's own, for the renewal test.
  async 'expired-token' ({ scope = 'com.atproto.appPass' }) {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new jose.SignJWT({ scope })
      .setProtectedHeader({ typ: 'at+jwt', alg: 'HS256' })
      .setAudience(serviceDid)
      .setSubject(business.did)
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 60)
      .sign(jwtKey);
    return { jwt };
  },
};

markReady();

process.stdout.write(JSON.stringify({
  pds: pdsUrl,
  appview: network.bsky.url,
  plc: network.plc.url,
  business: { did: business.did, handle: business.handle, password: business.password, appPassword: appPassword.password, dmAppPassword: dmPassword.password },
  customer: { did: customer.did, handle: customer.handle, password: customer.password },
  startupSeconds: (Date.now() - started) / 1000,
}) + '\n');
