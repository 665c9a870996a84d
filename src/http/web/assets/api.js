// The saju HTTP API as the page uses it. The bearer token is the only thing kept in localStorage.

const TOKEN_KEY = "saju.token";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function errorOf(response) {
  try {
    const body = await response.json();
    return new ApiError(response.status, body.code, body.message);
  } catch {
    return new ApiError(response.status, "http_" + response.status, `요청이 실패했습니다 (${response.status})`);
  }
}

let token = localStorage.getItem(TOKEN_KEY);

async function ensureToken() {
  if (token) return token;
  const response = await fetch("/v1/users", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  if (!response.ok) throw await errorOf(response);
  token = (await response.json()).token;
  localStorage.setItem(TOKEN_KEY, token);
  return token;
}

async function send(method, path, body, accept = "application/json", retried = false) {
  const headers = { authorization: "Bearer " + (await ensureToken()), accept };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && !retried) {
    // The token was revoked or the data wiped: start over as a new user.
    localStorage.removeItem(TOKEN_KEY);
    token = null;
    return send(method, path, body, accept, true);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function json(method, path, body) {
  const response = await send(method, path, body);
  return response.status === 204 ? null : response.json();
}

export const listProfiles = () => json("GET", "/v1/profiles");
export const createProfile = (profile) => json("POST", "/v1/profiles", profile);
export const listSessions = () => json("GET", "/v1/sessions");
export const createSession = (body) => json("POST", "/v1/sessions", body);
export const getSession = (id) => json("GET", `/v1/sessions/${encodeURIComponent(id)}`);

export async function places(q) {
  const response = await fetch("/v1/places?q=" + encodeURIComponent(q));
  return response.ok ? response.json() : [];
}

function seunQuery(year) {
  return year ? "?seun=" + encodeURIComponent(year) : "";
}

/** The profile's chart picture as SVG text. */
export async function profileChartSvg(id, year) {
  const response = await send("GET", `/v1/profiles/${encodeURIComponent(id)}/chart.svg${seunQuery(year)}`, undefined, "image/svg+xml");
  return response.text();
}

/** The picture of a chart given by birth data (the body of POST /v1/charts). */
export async function chartSvg(birth, year) {
  const response = await fetch("/v1/charts.svg" + seunQuery(year), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "image/svg+xml" },
    body: JSON.stringify(birth),
  });
  if (!response.ok) throw await errorOf(response);
  return response.text();
}

/**
 * Sends a message and streams the reply: `onDelta(text)` for each piece, `onReset()` when the text so far is
 * abandoned. Resolves with the full reply JSON of the `done` event.
 */
export async function sendMessage(sessionId, message, { onDelta, onReset }) {
  const response = await send(
    "POST",
    `/v1/sessions/${encodeURIComponent(sessionId)}/messages`,
    { message },
    "text/event-stream",
  );
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseEvent(block);
      if (!event) continue;
      if (event.name === "delta") onDelta(JSON.parse(event.data));
      else if (event.name === "reset") onReset();
      else if (event.name === "done") return JSON.parse(event.data);
      else if (event.name === "error") {
        const e = JSON.parse(event.data);
        throw new ApiError(200, e.code, e.message);
      }
    }
  }
  throw new ApiError(0, "stream_ended", "답변 도중 연결이 끊어졌습니다. 다시 시도해 주세요.");
}

function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") name = value;
    else if (field === "data") data.push(value);
  }
  return data.length ? { name, data: data.join("\n") } : null;
}

/** One knowledge passage by id. */
export async function passage(id) {
  const response = await fetch("/v1/knowledge/" + encodeURIComponent(id));
  if (!response.ok) throw await errorOf(response);
  return response.json();
}
