// The chat page: sessions, saved profiles, the birth form, streamed replies and the chart picture.

import * as api from "./api.js";
import { birthFromChart, profileFromForm, setupBirthForm } from "./birth.js";
import { addSources, messageItem } from "./reply.js";

const $ = (id) => document.getElementById(id);
const RELATIONS = { self: "나", family: "가족", partner: "연인", friend: "친구", other: "기타" };

const state = {
  profiles: [],
  sessions: [],
  session: null,
  /** What the chart panel draws: `{ profileId }` or `{ birth }`. */
  chartSource: null,
  busy: false,
};

function showError(id, error) {
  const node = $(id);
  node.textContent = error ? error.message || String(error) : "";
  node.hidden = !error;
}

function button(text, onClick, className = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

function profileLabel(p) {
  const pillars = [p.pillars.year, p.pillars.month, p.pillars.day, p.pillars.hour].filter(Boolean).join(" ");
  const relation = RELATIONS[p.relation] ?? "";
  return { name: relation && relation !== p.name ? `${p.name} · ${relation}` : p.name, detail: `${p.birth.datetime.replace("T", " ")} · ${pillars}` };
}

function renderProfiles() {
  const list = $("profile-list");
  list.replaceChildren(
    ...state.profiles.map((p) => {
      const li = document.createElement("li");
      const { name, detail } = profileLabel(p);
      const b = button("", () => startSession(p), "item");
      b.append(Object.assign(document.createElement("span"), { className: "item-title", textContent: name }));
      b.append(Object.assign(document.createElement("span"), { className: "item-detail", textContent: detail }));
      b.setAttribute("aria-label", `${name}, ${detail}: 이 사람으로 새 대화`);
      li.append(b);
      return li;
    }),
  );
  $("no-profiles").hidden = state.profiles.length > 0;
  for (const [id, pick] of [["match-a", 0], ["match-b", 1]]) {
    const select = $(id);
    const previous = select.value;
    select.replaceChildren(
      ...state.profiles.map((p) => new Option(`${p.name} (${RELATIONS[p.relation] ?? ""})`, p.id)),
    );
    if (previous && state.profiles.some((p) => p.id === previous)) select.value = previous;
    else if (state.profiles[pick]) select.value = state.profiles[pick].id;
  }
  $("match-form").querySelector("button").disabled = state.profiles.length < 2;
}

function renderSessions() {
  const list = $("session-list");
  const sorted = [...state.sessions].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  list.replaceChildren(
    ...sorted.map((s) => {
      const li = document.createElement("li");
      const b = button(s.title || "새 대화", () => openSession(s.id), "item");
      if (state.session?.id === s.id) b.setAttribute("aria-current", "true");
      li.append(b);
      return li;
    }),
  );
  $("no-sessions").hidden = state.sessions.length > 0;
}

async function refreshLists() {
  [state.profiles, state.sessions] = await Promise.all([api.listProfiles(), api.listSessions()]);
  renderProfiles();
  renderSessions();
}

function setSubject(session) {
  const profile = state.profiles.find((p) => p.id === session?.profile_id);
  $("session-subject").textContent = profile ? `${profile.name}의 사주로 이야기하는 중` : "";
}

function showBirthPanel(show) {
  $("birth-panel").hidden = !show;
  if (show) $("birth-name").focus();
}

async function startSession(profile, title) {
  const session = await api.createSession({
    profile_id: profile?.id,
    title: title ?? (profile ? `${profile.name}의 사주` : undefined),
  });
  state.sessions.push(session);
  await openSession(session.id);
  closeMenu();
  return session;
}

async function openSession(id) {
  const session = await api.getSession(id);
  state.session = session;
  const log = $("messages");
  log.replaceChildren();
  for (const m of session.messages) {
    const { item, text } = messageItem(m.role);
    text.textContent = m.content;
    if (m.role === "assistant") addSources(item, m.details);
    log.append(item);
  }
  $("empty-chat").hidden = session.messages.length > 0;
  setSubject(session);
  renderSessions();
  if (session.profile_id) {
    state.chartSource = { profileId: session.profile_id };
    await drawChart();
  }
  closeMenu();
}

async function drawChart() {
  const holder = $("chart");
  const source = state.chartSource;
  if (!source) return;
  const year = $("seun-year").value;
  try {
    const svg = source.profileId ? await api.profileChartSvg(source.profileId, year) : await api.chartSvg(source.birth, year);
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    if (doc.querySelector("parsererror")) throw new Error("명식 그림을 읽지 못했습니다.");
    holder.replaceChildren(document.importNode(doc.documentElement, true));
  } catch (e) {
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = e.message;
    holder.replaceChildren(p);
  }
}

async function send(message) {
  if (state.busy || !message.trim()) return;
  state.busy = true;
  $("send").disabled = true;
  showError("chat-error", null);
  try {
    if (!state.session) await startSession(null, message.slice(0, 40));
    const log = $("messages");
    $("empty-chat").hidden = true;
    const mine = messageItem("user");
    mine.text.textContent = message;
    log.append(mine.item);
    const reply = messageItem("assistant");
    reply.item.setAttribute("aria-busy", "true");
    reply.item.classList.add("streaming");
    log.append(reply.item);
    reply.item.scrollIntoView({ block: "end" });
    try {
      const done = await api.sendMessage(state.session.id, message, {
        onDelta: (piece) => {
          reply.text.textContent += piece;
        },
        onReset: () => {
          reply.text.textContent = "";
        },
      });
      reply.text.textContent = done.reply;
      addSources(reply.item, done);
      reply.item.classList.add("done");
      if (done.chart && !state.session.profile_id) {
        state.chartSource = { birth: birthFromChart(done.chart) };
        await drawChart();
      }
    } catch (e) {
      reply.item.remove();
      throw e;
    } finally {
      reply.item.classList.remove("streaming");
      reply.item.removeAttribute("aria-busy");
    }
    api.listSessions().then((sessions) => {
      state.sessions = sessions;
      renderSessions();
    });
  } catch (e) {
    showError("chat-error", e);
  } finally {
    state.busy = false;
    $("send").disabled = false;
  }
}

function closeMenu() {
  document.body.classList.remove("menu-open");
  $("menu-toggle").setAttribute("aria-expanded", "false");
}

function wire() {
  setupBirthForm($("birth-form"));
  $("seun-year").value = new Date().getFullYear();

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const message = $("message").value;
    $("message").value = "";
    send(message);
  });
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  for (const example of document.querySelectorAll(".example")) {
    example.addEventListener("click", () => send(example.textContent));
  }
  $("new-session").addEventListener("click", async () => {
    state.session = null;
    state.chartSource = null;
    $("messages").replaceChildren();
    $("empty-chat").hidden = false;
    setSubject(null);
    renderSessions();
    closeMenu();
    $("message").focus();
  });
  $("add-profile").addEventListener("click", () => {
    showBirthPanel(true);
    closeMenu();
  });
  $("birth-cancel").addEventListener("click", () => showBirthPanel(false));
  $("birth-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("birth-error", null);
    const submit = $("birth-submit");
    submit.disabled = true;
    try {
      const profile = await api.createProfile(profileFromForm($("birth-form")));
      state.profiles.push(profile);
      renderProfiles();
      await startSession(profile);
      showBirthPanel(false);
      $("message").focus();
    } catch (e) {
      showError("birth-error", e);
    } finally {
      submit.disabled = false;
    }
  });
  $("match-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const a = state.profiles.find((p) => p.id === $("match-a").value);
    const b = state.profiles.find((p) => p.id === $("match-b").value);
    showError("match-error", a && b && a.id !== b.id ? null : new Error("서로 다른 두 사람을 골라 주세요."));
    if (!a || !b || a.id === b.id) return;
    const first = a.relation === "self" ? "나" : a.name;
    await startSession(a, `${a.name} · ${b.name} 궁합`);
    send(`${first}와 ${b.name}의 궁합을 봐 주세요.`);
  });
  $("seun-form").addEventListener("submit", (event) => {
    event.preventDefault();
    drawChart();
  });
  $("menu-toggle").addEventListener("click", () => {
    const open = document.body.classList.toggle("menu-open");
    $("menu-toggle").setAttribute("aria-expanded", String(open));
  });
}

async function start() {
  wire();
  try {
    await refreshLists();
    if (state.sessions.length) {
      const latest = [...state.sessions].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
      await openSession(latest.id);
    } else if (!state.profiles.length) {
      $("birth-panel").hidden = false;
    }
  } catch (e) {
    showError("chat-error", e);
  }
  document.body.dataset.ready = "true";
}

start();
