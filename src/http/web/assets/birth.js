// The birth-data form: 양력/음력, 윤달, time or 모름, place with suggestions, gender → a new profile body.

import { places } from "./api.js";

let known = new Map();

/** Wires the form's dependent fields and the place suggestions. */
export function setupBirthForm(form) {
  const leap = form.querySelector("#birth-leap");
  const time = form.querySelector("#birth-time");
  const unknown = form.querySelector("#birth-time-unknown");
  const place = form.querySelector("#birth-place");
  const list = form.querySelector("#place-options");
  for (const radio of form.querySelectorAll('input[name="calendar"]')) {
    radio.addEventListener("change", () => {
      leap.disabled = form.elements.calendar.value !== "korean_lunar";
      if (leap.disabled) leap.checked = false;
    });
  }
  unknown.addEventListener("change", () => {
    time.disabled = unknown.checked;
    if (unknown.checked) time.value = "";
  });
  let pending = 0;
  const suggest = async () => {
    const ticket = ++pending;
    const found = await places(place.value.trim());
    if (ticket !== pending) return;
    for (const p of found) known.set(p.name, p);
    list.replaceChildren(
      ...found.map((p) => {
        const option = document.createElement("option");
        option.value = p.name;
        option.label = `${p.name} · ${p.timezone}`;
        return option;
      }),
    );
  };
  place.addEventListener("input", suggest);
  place.addEventListener("focus", suggest, { once: true });
}

/** The `POST /v1/profiles` body of the form, or throws an Error with a Korean message. */
export function profileFromForm(form) {
  const f = form.elements;
  const name = f.name.value.trim();
  if (!name) throw new Error("이름 또는 호칭을 적어 주세요.");
  const date = f.date.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error("생년월일을 입력해 주세요.");
  const unknown = f.time_unknown.checked;
  if (!unknown && !f.time.value) throw new Error("태어난 시각을 입력하거나 '시간 모름'을 선택해 주세요.");
  const birth = {
    calendar: f.calendar.value,
    datetime: unknown ? date : `${date}T${f.time.value.slice(0, 5)}`,
    gender: f.gender.value,
  };
  if (birth.calendar === "korean_lunar" && f.leap_month.checked) birth.leap_month = true;
  // A preset of clock conventions (docs/engine.md); the place's own longitude still wins below.
  if (f.convention && f.convention.value !== "classic") birth.convention = f.convention.value;
  const placeName = f.place.value.trim();
  if (placeName) {
    const place = known.get(placeName);
    if (!place) throw new Error(`'${placeName}'은(는) 아직 모르는 지명입니다. 목록에서 고르거나 비워 두세요.`);
    birth.timezone = place.timezone;
    if (f.correction.checked || birth.convention === "korean_app") {
      if (f.correction.checked) birth.time_correction = "longitude";
      birth.longitude = place.longitude;
    }
  }
  return { name, relation: f.relation.value, birth };
}

/** The birth-data body of `POST /v1/charts` for a chart's input echo (to draw a chart met in a reply). */
export function birthFromChart(chart) {
  const i = chart.input;
  const birth = {
    calendar: i.calendar,
    datetime: i.datetime,
    timezone: i.timezone,
    gender: i.gender,
    leap_month: i.leap_month,
    convention: i.convention,
    zi_hour: i.zi_hour,
    time_correction: i.time_correction,
    summer_time: i.summer_time,
    disambiguation: i.disambiguation,
    boundary_window_minutes: i.boundary_window_minutes,
  };
  if (i.longitude !== null && i.longitude !== undefined) birth.longitude = i.longitude;
  return birth;
}
