//! The grounded composer's text for every topic: a conclusion first, the chart facts it rests on (with
//! the pillars, so every 간지 named comes from the chart), a reading from the engine's facts, the cited
//! passages' own sentences that fit the facts, the conventions that matter, and a caution where one is due.
//! Deterministic, no I/O: the same context gives the same text.

use super::context::{AnswerContext, PassageRef};
use super::findings::Finding;
use super::reading::{pillars_in_words, topic_reading};
use super::weave::{choose, pick, seed};
use super::{conventions, wording, Topic};
use crate::saju::chart::model::Chart;
use crate::saju::derive::TenGod;

/// The composed answer for `ctx`: a term explained, small talk, the request for birth data while there is
/// no chart, or the reading of the chart.
pub fn text(ctx: &AnswerContext) -> String {
    if ctx.intent == Topic::Term {
        if let Some(p) = ctx.passages.first() {
            return explain(ctx, p);
        }
    }
    if matches!(ctx.intent, Topic::SmallTalk | Topic::OutOfScope) {
        return small_talk(ctx.intent, &ctx.question, ctx.chart.is_some());
    }
    let Some(chart) = &ctx.chart else { return wording::ASK_FOR_BIRTH.to_string() };
    narrate(ctx, chart)
}

/// A term explained from the best passage, with the chart's own fact when there is a chart.
fn explain(ctx: &AnswerContext, passage: &PassageRef) -> String {
    let mut text = format!("{}\n\n{}\n\n출처: [{}]", passage.title, passage.body.trim(), passage.id);
    if let Some(chart) = &ctx.chart {
        text.push_str(&format!(
            "\n\n참고로 이 사주는 일간 {}이고, 월지는 {}입니다. 사주에 맞춘 풀이가 궁금하시면 주제(성격, 직업, 재물 등)를 물어 주세요.",
            chart.day_master.name, chart.pillars.month.branch.ten_god.hangul
        ));
    }
    text
}

/// Passages woven into an answer at most.
const WOVEN_PASSAGES: usize = 3;

/// What the composer says to small talk and to questions outside 사주: short, kind, back to the subject.
pub fn small_talk(topic: Topic, text: &str, has_chart: bool) -> String {
    if topic == Topic::Crisis {
        return super::wording::CRISIS_REPLY.to_string();
    }
    let back = if has_chart {
        "지금 사주로 성격, 직업, 재물, 연애, 건강, 올해·오늘의 운세, 대운, 궁합 가운데 궁금한 것을 물어 보세요."
    } else {
        "생년월일과 태어난 시각, 성별을 알려 주시면 사주를 풀어 드릴게요. (예: \"1990년 5월 15일 오후 3시 30분, 여자\")"
    };
    let head = match topic {
        Topic::OutOfScope => "그 질문은 제가 도와드리기 어려워요. 저는 사주(四柱) 명리 상담만 하고 있습니다.",
        _ if ["고마", "감사"].iter().any(|w| text.contains(w)) => "도움이 되었다니 다행이에요. 언제든 다시 물어 보세요.",
        _ if ["누구", "뭐 하는", "뭘 할 수", "뭐 할 수", "사람이야", "로봇"].iter().any(|w| text.contains(w)) => {
            "저는 만세력으로 사주를 정확히 계산하고, 전통 명리 해석 자료를 근거로 풀이해 드리는 상담 도우미예요. 풀이는 단정이 아니라 참고로 봐 주세요."
        }
        _ => "안녕하세요, 반가워요.",
    };
    format!("{head}\n{back}")
}

fn keywords(ctx: &AnswerContext, chart: &Chart) -> Vec<String> {
    let mut k: Vec<String> = ctx
        .findings
        .iter()
        .flat_map(|f| f.code.split([':', '@', '-', '&']).skip(1).map(str::to_string).collect::<Vec<_>>())
        .filter(|w| w.chars().all(|c| ('가'..='힣').contains(&c)))
        .collect();
    // A ten god also speaks through its group (정재 → 재성) in the passages' sentences.
    let groups: Vec<String> =
        k.iter().filter_map(|w| TenGod::from_hangul(w)).map(|t| t.group().hangul().to_string()).collect();
    k.extend(groups);
    k.push(chart.day_master.hangul.to_string());
    k.extend(
        match ctx.intent {
            Topic::Personality | Topic::General => vec!["성격", "기질", "장점", "강점"],
            Topic::Career => vec!["직업", "일", "조직", "전문"],
            Topic::Wealth => vec!["재물", "돈", "관리"],
            Topic::Love => vec!["배우자", "연애", "관계", "인연"],
            Topic::Health => vec!["건강", "생활", "습관"],
            Topic::YearFortune | Topic::Daeun => vec!["해", "흐름", "계획"],
            Topic::TodayFortune => vec!["오늘", "하루", "일진"],
            Topic::Compatibility => vec!["두 사람", "서로", "관계"],
            _ => vec![],
        }
        .into_iter()
        .map(str::to_string),
    );
    k
}

/// "… [id]": the passage's best sentences for these facts, introduced in varied words.
fn woven(ctx: &AnswerContext, chart: &Chart, passages: &[PassageRef], s: u64) -> Vec<String> {
    let keys = keywords(ctx, chart);
    let leads = [
        ["전통 해석에서는 이렇게 봅니다.", "명리에서는 이 부분을 이렇게 풀이합니다.", "참고할 만한 풀이가 있습니다."],
        ["덧붙이면,", "또 한 가지,", "함께 볼 점으로,"],
        ["마지막으로,", "그리고", "이와 함께"],
    ];
    passages
        .iter()
        .take(WOVEN_PASSAGES)
        .enumerate()
        .filter_map(|(i, p)| {
            let chosen = pick(&p.body, &keys, 2);
            if chosen.is_empty() {
                return None;
            }
            let lead = choose(s, 10 + i as u64, &leads[i.min(2)]);
            Some(format!("{lead} {} [{}]", chosen.join(" "), p.id))
        })
        .collect()
}

fn find<'a>(findings: &'a [Finding], prefix: &str) -> Option<&'a Finding> {
    findings.iter().find(|f| f.code.starts_with(prefix))
}

fn after<'a>(code: &'a str, prefix: &str) -> &'a str {
    code.strip_prefix(prefix).unwrap_or("").split(['@', ':']).next().unwrap_or("")
}

/// The conclusion and the engine-based reading for topics `compose` does not cover.
fn fortune_reading(ctx: &AnswerContext, chart: &Chart, s: u64) -> Option<(String, String, Vec<String>)> {
    let f = &ctx.findings;
    match ctx.intent {
        Topic::YearFortune => {
            let seun = find(f, "seun:")?;
            let god = after(&seun.code, "seun:");
            let relations: Vec<&str> =
                f.iter().filter(|x| x.code.starts_with("seun_relation:")).map(|x| x.text.as_str()).collect();
            let head = format!(
                "{} {}",
                seun.text.split(':').next().unwrap_or(""),
                choose(
                    s,
                    1,
                    &[
                        &format!("— 일간에게 {god}의 기운이 들어오는 해입니다."),
                        &format!("— {god}의 결이 두드러지는 한 해로 봅니다."),
                    ]
                )
            );
            let mut body = if relations.is_empty() {
                "그해의 지지가 일지와 합이나 충을 이루지 않아, 큰 흔들림보다는 세운의 십신이 가리키는 쪽으로 차분히 흐르는 해로 봅니다.".to_string()
            } else {
                format!(
                    "또 {}. 일지는 나 자신과 가까운 자리라 이 관계가 생활의 변화로 느껴지기 쉽습니다.",
                    relations.join(", ")
                )
            };
            // The running 대운 is the background the year plays against.
            let (_, daeun) = topic_reading(Topic::Daeun, chart, ctx.year);
            body.push(' ');
            body.push_str(&daeun);
            Some((head, body, vec![seun.text.clone()]))
        }
        Topic::TodayFortune => {
            let pillar = find(f, "today_pillar:")?;
            let gods = find(f, "today:")?;
            let god = after(&gods.code, "today:");
            let advice = match god {
                "비견" | "겁재" => "나와 같은 기운이 들어오는 날이라 주관이 뚜렷해집니다. 혼자 밀어붙이기보다 협력할 곳을 찾으면 좋습니다.",
                "식신" | "상관" => "표현하고 만들어 내는 기운이 도는 날입니다. 말과 글, 아이디어를 내기 좋지만 말실수는 한 번 더 살피세요.",
                "편재" | "정재" => "재성의 날이라 실속과 결과를 챙기기 좋습니다. 지출과 약속을 꼼꼼히 확인하면 도움이 됩니다.",
                "편관" | "정관" => "관성의 날이라 책임과 규칙이 앞에 놓이기 쉽습니다. 맡은 일을 차근히 처리하면 인정으로 돌아옵니다.",
                _ => "인성의 날이라 배우고 정리하기 좋습니다. 서두르기보다 계획을 다듬는 데 시간을 쓰면 좋습니다.",
            };
            // The day branch is the self's own seat: its relations with the day come first, three at most.
            let mut relations: Vec<&Finding> = f.iter().filter(|x| x.code.starts_with("today_relation:")).collect();
            relations.sort_by_key(|x| !x.code.ends_with("@일주"));
            let relations: Vec<&str> = relations.iter().take(3).map(|x| x.text.as_str()).collect();
            let mut body = advice.to_string();
            if !relations.is_empty() {
                body.push_str(&format!("\n원국과의 관계: {}.", relations.join(", ")));
            }
            let head = format!("{} — 일간 {}에게 {}의 날입니다.", pillar.text, chart.day_master.name, god);
            Some((head, body, vec![gods.text.clone()]))
        }
        Topic::Compatibility if ctx.partner.is_some() => {
            let has = |k: &str| f.iter().any(|x| x.code == format!("compat:{k}"));
            let head = if has("stem_combine") || has("six_combine") || has("three_harmony") || has("half_harmony") {
                choose(s, 2, &["서로 끌림이 있는 궁합입니다.", "자연스럽게 가까워지기 쉬운 궁합으로 봅니다."])
            } else if has("clash") || has("stem_clash") {
                choose(
                    s,
                    2,
                    &[
                        "끌림과 부딪힘이 함께 있는 궁합이라, 조율이 열쇠입니다.",
                        "서로 자극이 되는 만큼 속도를 맞추는 노력이 필요한 궁합입니다.",
                    ],
                )
            } else if has("generating") {
                "한쪽이 다른 쪽을 북돋우는 상생의 궁합입니다."
            } else {
                "서로 다른 결을 맞춰 가며 깊어지는 궁합입니다."
            };
            let body = "궁합은 좋고 나쁨을 가르는 시험이 아니라, 두 사람이 어디서 편하고 어디서 부딪히기 쉬운지를 보는 지도입니다. 부딪히는 지점을 미리 알면 말로 먼저 나눌 수 있습니다.".to_string();
            let facts = f.iter().filter(|x| x.code.starts_with("compat:")).map(|x| x.text.clone()).collect();
            Some((head.to_string(), body, facts))
        }
        _ => None,
    }
}

/// The composed answer for a context with a chart.
fn narrate(ctx: &AnswerContext, chart: &Chart) -> String {
    let p = &chart.pillars;
    let s =
        seed(&[p.year.hangul, p.month.hangul, p.day.hangul, p.hour.as_ref().map_or("", |h| h.hangul), &ctx.question]);
    let pillars = pillars_in_words(chart);
    let (head, reading, facts) = match fortune_reading(ctx, chart, s) {
        Some(r) => r,
        None => {
            let (summary, reading) = topic_reading(ctx.intent, chart, ctx.year);
            let facts: Vec<String> = ctx.findings.iter().take(4).map(|f| f.text.clone()).collect();
            (summary, reading, facts)
        }
    };
    let mut parts = vec![head];
    let mut grounds = format!("근거: {pillars} · {}", facts.join(", "));
    if let Some(partner) = &ctx.partner {
        grounds.push_str(&format!("\n상대: {}", pillars_in_words(partner)));
    }
    parts.push(grounds);
    if !reading.is_empty() {
        parts.push(reading);
    }
    parts.extend(woven(ctx, chart, &ctx.passages, s));
    let schools: Vec<&str> =
        ctx.findings.iter().filter(|f| f.code.starts_with("plugin:")).take(3).map(|f| f.text.as_str()).collect();
    if !schools.is_empty() {
        parts.push(format!("설치된 해석 플러그인의 읽기도 덧붙입니다. {}", schools.join(" / ")));
    }
    parts.extend(conventions::notes(chart));
    if ctx.partner.as_ref().is_some_and(|c| c.pillars.hour.is_none()) {
        parts.push(wording::PARTNER_WITHOUT_HOUR.to_string());
    }
    if let Some(c) = &ctx.caution {
        parts.push(c.clone());
    }
    parts.join("\n\n")
}
