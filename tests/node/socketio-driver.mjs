// Drives the stock socket.io-client for tst_socketio_client: one JSON command per stdin line, one JSON
// report per stdout line. Commands: {cmd:"connect", id, url, token, reconnection, lang}, {cmd:"emit",
// id, event, arg, seq} (with an acknowledgement), {cmd:"close", id}. Reports: connect, connect_error,
// disconnect, reconnect_attempt, event (any server event), ack, error.
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const sockets = new Map();
const report = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

function connect({ id, url, token, reconnection = false, lang }) {
  const auth = { token };
  if (lang) auth.lang = lang;
  const socket = io(url, {
    transports: ["websocket"],
    auth,
    reconnection,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    randomizationFactor: 0,
    timeout: 5000,
  });
  sockets.set(id, socket);
  socket.on("connect", () => report({ id, event: "connect", sid: socket.id, transport: socket.io.engine.transport.name }));
  socket.on("connect_error", (err) => report({ id, event: "connect_error", message: err.message, data: err.data ?? null, active: socket.active }));
  socket.on("disconnect", (reason) => report({ id, event: "disconnect", reason }));
  socket.io.on("reconnect_attempt", (attempt) => report({ id, event: "reconnect_attempt", attempt }));
  socket.onAny((name, ...args) => report({ id, event: "event", name, args }));
}

async function emit({ id, event, arg, seq }) {
  const socket = sockets.get(id);
  if (!socket) return report({ id, event: "error", seq, message: "no such socket" });
  try {
    const answer = await socket.timeout(5000).emitWithAck(event, arg);
    report({ id, event: "ack", seq, args: [answer] });
  } catch (err) {
    report({ id, event: "error", seq, message: String(err.message ?? err) });
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let command;
  try {
    command = JSON.parse(line);
  } catch {
    return report({ event: "error", message: "not JSON: " + line });
  }
  if (command.cmd === "connect") connect(command);
  else if (command.cmd === "emit") emit(command);
  else if (command.cmd === "close") sockets.get(command.id)?.close();
  else report({ event: "error", message: "unknown command " + command.cmd });
});
lines.on("close", () => {
  for (const socket of sockets.values()) socket.close();
  process.exit(0);
});
report({ event: "ready", version: process.version });
