// The load tool of bench/run-realtime (bench/README.md, "Realtime"): the stock npm socket.io-client
// against conversa-server over loopback. One command per measurement; each prints one JSON summary
// on stdout (run-realtime turns them into the table) and never waits longer than its own deadlines.
//
//   node realtime.mjs users   --base URL --admin-email E --password P --agents N --supervisors M --out FILE
//       creates the users through POST /v1/users and logs each in once (Argon2id: slow by design, so a
//       few at a time); FILE gets one JSON line per user {slot, id, role, email, token}.
//   node realtime.mjs latency --base URL --tokens FILE --webhook PATH --secret S --meta-id ID
//                             [--agents 500] [--rate 200] [--seconds 15] [--warmup 3] [--wait-ms 3000] [--samples FILE]
//       (a) one socket per agent; signed webhooks paced at --rate, each from the client of one agent's
//       open chat (agent slot i: +57300 i), round robin; latency = the chat.message carrying the
//       webhook's token on that agent's socket − the moment the POST was written.
//   node realtime.mjs fanout  --base URL --tokens FILE --webhook PATH --secret S --meta-id ID
//                             [--supervisors 1000] [--events 5] [--gap-ms 1000] [--procs 4] [--wait-ms 5000]
//       (c) --supervisors sockets spread over --procs processes; --events webhooks, --gap-ms apart;
//       per socket and event, receive time − POST time (CLOCK_MONOTONIC: process.hrtime is the same
//       clock in every process on the machine).
//   node realtime.mjs idle    --base URL --tokens FILE --server-pid PID [--sockets 10000] [--procs 4] [--hold 12]
//       (b) VmRSS of the server before and after --sockets authenticated idle sockets (tokens reused
//       round robin: logins are slow, and a socket costs the server the same whoever it belongs to).
//
// A webhook's token "RTB-<run>-<n>" is in its text; the server's chat.message carries the REST
// message JSON, whose content is that text. An event that does not come within --wait-ms is a miss:
// percentiles count misses as infinitely late, so a run with misses never reports a good p99.
import { fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { io } from "socket.io-client";

const self = fileURLToPath(import.meta.url);
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;   // CLOCK_MONOTONIC, ms
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function args(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith("--")) throw new Error("unexpected argument " + argv[i]);
    a[argv[i].slice(2)] = argv[++i];
  }
  return a;
}
const num = (v, d) => (v === undefined ? d : Number(v));

// --- HTTP ------------------------------------------------------------------------------------
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 32 });

function request(base, method, path, body, headers = {}, onWritten) {
  const u = new URL(path, base);
  const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent: keepAlive,
      headers: { ...(data ? { "Content-Type": "application/json", "Content-Length": data.length } : {}), ...headers },
      timeout: 30000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        let json = null;
        try { json = JSON.parse(Buffer.concat(chunks).toString()); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json });
      });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, json: null, error: e.message }));
    if (onWritten) onWritten();
    req.end(data);
  });
}

// A signed Meta webhook with one inbound text message (as bench/webhook_bodies.py makes them).
function webhook(metaId, secret, from, wamid, text) {
  const body = Buffer.from(JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550783881", phone_number_id: metaId },
      contacts: [{ profile: { name: "Cliente Bench" }, wa_id: from }],
      messages: [{ from, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: "text",
                   text: { body: "Hola " + text } }] } }] }],
  }));
  return { body, signature: "sha256=" + createHmac("sha256", secret).update(body).digest("hex") };
}
const clientPhone = (slot) => "57300" + String(slot).padStart(7, "0");   // agent slot i's chat client

// --- sockets ---------------------------------------------------------------------------------
// Connects the tokens' sockets, --concurrency at a time (a burst of thousands of handshakes would
// only measure the listen backlog). Resolves with the sockets and how many failed.
async function connectAll(base, tokens, concurrency, onEvent) {
  const sockets = new Array(tokens.length);
  let failed = 0, next = 0;
  const errors = {};
  const one = (i) => new Promise((resolve) => {
    const s = io(base, { transports: ["websocket"], auth: { token: "Bearer " + tokens[i] }, reconnection: false,
                          forceNew: true, timeout: 20000 });
    s.on("connect", () => { sockets[i] = s; resolve(); });
    s.on("connect_error", (e) => { failed++; errors[e.message] = (errors[e.message] || 0) + 1; s.close(); resolve(); });
    if (onEvent) s.onAny((name, payload) => onEvent(i, name, payload));
  });
  const lanes = Array.from({ length: Math.min(concurrency, tokens.length) }, async () => {
    while (next < tokens.length) await one(next++);
  });
  await Promise.all(lanes);
  return { sockets, failed, errors };
}

const tokenOf = (payload) => /RTB-[a-z]+-\d+/.exec(payload?.message?.content ?? "")?.[0];

// A worker process: holds a slice of the sockets, records when each chat.message token arrived.
async function worker() {
  let sockets = [];
  const got = [];   // [socket index, token, ms]
  process.on("message", async (m) => {
    if (m.cmd === "connect") {
      const r = await connectAll(m.base, m.tokens, m.concurrency, (i, name, payload) => {
        if (name === "chat.message") { const t = tokenOf(payload); if (t) got.push([i, t, nowMs()]); }
      });
      sockets = r.sockets;
      process.send({ cmd: "connected", connected: sockets.filter(Boolean).length, failed: r.failed, errors: r.errors });
    } else if (m.cmd === "report") {
      process.send({ cmd: "report", got });
    } else if (m.cmd === "close") {
      for (const s of sockets) s?.close();
      sockets = [];
      got.length = 0;
      process.send({ cmd: "closed" });
    }
  });
  process.on("disconnect", () => process.exit(0));   // the parent is gone: never linger
}

// Spreads tokens over n worker processes; returns helpers to talk to them all.
function workers(n) {
  const ps = Array.from({ length: n }, () => fork(self, ["worker"], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const ask = (cmd, payloads) => Promise.all(ps.map((p, k) => new Promise((resolve) => {
    const on = (m) => { if (m.cmd === (cmd === "connect" ? "connected" : cmd === "close" ? "closed" : cmd)) { p.off("message", on); resolve(m); } };
    p.on("message", on);
    p.send({ cmd, ...(payloads ? payloads[k] : {}) });
  })));
  // Waits for the workers to be reaped (at most 2 s), so that their CPU time counts in this
  // process's children (run-realtime's "node" cores) rather than in "other".
  const kill = () => Promise.race([sleep(2000), Promise.all(ps.map((p) => p.exitCode !== null || p.signalCode !== null
    ? null : new Promise((resolve) => { p.once("exit", resolve); p.kill("SIGKILL"); })))]);
  return { ask, kill, n };
}
const slices = (list, n) => Array.from({ length: n }, (_, k) => list.filter((_, i) => i % n === k));

// --- statistics ------------------------------------------------------------------------------
// Nearest-rank percentile over the samples plus the misses, which count as infinitely late.
function pct(samples, misses, p) {
  const total = samples.length + misses;
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  const sorted = [...samples].sort((a, b) => a - b);
  return rank > sorted.length ? null : sorted[rank - 1];
}
const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
function stats(samples, misses) {
  return { samples: samples.length, misses, p50_ms: round(pct(samples, misses, 50)), p99_ms: round(pct(samples, misses, 99)),
           max_ms: misses ? null : round(samples.length ? Math.max(...samples) : null) };
}

const readTokens = (file, role) => readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  .filter((u) => !role || u.role === role);

// --- commands --------------------------------------------------------------------------------
async function users(a) {
  const login = await request(a.base, "POST", "/v1/auth/login", { email: a["admin-email"], password: a.password });
  if (login.status !== 200) throw new Error("admin login: " + login.status);
  const admin = { Authorization: "Bearer " + login.json.access_token };
  const want = [];
  for (let i = 0; i < num(a.agents, 0); i++) want.push({ slot: i, role: "agent", role_id: 3, email: `rtb.agente${i}@contacto-sur.example.com` });
  for (let i = 0; i < num(a.supervisors, 0); i++) want.push({ slot: i, role: "supervisor", role_id: 2, email: `rtb.supervisor${i}@contacto-sur.example.com` });
  const out = new Array(want.length);
  let next = 0;
  const lane = async () => {
    while (next < want.length) {
      const k = next++, u = want[k];
      const c = await request(a.base, "POST", "/v1/users", { email: u.email, password: a.password, first_name: "Bench",
        last_name: u.role + " " + u.slot, role_id: u.role_id }, admin);
      if (c.status !== 201 && c.status !== 200) throw new Error(`create ${u.email}: ${c.status} ${JSON.stringify(c.json)}`);
      const l = await request(a.base, "POST", "/v1/auth/login", { email: u.email, password: a.password });
      if (l.status !== 200 || !l.json?.access_token) throw new Error(`login ${u.email}: ${l.status} ${JSON.stringify(l.json)}`);
      out[k] = { slot: u.slot, id: l.json.user.id, role: u.role, email: u.email, token: l.json.access_token };
    }
  };
  const t0 = nowMs();
  await Promise.all(Array.from({ length: num(a.concurrency, 4) }, lane));
  writeFileSync(a.out, out.map((u) => JSON.stringify(u)).join("\n") + "\n");
  console.log(JSON.stringify({ users: out.length, seconds: round((nowMs() - t0) / 1000) }));
}

async function latency(a) {
  const agents = readTokens(a.tokens, "agent").slice(0, num(a.agents, 500));
  const rate = num(a.rate, 200), seconds = num(a.seconds, 15), warmup = num(a.warmup, 3), waitMs = num(a["wait-ms"], 3000);
  const sent = new Map();   // token -> {slot, t0, measured}
  const lat = [];
  let wrongSocket = 0, duplicates = 0;
  const statuses = {};
  const seen = new Set();
  const c = await connectAll(a.base, agents.map((u) => u.token), num(a.concurrency, 50), (i, name, payload) => {
    if (name !== "chat.message") return;
    const t1 = nowMs(), tok = tokenOf(payload), s = tok && sent.get(tok);
    if (!s) return;
    if (s.slot !== i) { wrongSocket++; return; }   // another agent's chat on this socket: a leak
    if (seen.has(tok)) { duplicates++; return; }
    seen.add(tok);
    if (s.measured) lat.push(t1 - s.t0);
  });
  if (c.failed) console.error(`latency: ${c.failed} of ${agents.length} sockets refused: ${JSON.stringify(c.errors)}`);
  await sleep(500);
  // Paced on a fixed schedule from the start: message k leaves at start + k / rate (late only if
  // this process is), whatever the answers' timing; the POSTs overlap on up to 32 connections.
  const total = Math.round((warmup + seconds) * rate), measuredFrom = Math.round(warmup * rate);
  const start = nowMs(), pending = [];
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / rate;
    const d = due - nowMs();
    if (d > 1) await sleep(d);
    const slot = k % agents.length, tok = `RTB-a-${k}`;
    const w = webhook(a["meta-id"], a.secret, clientPhone(slot), `wamid.RTBa${process.pid}x${k}`, tok);
    const entry = { slot, t0: 0, measured: k >= measuredFrom };
    sent.set(tok, entry);
    pending.push(request(a.base, "POST", a.webhook, w.body, { "X-Hub-Signature-256": w.signature },
                         () => { entry.t0 = nowMs(); }).then((r) => {
      statuses[r.status] = (statuses[r.status] || 0) + 1;
    }));
  }
  const sendSeconds = (nowMs() - start) / 1000;
  await Promise.all(pending);
  const deadline = nowMs() + waitMs;
  while (nowMs() < deadline && seen.size < sent.size) await sleep(50);
  let misses = 0;
  for (const [tok, s] of sent) if (s.measured && !seen.has(tok)) misses++;
  c.sockets.forEach((s) => s?.close());
  if (a.samples) writeFileSync(a.samples, lat.map((x) => x.toFixed(3)).join("\n") + "\n");
  console.log(JSON.stringify({ case: "latency", sockets: c.sockets.filter(Boolean).length, refused: c.failed,
    sent: total, measured: total - measuredFrom, achieved_rate: round(total / sendSeconds), http_statuses: statuses,
    wrong_socket: wrongSocket, duplicates, ...stats(lat, misses) }));
}

async function fanout(a) {
  const sups = readTokens(a.tokens, "supervisor").slice(0, num(a.supervisors, 1000));
  const agent0 = readTokens(a.tokens, "agent")[0];
  const events = num(a.events, 5), gap = num(a["gap-ms"], 1000), waitMs = num(a["wait-ms"], 5000);
  const w = workers(Math.max(1, Math.min(num(a.procs, 4), sups.length)));
  try {
    const parts = slices(sups.map((u) => u.token), w.n);
    const conn = await w.ask("connect", parts.map((tokens) => ({ base: a.base, tokens, concurrency: 25 })));
    const connected = conn.reduce((t, m) => t + m.connected, 0), refused = conn.reduce((t, m) => t + m.failed, 0);
    if (refused) console.error(`fanout: ${refused} sockets refused: ${JSON.stringify(conn.map((m) => m.errors))}`);
    await sleep(1000);
    const sentAt = {};
    const statuses = {};
    for (let e = 0; e < events; e++) {
      const tok = `RTB-c-${e}`;
      const hook = webhook(a["meta-id"], a.secret, clientPhone(agent0?.slot ?? 0), `wamid.RTBc${process.pid}x${e}`, tok);
      const r = await request(a.base, "POST", a.webhook, hook.body, { "X-Hub-Signature-256": hook.signature },
                              () => { sentAt[tok] = nowMs(); });
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      await sleep(e + 1 < events ? gap : waitMs);   // the last one gets the whole wait for stragglers
    }
    const reports = await w.ask("report");
    const lat = [], perEvent = {};
    let received = 0;
    for (const rep of reports) {
      const firsts = new Map();   // one sample per socket and event: the first arrival
      for (const [i, tok, t] of rep.got) if (sentAt[tok] !== undefined && !firsts.has(i + " " + tok)) firsts.set(i + " " + tok, [tok, t]);
      for (const [tok, t] of firsts.values()) {
        lat.push(t - sentAt[tok]); received++;
        (perEvent[tok] ??= []).push(t - sentAt[tok]);
      }
    }
    const misses = (connected + refused) * events - received;   // a refused socket misses every event
    await w.ask("close");
    console.log(JSON.stringify({ case: "fanout", sockets: connected, refused, events, http_statuses: statuses,
      per_event_p99_ms: Object.fromEntries(Object.entries(perEvent).map(([k, v]) => [k, round(pct(v, connected - v.length, 99))])),
      ...stats(lat, misses) }));
  } finally {
    await w.kill();
  }
}

function vm(pid) {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1]);
  return { rss_kb: kb("VmRSS"), hwm_kb: kb("VmHWM") };
}
async function gauge(base) {   // the server's own count of authenticated sockets
  const r = await new Promise((resolve) => http.get(new URL("/metrics", base), (res) => {
    let t = ""; res.on("data", (c) => (t += c)); res.on("end", () => resolve(t));
  }).on("error", () => resolve("")));
  return Number(/^conversa_socket_connections_authenticated\s+(\S+)/m.exec(r)?.[1] ?? NaN);
}

async function idle(a) {
  // Agents' tokens only: a supervisor's socket gets analytics.update every second (docs/REALTIME.md),
  // so it is never idle.
  const all = readTokens(a.tokens, "agent");
  const n = num(a.sockets, 10000), hold = num(a.hold, 12), pid = a["server-pid"];
  const tokens = Array.from({ length: n }, (_, i) => all[i % all.length].token);
  const w = workers(Math.max(1, Math.min(num(a.procs, 4), n)));
  try {
    // Warm-up: the first sockets pay one-off allocations (hub structures, thread buffers) that
    // 10,000 idle sockets should not be charged for per socket.
    const warm = await w.ask("connect", slices(tokens.slice(0, 50), w.n).map((t) => ({ base: a.base, tokens: t, concurrency: 10 })));
    await w.ask("close");
    await sleep(2000);
    const before = vm(pid);
    const t0 = nowMs();
    const conn = await w.ask("connect", slices(tokens, w.n).map((t) => ({ base: a.base, tokens: t, concurrency: 25 })));
    const connectSeconds = (nowMs() - t0) / 1000;
    const connected = conn.reduce((t, m) => t + m.connected, 0), refused = conn.reduce((t, m) => t + m.failed, 0);
    if (refused) console.error(`idle: ${refused} sockets refused: ${JSON.stringify(conn.map((m) => m.errors))}`);
    await sleep(hold * 1000);   // idle: no events, and well under the 25 s ping interval
    const during = vm(pid), serverCount = await gauge(a.base);
    await w.ask("close");
    await sleep(hold * 1000);   // as long as they were held: what the server keeps once they are gone
    const after = vm(pid);
    console.log(JSON.stringify({ case: "idle", sockets: connected, refused, warmup_sockets: warm.reduce((t, m) => t + m.connected, 0),
      server_authenticated_sockets: serverCount, connect_seconds: round(connectSeconds), hold_seconds: hold,
      rss_before_kb: before.rss_kb, rss_held_kb: during.rss_kb, rss_after_close_kb: after.rss_kb, hwm_kb: during.hwm_kb,
      kb_per_socket: connected ? round((during.rss_kb - before.rss_kb) / connected) : null }));
  } finally {
    await w.kill();
  }
}

const [cmd, ...rest] = process.argv.slice(2);
const commands = { users, latency, fanout, idle };
if (cmd === "worker") worker();
else if (commands[cmd]) commands[cmd](args(rest)).then(() => process.exit(0), (e) => { console.error(String(e.stack ?? e)); process.exit(1); });
else { console.error("usage: node realtime.mjs users|latency|fanout|idle --option value …"); process.exit(2); }
