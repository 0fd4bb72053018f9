// The reply probe of bench/run-botflows (bench/README.md, "Bot flows"): while wrk keeps the paced
// webhook load on the bot's chats, this process sends its own signed Meta webhooks to a separate set
// of chats inside the same flow, and listens on one supervisor's socket (which gets every chat's
// chat.message) for the bot's reply to each.
//
//   node botflows.mjs probe --base URL --token SUPERVISOR_TOKEN --webhook PATH --secret S --meta-id ID
//                           --chats FILE --answers A,B,… [--rate 50] [--seconds 12] [--delay-ms 1000]
//                           [--wait-ms 3000] [--ready FILE] [--samples FILE]
//       FILE: one "<wa_id>\t<chat id>" line per probe chat, each waiting in the flow. Probe k goes to
//       chat k mod n at start + k / rate (so a chat's probes are n / rate seconds apart and never
//       overlap), its text answers[k mod answers]. For each: written (the POST's bytes handed to the
//       socket), answered (the 200 read) and replied (the first chat.message of that chat with
//       is_bot_message after the POST was written), all CLOCK_MONOTONIC in this process. The
//       reply lag is replied − answered (negative when the event came first: the reply is stored in the
//       webhook's own transaction, and its event is published as the transaction commits).
//       A probe with no reply within --wait-ms after the last one is a miss, counted as infinitely
//       late in the percentiles (a p99 over more than 1 % misses is "miss", never a figure).
//
// One JSON summary on stdout. --ready is written once the socket is connected.
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { io } from "socket.io-client";

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

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

// POST with the moments the request was written and its answer read.
function post(base, path, body, headers, entry) {
  const u = new URL(path, base);
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", agent: keepAlive,
      headers: { "Content-Type": "application/json", "Content-Length": body.length, ...headers }, timeout: 30000 },
    (res) => {
      res.on("data", () => {});
      res.on("end", () => { entry.t1 = nowMs(); resolve(res.statusCode); });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    entry.t0 = nowMs();
    req.end(body);
  });
}

// A signed Meta webhook with one inbound text message (as bench/webhook_bodies.py makes them).
function webhook(metaId, secret, from, wamid, text) {
  const body = Buffer.from(JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550783881", phone_number_id: metaId },
      contacts: [{ profile: { name: "Cliente Sonda" }, wa_id: from }],
      messages: [{ from, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: "text",
                   text: { body: text } }] } }] }],
  }));
  return { body, signature: "sha256=" + createHmac("sha256", secret).update(body).digest("hex") };
}

// Nearest-rank percentile over the samples plus the misses, which count as infinitely late.
function pct(samples, misses, p) {
  const total = samples.length + misses;
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  const sorted = [...samples].sort((a, b) => a - b);
  return rank > sorted.length ? null : sorted[rank - 1];
}
const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
const stats = (samples, misses) => ({ samples: samples.length, misses, p50_ms: round(pct(samples, misses, 50)),
  p99_ms: round(pct(samples, misses, 99)), max_ms: misses ? null : round(samples.length ? Math.max(...samples) : null) });

async function probe(a) {
  const chats = readFileSync(a.chats, "utf8").split("\n").filter(Boolean).map((l) => l.split("\t"))
    .map(([waId, chatId]) => ({ waId, chatId: Number(chatId) }));
  const answers = a.answers.split(",");
  const rate = num(a.rate, 50), seconds = num(a.seconds, 12), waitMs = num(a["wait-ms"], 3000);
  const byChat = new Map(chats.map((c) => [c.chatId, null]));   // chat id -> its probe in flight
  let botEvents = 0, otherBotEvents = 0;
  const s = io(a.base, { transports: ["websocket"], auth: { token: "Bearer " + a.token }, reconnection: false,
                         forceNew: true, timeout: 20000 });
  await new Promise((resolve, reject) => {
    s.on("connect", resolve);
    s.on("connect_error", (e) => reject(new Error("supervisor socket: " + e.message)));
  });
  s.on("chat.message", (payload) => {
    const t = nowMs(), m = payload?.message;
    if (!m || !(m.is_bot_message === true)) return;
    botEvents++;
    const p = byChat.get(Number(payload.chat_id));
    if (p === undefined) return;   // a chat of wrk's load
    if (p === null || p.replied !== undefined || p.t0 === undefined) { otherBotEvents++; return; }
    p.replied = t;
  });
  if (a.ready) writeFileSync(a.ready, "ready\n");
  await sleep(num(a["delay-ms"], 1000));

  const total = Math.max(1, Math.round(seconds * rate));
  const probes = [], pending = [], statuses = {};
  const start = nowMs();
  for (let k = 0; k < total; k++) {
    const d = start + (k * 1000) / rate - nowMs();
    if (d > 1) await sleep(d);
    const c = chats[k % chats.length];
    const w = webhook(a["meta-id"], a.secret, c.waId, `wamid.BOTP${process.pid}x${k}`, answers[k % answers.length]);
    const entry = { k, chatId: c.chatId };
    probes.push(entry);
    byChat.set(c.chatId, entry);
    pending.push(post(a.base, a.webhook, w.body, { "X-Hub-Signature-256": w.signature }, entry)
      .then((st) => { statuses[st] = (statuses[st] || 0) + 1; }));
  }
  const sendSeconds = (nowMs() - start) / 1000;
  await Promise.all(pending);
  const deadline = nowMs() + waitMs;
  while (nowMs() < deadline && probes.some((p) => p.replied === undefined)) await sleep(20);
  s.close();

  const answered = probes.filter((p) => p.t1 !== undefined);
  const replied = answered.filter((p) => p.replied !== undefined);
  const misses = probes.length - replied.length;
  const lag = replied.map((p) => p.replied - p.t1), fromPost = replied.map((p) => p.replied - p.t0);
  const hook = answered.map((p) => p.t1 - p.t0);
  if (a.samples) writeFileSync(a.samples, "written_to_answer_ms\tanswer_to_reply_ms\n" +
    replied.map((p) => `${(p.t1 - p.t0).toFixed(3)}\t${(p.replied - p.t1).toFixed(3)}`).join("\n") + "\n");
  console.log(JSON.stringify({ case: "reply", chats: chats.length, sent: probes.length, achieved_rate: total > 1 && sendSeconds > 0 ? round((total - 1) / sendSeconds) : null,
    http_statuses: statuses, bot_events_seen: botEvents, unexpected_bot_events: otherBotEvents,
    reply_before_answer: lag.filter((x) => x < 0).length,
    webhook: stats(hook, probes.length - answered.length), reply_lag: stats(lag, misses),
    post_to_reply: stats(fromPost, misses) }));
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "probe") probe(args(rest)).then(() => process.exit(0), (e) => { console.error(String(e.stack ?? e)); process.exit(1); });
else { console.error("usage: node botflows.mjs probe --option value …"); process.exit(2); }
