// One chat message in the log: text (always as text, never markup), then for a reply the chart facts and
// the knowledge passages it cites, each expandable.

import { passage } from "./api.js";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A new message item; returns the item and its text node holder for streaming. */
export function messageItem(role) {
  const item = el("li", "message " + role);
  const who = el("span", "who visually-hidden", role === "user" ? "나:" : "상담:");
  const text = el("div", "text");
  item.append(who, text);
  return { item, text };
}

/** Adds the findings and citations under a finished reply. */
export function addSources(item, details) {
  const findings = details?.findings ?? [];
  const citations = details?.citations ?? [];
  if (findings.length) {
    const box = el("details", "sources findings");
    box.append(el("summary", "", `명식 근거 ${findings.length}가지`));
    const list = el("ul");
    for (const f of findings) list.append(el("li", "", f.text));
    box.append(list);
    item.append(box);
  }
  if (citations.length) {
    const box = el("details", "sources citations");
    box.append(el("summary", "", `참고한 풀이 ${citations.length}편`));
    const list = el("ul");
    for (const c of citations) list.append(citationItem(c));
    box.append(list);
    item.append(box);
  }
}

function citationItem(c) {
  const li = el("li");
  const box = el("details", "citation");
  box.dataset.id = c.id;
  const summary = el("summary", "", c.title);
  box.append(summary);
  box.addEventListener("toggle", async () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    const body = el("div", "passage", "불러오는 중…");
    box.append(body);
    try {
      const p = await passage(c.id);
      body.textContent = p.body;
      box.append(el("p", "source", `${p.id} · ${p.source}`));
    } catch (e) {
      body.textContent = e.message;
    }
  });
  li.append(box);
  return li;
}
