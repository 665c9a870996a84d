//! The grounded composer's text for every topic: a conclusion first, the chart facts it rests on (with
//! the pillars, so every 간지 named comes from the chart), a reading from the engine's facts, the cited
//! passages' own sentences that fit the facts, the conventions that matter, and a caution where one is due.
//! Deterministic, no I/O: the same context gives the same text.

use super::context::{AnswerContext, PassageRef};
use super::findings::Finding;
use super::reading::{pillars_in_words, topic_reading};
use super::weave::{choose, pick, seed};
use super::{conventions, followups, plans, says_this_year, wording, Topic};
use crate::saju::chart::model::Chart;
use crate::saju::derive::TenGod;

/// The composed answer for `ctx`: a term explained, small talk, the request for birth data while there is
/// no chart, or the reading of the chart.
pub fn text(ctx: &AnswerContext) -> String {
    // "저는 공망이 어디예요?": a term asked of the user's own chart is answered from the chart.
    // ("제 재성은 어때요?", "관성이 없어서 승진 못 한다던데 진짜예요?": a group named of the user's own chart.)
    let own_chart_plan = ctx.chart.as_ref().is_some_and(|c| {
        super::questions::plan(c, &ctx.question).is_some() || super::star_groups::named_group(&ctx.question).is_some()
    });
    if ctx.intent == Topic::Term && !own_chart_plan {
        // The first passage with something not yet said in this conversation (a follow-up term question
        // moves on instead of quoting the same definition again).
        let said = said_before(&ctx.history);
        // Only the passages about a term the question names, when there are any: "역마 있으면 해외 나가야 돼요?
        // 워홀 고민중" is not answered with a passage on 이혼 고민 because it shares "고민".
        let tagged: Vec<&PassageRef> = ctx
            .passages
            .iter()
            .filter(|p| p.tags.iter().any(|t| t.chars().count() >= 2 && ctx.question.contains(t.as_str())))
            .collect();
        // No passage on the term fits this chart (the 역마 passage is for a chart with 역마): the chart's own
        // fact answers, not a passage that merely shares a word.
        if tagged.is_empty() {
            if let Some(plan) = ctx.chart.as_ref().and_then(|c| plans::shinsal_question(c, &ctx.question)) {
                return without_said(&format!("{}\n\n{}", plan.head, plan.body), &said);
            }
        }
        let candidates: Vec<&PassageRef> = if tagged.is_empty() { ctx.passages.iter().collect() } else { tagged };
        let fresh =
            candidates.iter().map(|p| (*p, without_said(&p.body, &said))).find(|(_, unsaid)| has_substance(unsaid));
        if let Some((p, body)) = fresh.or_else(|| candidates.first().map(|p| (*p, p.body.clone()))) {
            return explain(ctx, p, &body);
        }
    }
    if matches!(ctx.intent, Topic::SmallTalk | Topic::OutOfScope) {
        return small_talk(ctx.intent, &ctx.question, ctx.chart.is_some(), &ctx.history);
    }
    let Some(chart) = &ctx.chart else {
        // "제왕절개 날짜를 2월 3일이랑 2월 5일 중에": the babies' charts need no one else's.
        if let [a, b] = super::days::dates_named(&ctx.question, ctx.today)[..] {
            if let Some(plan) = super::birth_dates::plan(None, &ctx.question, a, b) {
                return format!("{}\n\n{}", plan.head, plan.body);
            }
        }
        return wording::ASK_FOR_BIRTH.to_string();
    };
    narrate(ctx, chart)
}

/// A term explained from the best passage, with the chart's own fact when there is a chart.
fn explain(ctx: &AnswerContext, passage: &PassageRef, body: &str) -> String {
    let mut text = format!("{}\n\n{}¹", passage.title, body.trim());
    if let Some(chart) = &ctx.chart {
        // A term that is a fact of this chart (공망, a star) is answered for it too: where it sits, or that it
        // does not.
        let own = if ctx.question.contains("공망") {
            Some(super::questions::void(chart))
        } else {
            plans::shinsal_question(chart, &ctx.question)
        };
        match own {
            Some(plan) => {
                let unsaid = without_said(&format!("{}\n{}", plan.head, plan.body), &said_before(&ctx.history));
                if has_substance(&unsaid) {
                    text.push_str(&format!("\n\n이 사주로 보면: {unsaid}"));
                }
            }
            None => text.push_str(&format!(
                "\n\n참고로 이 사주는 일간 {}이고, 월지는 {}입니다. 사주에 맞춘 풀이가 궁금하시면 주제(성격, 직업, 재물 등)를 물어 주세요.",
                chart.day_master.name, chart.pillars.month.branch.ten_god.hangul
            )),
        }
    }
    text
}

/// Passages woven into a reading of who someone is (personality, work) at most; the day master's own passage
/// and the chart's strongest finding both speak to it.
const WOVEN_PASSAGES: usize = 2;

/// Passages woven into a reading of anything else (a year, a day, love, money, health) at most: one, the
/// topic's own, so the reply stays on the question.
const WOVEN_PASSAGES_OTHER: usize = 1;

/// Small talk's way back to a reading while there is no chart.
const BACK_WITHOUT_CHART: &str =
    "생년월일과 태어난 시각, 성별을 알려 주시면 사주를 풀어 드릴게요. (예: \"1990년 5월 15일 오후 3시 30분, 여자\")";

/// What is said to a question outside 사주 (weather, code …) the first time.
const OUT_OF_SCOPE: &str = "그 질문은 제가 도와드리기 어려워요. 저는 사주(四柱) 명리 상담만 하고 있습니다.";

/// Words of a stock, coin or lottery pick.
const MONEY_PICKS: &[&str] =
    &["주식", "종목", "코인", "비트", "로또", "삼성전자", "테슬라", "엔비디아", "하이닉스", "주가"];

/// What the composer says to small talk and to questions outside 사주: short, kind, back to the subject. A
/// pick asked again in the conversation (`history`) is refused in fewer words.
pub fn small_talk(topic: Topic, text: &str, has_chart: bool, history: &[super::HistoryTurn]) -> String {
    if topic == Topic::Crisis {
        // ("빚이 1억 가까이 돼요 … 사라지고 싶다": the debt has its own free help, said after the care.)
        let debt = ["빚", "대출", "카드론", "채무", "연체", "사채"].iter().any(|w| text.contains(w));
        return if debt {
            let reply = super::wording::CRISIS_REPLY;
            let (care, last) = reply.rsplit_once('\n').unwrap_or((reply, ""));
            format!("{care}\n{}\n{last}", super::wording::DEBT_HELP)
        } else {
            super::wording::CRISIS_REPLY.to_string()
        };
    }
    let back = if has_chart {
        "지금 사주로 성격, 직업, 재물, 연애, 건강, 올해·오늘의 운세, 대운, 궁합 가운데 궁금한 것을 물어 보세요."
    } else {
        BACK_WITHOUT_CHART
    };
    let head = match topic {
        Topic::OutOfScope if MONEY_PICKS.iter().any(|w| text.contains(w)) => {
            let again =
                history.iter().any(|t| t.speaker == super::Speaker::Assistant && t.text.contains(wording::NO_PICKS));
            let instead = match (has_chart, again) {
                (true, false) => wording::PICKS_INSTEAD,
                (true, true) => wording::PICKS_INSTEAD_AGAIN,
                (false, true) => wording::BIRTH_FOR_MONEY,
                (false, false) => back,
            };
            return format!("{}\n{instead}", if again { wording::NO_PICKS_AGAIN } else { wording::NO_PICKS });
        }
        // Asked again for something outside 사주: said in other, fewer words.
        Topic::OutOfScope
            if history.iter().any(|t| t.speaker == super::Speaker::Assistant && t.text.contains(OUT_OF_SCOPE)) =>
        {
            return if has_chart {
                "그것도 제가 도울 수 있는 범위 밖이에요. 사주로는 성격, 올해 운세, 궁합처럼 궁금한 것을 물어 주세요.".to_string()
            } else {
                "그것도 제가 도울 수 있는 범위 밖이에요. 대신 생년월일과 태어난 시각만 알려 주시면, 오늘의 운세부터 바로 봐 드릴게요."
                    .to_string()
            };
        }
        Topic::OutOfScope => OUT_OF_SCOPE,
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

/// Footnote marks for the passages, by their place in the context's passages (the reply JSON's citations).
const MARKS: [&str; 9] = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];

/// The best sentences of the passages for these facts, each passage's followed by its footnote mark:
/// `skip` passages are passed over, `take` quoted, `n` sentences from each.
/// Sentences already said in the conversation are not quoted again: a passage quoted before gives its other
/// sentences.
fn woven(
    ctx: &AnswerContext,
    chart: &Chart,
    said: &std::collections::HashSet<String>,
    take: usize,
    n: usize,
) -> Vec<String> {
    let keys = keywords(ctx, chart);
    ctx.passages
        .iter()
        .enumerate()
        .filter(|(_, p)| !super::passages::is_definition(&p.id))
        .filter_map(|(i, p)| {
            let unsaid: Vec<&str> =
                super::weave::sentences(&p.body).into_iter().filter(|s| !said.contains(&clean(s))).collect();
            let chosen = pick(&unsaid.join(" "), &keys, n);
            if chosen.is_empty() {
                return None;
            }
            Some(format!("{}{}", chosen.join(" "), MARKS.get(i).copied().unwrap_or("")))
        })
        .take(take)
        .collect()
}

fn find<'a>(findings: &'a [Finding], prefix: &str) -> Option<&'a Finding> {
    findings.iter().find(|f| f.code.starts_with(prefix))
}

fn after<'a>(code: &'a str, prefix: &str) -> &'a str {
    code.strip_prefix(prefix).unwrap_or("").split(['@', ':']).next().unwrap_or("")
}

/// The conclusion and the engine-based reading for topics `compose` does not cover.
fn fortune_reading(ctx: &AnswerContext, chart: &Chart, s: u64) -> Option<(String, String)> {
    let f = &ctx.findings;
    match ctx.intent {
        Topic::YearFortune => {
            find(f, "seun:")?;
            let year = ctx.year + ctx.year_offset;
            let score = super::timing::score_years(chart, super::TimingTopic::General, year, 1).remove(0);
            let gz = crate::saju::pillars::year_pillar(year);
            let groups: Vec<crate::saju::derive::TenGodGroup> =
                [score.stem_ten_god, score.branch_ten_god].into_iter().filter_map(plans::group_of).collect();
            let line = |g| plans::group_line_at(g, score.age);
            let lean = match groups.as_slice() {
                [a, b] if a == b => line(*a).to_string(),
                [a, b] => format!("{}와 {}", line(*a), line(*b)),
                _ => String::new(),
            };
            let head = format!(
                "{year}년 세운 {} {}로 봅니다. 천간 {}·지지 {}의 해라, {} 겹칩니다.",
                crate::saju::josa::with_particle(&format!("{}({})", gz.hangul(), gz.hanja()), "은", "는"),
                score.verdict(),
                score.stem_ten_god,
                score.branch_ten_god,
                crate::saju::josa::with_particle(&lean, "이", "가")
            );
            let mut lines = Vec::new();
            let mut relations: Vec<&Finding> = f
                .iter()
                .filter(|x| x.code.starts_with("seun_relation:") || x.code.starts_with("seun_natal:"))
                .collect();
            relations.sort_by_key(|x| !x.code.starts_with("seun_relation:"));
            match super::fortune::relations_said(&relations, "이 해의 세운은", "해") {
                Some(line) => lines.push(line),
                None => lines.push("세운이 원국과 큰 합이나 충을 이루지 않아, 큰 흔들림보다는 십신이 가리키는 쪽으로 차분히 흐르는 해입니다.".to_string()),
            }
            if !score.reasons.is_empty() {
                lines.push(format!("{}.", plans::reasons_text(&score, 2)));
            }
            // The running 대운 is the background the year plays against.
            let (_, daeun) = topic_reading(Topic::Daeun, chart, ctx.year);
            lines.push(daeun);
            Some((head, lines.join("\n")))
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
            // "오늘 저녁에 소개팅 있는데": the day read for that event.
            let area = super::days::event_area(&ctx.question, super::TimingTopic::General);
            let advice = crate::saju::derive::TenGod::from_hangul(god)
                .and_then(|g| super::days::event_line(chart, area, g))
                .unwrap_or(advice);
            // The day branch is the self's own seat: its relations with the day come first, three at most.
            let mut relations: Vec<&Finding> = f.iter().filter(|x| x.code.starts_with("today_relation:")).collect();
            relations.sort_by_key(|x| !x.code.ends_with("@일주"));
            let mut body = advice.to_string();
            if let Some(line) = super::fortune::relations_in_words(&relations) {
                body.push('\n');
                body.push_str(&line);
            }
            let head = format!("{} — 일간 {}에게 {}의 날입니다.", pillar.text, chart.day_master.name, god);
            Some((head, body))
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
            // The two charts' relations are the reading: each named, then what they ask of the two. A business
            // partner or a friend is not read for romance: no spouse star, no "인연".
            let business = wording::about_partnership(&ctx.question);
            let mut lines: Vec<String> = f
                .iter()
                .filter(|x| !(business && x.code == "compat:spouse_star"))
                .filter_map(super::compat::line_of)
                .map(|t| {
                    if business {
                        t.replace("처음부터 끌림이 강한 인연", "처음부터 손발이 잘 맞기 쉬운 사이")
                    } else {
                        t
                    }
                })
                .take(6)
                .map(|t| format!("- {t}"))
                .collect();
            if business {
                lines.push(
                    "동업은 궁합보다 역할과 돈의 약속이 먼저라, 지분·정산·그만둘 때의 규칙을 처음에 글로 정해 두세요."
                        .to_string(),
                );
            }
            lines.push(
                if has("clash") || has("harm") || has("wonjin") || has("punishment") {
                    "부딪히는 지점이 있다는 것은 나쁜 궁합이라는 뜻이 아니라, 그 부분을 미리 말로 나누면 된다는 뜻입니다."
                } else {
                    "서로의 모자란 기운을 채워 주는 지점을 알고 있으면, 다툴 때도 돌아올 자리가 분명해집니다."
                }
                .to_string(),
            );
            Some((head.to_string(), lines.join("\n")))
        }
        _ => None,
    }
}

/// A follow-up asking for the reasons ("왜요?", "이유가 뭐예요").
fn asks_why(ctx: &AnswerContext) -> bool {
    let q = ctx.question.trim();
    !ctx.history.is_empty()
        && ((q.chars().count() <= 20 && ["왜", "이유", "근거"].iter().any(|w| q.contains(w)))
            || [
                "근거가",
                "근거는",
                "어디 보고",
                "어디를 보고",
                "뭘 보고",
                "왜 그렇게",
                "왜 그런 거",
                "왜 그래요",
                "왜 하필",
                "어째서",
            ]
            .iter()
            .any(|w| q.contains(w)))
}

/// A follow-up asking to go deeper ("더 자세히요").
fn asks_detail(ctx: &AnswerContext) -> bool {
    let q = ctx.question.trim();
    !ctx.history.is_empty()
        && ["자세히", "자세하게", "구체적", "더 알려", "더 말해", "더 풀어"].iter().any(|w| q.contains(w))
}

/// "제 적성은 뭐예요?", "어울리는 일": the nature of the work asked, not a year's.
fn asks_aptitude(question: &str) -> bool {
    ["적성", "어울리는 일", "맞는 일", "진로", "체질", "타고난"].iter().any(|w| question.contains(w))
}

/// The conversation told of betting (토토, 도박, 경마 …) in this message or an earlier one.
fn gambled_before(ctx: &AnswerContext) -> bool {
    wording::is_gambling(&ctx.question)
        || ctx.history.iter().any(|t| t.speaker == super::Speaker::User && wording::is_gambling(&t.text))
}

/// A question of how the user gets along with a family member or a friend whose chart is read beside theirs.
fn advises_a_relation(ctx: &AnswerContext) -> bool {
    ctx.partner.is_some()
        && ctx.about.is_none()
        && ctx.partner_about.as_deref().is_some_and(|w| !super::relation_advice::is_romantic(w))
        && super::relation_advice::asks(&ctx.question)
}

/// A follow-up asking what to do ("그때까지 뭘 하면 좋을까요?", "어떻게 하면 돼요?").
fn asks_advice(ctx: &AnswerContext) -> bool {
    let q = ctx.question.trim();
    !ctx.history.is_empty()
        && !plans::asks_endure(q)
        && [
            "뭘 하면",
            "뭐 하면",
            "뭘 해야",
            "뭐 해야",
            "어떻게 하면",
            "어떻게 해야",
            "방법",
            "조언",
            "준비하",
            "노력",
            "버텨",
            "버티",
            "견뎌",
            "견디",
        ]
        .iter()
        .any(|w| q.contains(w))
}

/// "올해 안에", "올해 한다면", "연내": the user keeps to this year.
fn bounded_to_this_year(q: &str) -> bool {
    let q = q.replace(' ', "");
    ["올해안", "올해중", "올해내로", "올해내에", "연내", "올해한다면", "올해하면", "올해하려면", "올해가기전"]
        .iter()
        .any(|w| q.contains(w))
}

/// "하반기는요?", "몇 월이 좋아요?": the months of the year.
fn asks_months(q: &str) -> bool {
    [
        "상반기",
        "하반기",
        "몇 월",
        "몇월",
        "어느 달",
        "무슨 달",
        "월운",
        "달이 좋",
        "달에",
        "조심할 달",
        "좋은 달",
        "안 좋은 달",
        // "올해 중에 특히 조심하셔야 할 달이 있을까요?"
        "할 달",
        "할달",
        "달이 있을까",
        "달은 언제",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// "결혼까지 갈 수 있을까요?" of a couple: yes with what decides it, from the two charts' relations, and the
/// years each chart favours for marriage.
fn compat_outcome(ctx: &AnswerContext, chart: &Chart, partner: &Chart) -> plans::Plan {
    let has = |k: &str| ctx.findings.iter().any(|x| x.code == format!("compat:{k}"));
    let binds = ["stem_combine", "six_combine", "three_harmony", "half_harmony"].iter().any(|k| has(k));
    let strains = ["clash", "stem_clash", "punishment", "wonjin", "harm", "break"].iter().any(|k| has(k));
    let head = match (binds, strains) {
        (true, false) => "네, 결혼까지 이어질 만한 끌림과 묶임이 있는 궁합이에요. 다만 결혼은 사주보다 두 분의 생활과 마음이 정합니다.",
        (true, true) => "갈 수 있어요. 끌림도 부딪힘도 함께 있는 궁합이라, 결혼 전에 다투고 푸는 방식을 먼저 맞춰 두면 오래 갑니다.",
        (false, true) => "갈 수 있어요. 다만 부딪히는 자리가 있는 궁합이라, 결혼 전에 다투고 푸는 방식부터 맞춰 두셔야 해요.",
        (false, false) => "갈 수 있어요. 크게 부딪히는 자리 없이 서로를 맞춰 가는 궁합이라, 결혼은 사주보다 두 분의 생활과 마음이 정합니다.",
    };
    let mut lines: Vec<String> =
        ctx.findings.iter().filter_map(super::compat::line_of).take(3).map(|t| format!("- {t}")).collect();
    let years = |c: &Chart| plans::timing(c, super::TimingTopic::Love, ctx.year, ctx.month).head;
    lines.push(format!("- 나: {}", years(chart)));
    if partner.gender().is_some() {
        lines.push(format!("- 상대: {}", years(partner)));
    }
    plans::Plan { head: head.to_string(), body: lines.join("\n") }
}

/// Two years weighed ("올해 하는 게 나아요 내년이 나아요?") for the area of the move's own words ("집을 사는 게",
/// "독립", "창업"), else the conversation's; a treatment ("수술을 올해 할까요 내년에 할까요?") by each year's health.
fn compare_plan(ctx: &AnswerContext, chart: &Chart, first: i32, second: i32) -> plans::Plan {
    if ctx.intent == Topic::Health || ["수술", "시술", "치료", "입원"].iter().any(|w| ctx.question.contains(w))
    {
        return plans::compare_health_years(chart, first, second);
    }
    plans::compare_years(chart, area_with_history(ctx), first, second)
}

/// The life area of a move weighed: from the message's own words ("집을 사는 게", "독립", "창업"), else the
/// conversation's topic, else the words of the user's earlier messages ("카페 창업하려는데" then "둘 중에 뭐가
/// 나아요?").
fn area_with_history(ctx: &AnswerContext) -> super::TimingTopic {
    use super::TimingTopic::General;
    let own = super::decision::area_of_move(&ctx.question, ctx.intent);
    if own != General {
        return own;
    }
    if ctx.caution.as_deref() == Some(wording::MONEY_DECISION) {
        return super::TimingTopic::Wealth;
    }
    ctx.history
        .iter()
        .rev()
        .filter(|t| t.speaker == super::context::Speaker::User)
        .map(|t| super::decision::area_of_move(&t.text, Topic::General))
        .find(|a| *a != General)
        .unwrap_or(General)
}

/// The area of a question about when inside one stretch of months ("이번 겨울 안에 이직 가능할까요?", "내년 봄에
/// 결혼하면 몇 월이 좋아요?"): a timing question or one that asks whether or when; not "내년 봄에 결혼하는데
/// 궁합 봐 주세요" (the stretch is only when the event is).
fn season_asked(ctx: &AnswerContext) -> Option<super::TimingTopic> {
    let q = &ctx.question;
    let asks_when = ["언제", "가능", "될까", "될까요", "좋을까", "괜찮을까", "할 수 있", "몇 월", "몇월", "어느 달", "좋은 달"]
        .iter()
        .any(|w| q.contains(w))
        // ("내년 봄은요?" after a stretch read: the same question for the next one.)
        || (!ctx.history.is_empty() && q.chars().count() <= 12);
    if !asks_when || matches!(ctx.intent, Topic::Compatibility | Topic::Daeun | Topic::Health) {
        return None;
    }
    match ctx.intent.timing_area() {
        Some(area) => Some(area),
        None => {
            let area = area_with_history(ctx);
            (area != super::TimingTopic::General || matches!(ctx.intent, Topic::YearFortune)).then_some(area)
        }
    }
}

/// "제 명의로 대출 받자는데", "명의 좀 빌려 달래요": a loan, a card or an account in the user's name for
/// someone else.
pub(super) fn lends_the_name(q: &str) -> bool {
    q.contains("명의") && ["대출", "빌려", "빌리", "카드", "통장", "폰", "사업자", "계약"].iter().any(|w| q.contains(w))
}

/// "지금 살까요, 내년까지 기다릴까요?": the later year weighed against this one.
fn compared_year(ctx: &AnswerContext) -> Option<i32> {
    let q = &ctx.question;
    // "내년이 더 나아요?" after a question about this year: the two weighed.
    let now = ["지금", "올해", "이번 해", "당장", "더 나아", "더 낫", "더 좋"].iter().any(|w| q.contains(w));
    let or =
        ["아니면", "기다릴", "미룰", "미뤄", "나을까", "낫나", "나은", "나아", "좋을까", "할지", "갈지", "중에", "vs"]
            .iter()
            .any(|w| q.contains(w));
    (now && or && ctx.year_offset > 0).then_some(ctx.year + ctx.year_offset)
}

/// "뭐가 부족해요?", "없는 오행": the elements the chart lacks.
fn asks_lack(q: &str) -> bool {
    ["부족", "뭐가 없", "없는 오행", "오행 중", "보완", "채워야", "필요한 오행", "색깔", "무슨 색", "방향", "행운의"]
        .iter()
        .any(|w| q.contains(w))
        || plans::element_claimed(q).is_some()
}

/// The plan for a question whose answer is a fact of time, or a year of a life area; a question about an
/// outcome ("붙을까요?", "잘될까요?") gets the lean and its condition first.
fn plan_for(ctx: &AnswerContext, chart: &Chart) -> Option<plans::Plan> {
    let mut plan = plan_for_topic(ctx, chart)?;
    // A 궁합's plans ("결혼까지 갈 수 있을까요?") carry their own verdict; one chart's year is not added to it;
    // nor does a span's best year ("35살 전에 결혼할 수 있을까요?") get this year's outcome before it.
    let spanned =
        super::window::in_question(&ctx.question, super::timing::birth_year(chart), ctx.year, ctx.year).is_some();
    if (ctx.intent == Topic::Compatibility && ctx.partner.is_some()) || spanned {
        return Some(plan);
    }
    // "제 사주에 자녀운 있나요?": yes or no first, from the children's star in the chart.
    if ctx.intent == Topic::Children
        && !ctx.question.contains("이혼")
        && ["있나", "있어요", "있을까", "있는지", "있는 편"].iter().any(|w| ctx.question.contains(w))
    {
        let yes = plans::children_yes_no(chart);
        plan.head = format!("{yes} {}", plan.head);
    }
    // "예 아니오로만 말해주세요", "딱 잘라서요": the verdict itself first, whatever the plan says after it.
    // (Never over a decision no chart makes — a divorce, an operation, a bankruptcy: their plans say so first.)
    let not_ours = ["이혼", "수술", "회생", "파산", "낙태", "이겨내", "완치", "회복", "나으실", "나을 수"]
        .iter()
        .any(|w| ctx.question.contains(w));
    if wording::demands_verdict(&ctx.question) && !wording::opens_with_verdict(&plan.head) && !not_ours {
        let yes = super::choices::fits_the_one_named(chart, &ctx.question).unwrap_or_else(|| {
            let area = super::decision::area_of_move(&ctx.question, ctx.intent);
            let year = &super::timing::score_years(chart, area, ctx.year + ctx.year_offset, 1)[0];
            // A lump sum staked (퇴직금, 명퇴, 대출) is never a plain yes from a year.
            !super::decision::stakes_money(&ctx.question)
                && (year.score >= 2.0 || (year.score > 0.0 && year.cautions.is_empty()))
        });
        let verdict = if yes {
            "한마디로 하면 ‘네’예요."
        } else {
            "한마디로 하면 ‘아니요’, 지금은 권하지 않아요."
        };
        plan.head = format!("{verdict} {}", plan.head);
    }
    // "결혼 못하는 거 아니죠?": no first, then the years it is likeliest.
    if let Some(area) = ctx.intent.timing_area().filter(|_| plans::fears_never(&ctx.question)) {
        let road = plans::timing(chart, area, ctx.year, ctx.month);
        return Some(plans::Plan { head: format!("{} {}", plans::never_line(area), road.head), body: road.body });
    }
    // "취업은 할 수 있는 사주긴 해요?": yes first, then the years.
    if let Some(area) = ctx.intent.timing_area().filter(|_| plans::asks_can_at_all(&ctx.question)) {
        let road = plans::timing(chart, area, ctx.year, ctx.month);
        let yes = plans::never_line(area).replacen("아니요,", "네,", 1);
        return Some(plans::Plan { head: format!("{yes} {}", road.head), body: road.body });
    }
    // (A day read for the event — "12월 19일(토) 정묘일은 소개팅에 …" — is the answer; a year's outcome before it
    // would bury it.)
    let day_read = plan.head.split_once("일(").is_some_and(|(d, _)| d.len() <= 12 && d.contains('월'));
    if let Some(area) = ctx.intent.timing_area().filter(|_| plans::asks_outcome(&ctx.question) && !day_read) {
        let year = ctx.year + ctx.year_offset;
        let line = plans::outcome_line(chart, area, ctx.year, year);
        // The year's own verdict ("2026년(병오)의 시험·공부운은 …") is the line's: said once.
        plan.head = if plan.head.starts_with(&format!("{year}년(")) { line } else { format!("{line} {}", plan.head) };
    }
    Some(plan)
}

/// The babies' two days from the user's last question, weighed with this chart as the parent's, when this
/// message names no days and speaks of matching the parent.
fn baby_days_with_parent(ctx: &AnswerContext, chart: &Chart) -> Option<plans::Plan> {
    if !super::days::dates_named(&ctx.question, ctx.today).is_empty()
        || !["맞는 날", "저랑도", "저하고도", "저와도", "저랑 맞", "나랑도", "맞춰", "엄마랑", "아빠랑"]
            .iter()
            .any(|w| ctx.question.contains(w))
    {
        return None;
    }
    let asked = ctx
        .history
        .iter()
        .rev()
        .filter(|t| t.speaker == super::Speaker::User)
        .take(2)
        .find(|t| super::birth_dates::asks(&t.text))?;
    let [a, b] = super::days::dates_named(&asked.text, ctx.today)[..] else { return None };
    super::birth_dates::plan(Some(chart), &asked.text, a, b)
}

/// The first year ("2027년") the last reply's headline named, for "왜요?" to explain.
fn last_lead_year(ctx: &AnswerContext) -> Option<i32> {
    let last = ctx.history.iter().rev().find(|h| h.speaker == super::Speaker::Assistant)?;
    // (The headline may follow a line for the feeling: "시험 결과 때문에 많이 속상하셨겠어요 …")
    last.text.split("\n\n").take(2).find_map(|para| wording::four_digit_years(para).next().map(|(_, year)| year))
}

/// The year a move asked about now is weighed in: the one the question names (not a year kept from an earlier
/// turn), else this one until October and the next from November ("독립하는 게 나을까요?" asked in December is
/// about the coming year).
fn decision_year(ctx: &AnswerContext) -> i32 {
    if ctx.year_offset != 0 && wording::names_year(&ctx.question) {
        ctx.year + ctx.year_offset
    } else if says_this_year(&ctx.question) {
        ctx.year
    } else {
        plans::open_year(ctx.year, ctx.month)
    }
}

fn plan_for_topic(ctx: &AnswerContext, chart: &Chart) -> Option<plans::Plan> {
    let year = ctx.year + ctx.year_offset;
    // "저랑도 맞는 날이면 좋겠어요. 저는 90년 …": the days a baby could be born on, asked just before, weighed
    // again with the parent's chart.
    if let Some(plan) = baby_days_with_parent(ctx, chart) {
        return Some(plan);
    }
    // "언니랑 안 싸우려면 어떻게 해야 돼요?", "제가 며느리한테 어떻게 하면 좋을까요?": how to get along with a
    // family member or a friend, from the two charts — never a lover's advice.
    if let (true, Some(partner), Some(their)) =
        (advises_a_relation(ctx), ctx.partner.as_ref(), ctx.partner_about.as_deref())
    {
        return Some(super::relation_advice::plan_for(chart, partner, their, &ctx.question));
    }
    // "아기 얘기는 누구 사주로 보는 거예요? 제 거요 남편 거요?": both, and why.
    if let Some(partner) = ctx.partner.as_ref().filter(|_| plans::asks_whose_chart(&ctx.question)) {
        let names = (ctx.about.as_deref().unwrap_or("본인"), ctx.partner_about.as_deref().unwrap_or("상대분"));
        return Some(plans::whose_chart(chart, partner, names, area_with_history(ctx)));
    }
    // "누가 돈 관리하는 게 나아요?", "둘 중에 누가 공부 쪽이에요?": two people weighed, from both charts.
    // (Two days named for them — "날짜를 4월 24일이랑 9월 11일 중에" — are weighed as days, below.)
    let two_days = (2..=4).contains(&super::days::dates_named(&ctx.question, ctx.today).len());
    if let Some(partner) = ctx.partner.as_ref().filter(|_| !two_days) {
        let names = (ctx.about.as_deref().unwrap_or("본인"), ctx.partner_about.as_deref().unwrap_or("상대분"));
        let area = area_with_history(ctx);
        // Two others, or the user and the second person kept for a question about them together: the second
        // chart outside a 궁합 only comes for a question about both.
        let both = (ctx.about.is_some() && ctx.partner_about.is_some()) || ctx.intent != Topic::Compatibility;
        let open = plans::open_year(ctx.year, ctx.month);
        let asked = if ctx.year_offset != 0 { year } else { open };
        let when = super::which_of_two::When { now: ctx.year, month: ctx.month, open, asked };
        let plan = super::which_of_two::plan(chart, partner, names, &ctx.question, Some(area), when, both);
        if plan.is_some() {
            return plan;
        }
    }
    // "올해 남은 3주 동안 조심해야 할 게 있을까요": this month, not the year's months gone by.
    let rest = [
        "남은 3주",
        "남은 2주",
        "남은 몇 주",
        "남은 한 달",
        "남은 한달",
        "남은 기간",
        "남은 며칠",
        "연말까지",
        "올해 남은",
    ];
    if rest.iter().any(|w| ctx.question.contains(w)) && ctx.month == 12 {
        return Some(followups::rest_of_year(chart, ctx.year, ctx.month));
    }
    // "반대로 피해야 할 사람은요?": the partner this chart finds heavy.
    let avoid_person = [
        "피해야 할 사람",
        "피할 사람",
        "조심할 사람",
        "조심해야 할 사람",
        "안 맞는 사람",
        "피해야 될 사람",
        "만나면 안 되는",
    ]
    .iter()
    .any(|w| ctx.question.contains(w));
    if avoid_person && ctx.partner.is_none() {
        return Some(followups::partner_to_avoid(chart));
    }
    // "용신 들어오는 해는 마흔 전에 있어요?", "물 기운 들어오는 때는 언제예요? 30대 되기 전에요": the years that
    // bring that element, inside the span said.
    if let Some(plan) = element_years(ctx, chart) {
        return Some(plan);
    }
    // "그게 무슨 말이에요? 좀 쉽게 설명해 주세요": the last answer's words, plainly.
    if followups::asks_plain_words(&ctx.question) && !names_a_term(&ctx.question) {
        let last = ctx.history.iter().rev().find(|t| t.speaker == super::Speaker::Assistant);
        if let Some(plan) = last.and_then(|t| followups::plain_words(chart, &t.text, ctx.year)) {
            return Some(plan);
        }
    }
    // "50대 대운 더 자세히요", "다음 대운은 어때요?": one 대운 read on its own (its start is the follow-up slot's).
    if ctx.intent == Topic::Daeun && !ctx.history.is_empty() && !ctx.question.contains("언제") {
        static ONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"[1-9]0\s?대|다음\s?대운|지난\s?대운|이전\s?대운|20\d\d\s?년").expect("valid")
        });
        if asks_detail(ctx) || ONE.is_match(&ctx.question) {
            if let Some(i) = followups::daeun_asked(chart, &ctx.question, ctx.year) {
                return Some(followups::daeun_detail(chart, i, ctx.year));
            }
        }
    }
    // "3년 안에 옮긴다면 언제가 나아요?", "35살 전에 결혼할 수 있을까요?": the best year inside the span set.
    if let Some(plan) = within_window(ctx, chart) {
        return Some(plan);
    }
    // "제 재성은 어때요?", "관성이 없어서 승진을 못 한다던데 진짜예요?": a ten-god group read on this chart.
    if let Some(plan) = super::star_groups::plan(chart, &ctx.question, plans::open_year(ctx.year, ctx.month)) {
        return Some(plan);
    }
    // "올해 하반기가 나을지 내년 봄이 나을지": two stretches of months weighed.
    let periods = followups::periods_named(&ctx.question, ctx.year, ctx.month);
    if let [a, b, ..] = periods.as_slice() {
        return Some(followups::compare_periods(chart, area_with_history(ctx), a, b));
    }
    // "이번 겨울 안에 이직 가능할까요?", "내년 봄에 하면 언제가 좋아요?": the months of the one stretch asked about.
    if let ([one], Some(area)) = (periods.as_slice(), season_asked(ctx)) {
        return Some(super::season::plan(chart, area, one));
    }
    // ("2028년이랑 2029년 중에는 어느 해가 더 나아요?": the two years named, not this year against one of them.)
    let named_years = followups::years_named(&ctx.question, ctx.year);
    if let (Some(_), [a, b, ..]) = (compared_year(ctx), named_years.as_slice()) {
        if a != b {
            return Some(compare_plan(ctx, chart, *a, *b));
        }
    }
    if let Some(other) = compared_year(ctx) {
        return Some(compare_plan(ctx, chart, ctx.year, other));
    }
    // "그래서 결론이 뭔데요", "한마디로 요약하면요?": the verdict said last, restated as the conclusion.
    // ("결론적으로 올해 이직해도 될까요?" asks its own question: only a bare ask for the conclusion is one.)
    let asks_conclusion =
        ["결론이 뭐", "결론이 뭔", "결론만", "결론은요", "결론은?", "요약하면", "그래서 뭐가", "그래서 어떻게 하라"]
            .iter()
            .any(|w| ctx.question.contains(w))
            || (ctx.question.contains("결론") && ctx.question.chars().count() <= 15);
    if asks_conclusion {
        let verdict_words =
            ["네,", "아니요", "한마디로", "낫습니다", "권해요", "정해 줄 수 없", "맞습니다", "갈 수 있어요"];
        let last = ctx
            .history
            .iter()
            .rev()
            .filter(|t| t.speaker == super::context::Speaker::Assistant)
            .filter_map(|t| sentences_of(&t.text).into_iter().find(|s| verdict_words.iter().any(|w| s.contains(w))))
            .next();
        if let Some(verdict) = last {
            let verdict = verdict.trim_start_matches("한마디로 하면 ").to_string();
            return Some(plans::Plan {
                head: format!("결론만 말씀드리면, {verdict}"),
                body: "- 그렇게 본 근거는 앞의 답에 있어요. 왜 그런지, 언제인지 더 물어 주시면 이어서 볼게요.".into(),
            });
        }
    }
    // "올해가 제 환갑이라는데 조심할 게 있다면서요?": the year of the 60-year return.
    if ["환갑", "회갑"].iter().any(|w| ctx.question.contains(w)) {
        return Some(plans::hwangap(chart, ctx.year));
    }
    // "몇 살까지 사냐고 물어보래요": no lifespan from a chart; what the late years hold instead.
    if ["몇 살까지 살", "몇살까지 살", "몇 살까지 사", "몇살까지 사", "수명", "단명", "언제 죽", "오래 살"]
        .iter()
        .any(|w| ctx.question.contains(w))
    {
        let late = plans::late_life(chart);
        return Some(plans::Plan {
            head: wording::LIFESPAN.to_string(),
            body: format!("대신 말년의 흐름은 이렇습니다. {}\n{}", late.head, late.body),
        });
    }
    // "친구가 대출 보증도 서달래요": the guarantee itself, before any year.
    let q = ctx.question.replace("보증금", "");
    if q.contains("보증")
        && ["서달", "서 달", "서줘", "서 줘", "설까", "서도", "서야", "서주", "서 주", "보증을", "보증도"]
            .iter()
            .any(|w| q.contains(w))
    {
        return Some(plans::guarantee(chart, plans::open_year(ctx.year, ctx.month), &ctx.question));
    }
    // "친구가 제 명의로 대출 받자는데 괜찮을까요?": a loan in the user's own name for someone else is a guarantee
    // and more — the debt is the user's.
    if lends_the_name(&ctx.question) {
        return Some(plans::guarantee(chart, plans::open_year(ctx.year, ctx.month), &ctx.question));
    }
    // "코인으로 빚이 8천 생겼어요.. 언제 다 갚을 수 있을까요", "개인회생 신청하는 게 나을까요": the money years,
    // and the people who decide debts with you.
    if ["빚", "갚", "채무", "개인회생", "회생", "파산"].iter().any(|w| ctx.question.contains(w)) {
        return Some(plans::debt(chart, plans::open_year(ctx.year, ctx.month), &ctx.question));
    }
    // "레버리지 한 번만 더 해서 복구하려고 하는데 운 들어오는 달 없어요?": no month for a stake to win back.
    // ("주식에 몰빵하려고" is a plan staked, answered with the money caution, not a loss chased.)
    if ["레버리지", "복구하", "본전", "만회"].iter().any(|w| ctx.question.contains(w)) {
        return Some(plans::Plan { head: wording::CHASING_LOSSES.to_string(), body: String::new() });
    }
    // "이름에 물 수(氵) 들어간 한자는 쓰면 안 돼요?", "불 기운 넣으라는데 쇠 기운이 맞아요?": elements for a name.
    if let Some(plan) = plans::naming(chart, &ctx.question) {
        return Some(plan);
    }
    // "만약 2027년 1월에 태어나면 띠가 뭐예요?": the 띠 of the date supposed, not the chart's.
    if let Some(plan) = super::questions::supposed_zodiac(&ctx.question, ctx.year) {
        return Some(plan);
    }
    // "아들 딸도 사주로 나와요?": not the chart's to tell; the children's years instead.
    if super::questions::asks_baby_sex(&ctx.question) {
        let years = plans::timing(chart, super::TimingTopic::Children, ctx.year, ctx.month);
        return Some(plans::Plan {
            head: "아기가 아들일지 딸일지는 사주로 알 수 없어요. 사주는 태어난 아이의 흐름을 볼 뿐, 뱃속 아이의 성별을 정하거나 미리 알려 주지 않습니다.".into(),
            body: format!(
                "- 집안의 바람이 부담되실 수 있지만, 건강하게 찾아오는 것이 먼저예요. 성별이 궁금하면 때가 되어 병원에서 확인하시면 됩니다.\n- 사주로 볼 수 있는 건 자녀 인연이 드는 때입니다: {}",
                years.head
            ),
        });
    }
    // "어느 방향이 좋을까요?", "동쪽은 절대 안 되는 거예요?": the direction itself, whatever the topic.
    if plans::asks_direction(&ctx.question) && !matches!(ctx.intent, Topic::Term | Topic::Compatibility) {
        let mut plan = plans::direction(chart, &ctx.question);
        // "올해 이사하려는데 어느 방향이": the year for moving too.
        // "… 방향은요? 그리고 4월이랑 6월 중에 언제 가는 게 나을까요?": the months weighed too.
        let months = followups::months_named(&ctx.question, ctx.year, ctx.month);
        if !months.is_empty() {
            let weighed = followups::months_plan(chart, super::TimingTopic::Move, &months);
            plan.body = format!("{}\n\n{}\n{}", plan.body, weighed.head, weighed.body);
        } else if matches!(ctx.intent, Topic::Timing(super::TimingTopic::Move)) {
            let year = plans::area_in_year(chart, super::TimingTopic::Move, ctx.year, year);
            plan.body = format!("{}\n- {} {}", plan.body, year.head, year.body.lines().next().unwrap_or(""));
        }
        return Some(plan);
    }
    // "올해 이혼하면 어떻게 돼요? 하는 게 맞아요?": never decided from a year's score.
    // "결혼까지 갈 수 있을까요? 솔직하게요" in a 궁합: the verdict from the two charts, then each one's years.
    if let Some(partner) = ctx.partner.as_ref().filter(|_| ctx.intent == Topic::Compatibility) {
        if plans::asks_outcome(&ctx.question)
            || wording::demands_verdict(&ctx.question)
            || [
                "결혼까지",
                "결혼할 수",
                "결혼 할 수",
                "오래 갈",
                "오래갈",
                "잘 살",
                "잘살",
                "행복할",
                "만나도 될까",
                "만나도 돼",
                "사귀어도",
            ]
            .iter()
            .any(|w| ctx.question.contains(w))
        {
            return Some(compat_outcome(ctx, chart, partner));
        }
    }
    // "화해하려면 제가 먼저 연락해야 돼요?" in a 궁합: a lean to reach out, and a day of the coming week for it.
    if ctx.intent == Topic::Compatibility
        && ["먼저 연락", "연락해야", "연락할까", "화해", "사과해야", "먼저 사과"]
            .iter()
            .any(|w| ctx.question.contains(w))
    {
        let today = super::days::week_asked("다음 주", ctx.today).unwrap_or(0);
        let week = super::days::week(chart, "다음 주 약속", super::TimingTopic::General, today);
        let relation =
            ctx.findings.iter().find_map(super::compat::line_of).map(|l| format!("- {l}\n")).unwrap_or_default();
        return Some(plans::Plan {
            head: "네, 먼저 연락해 보시는 쪽을 권해요. 누가 먼저인지는 사주가 정하지 않지만, 자존심보다 관계를 지키는 쪽이 나중에 덜 후회됩니다.".into(),
            body: format!(
                "{relation}- 날을 고른다면: {}\n- 긴 설명보다 \"그때 내가 서운했어, 그래도 네가 소중해\"처럼 마음 한 줄이 먼저 닿습니다.",
                week.head
            ),
        });
    }
    // "제 사주에 이혼수 같은 거 있어요?": no fate of divorce; the spouse seat's clashes instead.
    if ["이혼수", "이혼 수", "이혼할 팔자", "이혼할 사주", "이혼하는 사주", "이혼 팔자"]
        .iter()
        .any(|w| ctx.question.contains(w))
    {
        return Some(plans::divorce_sign(chart, year));
    }
    // ("저희 부부 사주가 원래 안 맞는 건가요?" asks the 궁합, not the decision.)
    if ctx.question.contains("이혼")
        && ctx.intent != Topic::Term
        // ("이혼하고 3년째인데 재혼은 언제쯤": a divorce behind, not one weighed.)
        && !["궁합", "안 맞", "안맞", "재혼", "언제", "이혼하고", "이혼한", "이혼 후", "이혼했"]
            .iter()
            .any(|w| ctx.question.contains(w))
        && ["맞아", "맞나", "할까", "해야", "어떻게 돼", "어떻게 될", "될까", "좋을까", "나을까"]
            .iter()
            .any(|w| ctx.question.contains(w))
    {
        return Some(plans::divorce(chart, year));
    }
    // "쌍둥이인데 첫째 8시 52분, 둘째 9시 7분": the pillars they share and the hour pillar each has.
    if let Some(plan) = super::twins::plan(chart, &ctx.question, &ctx.history).filter(|_| ctx.partner.is_none()) {
        return Some(plan);
    }
    // "공기업이랑 사기업 중에 뭐가 더 맞아요?", "부업 뭐가 맞아요?": the paths weighed against the chart.
    if ctx.intent != Topic::Compatibility {
        let earlier: Vec<&str> = ctx
            .history
            .iter()
            .filter(|t| t.speaker == super::context::Speaker::User)
            .map(|t| t.text.as_str())
            .collect();
        if let Some(plan) = super::choices::plan_for_letter(chart, &ctx.question, &earlier, ctx.year) {
            return Some(plan);
        }
        if let Some(plan) = super::choices::plan(chart, &ctx.question, ctx.year) {
            return Some(plan);
        }
        // "결혼이냐 유학이냐", "한국 들어갈지 미국에 남을지", "연장할지 집을 살지": two moves in a life weighed.
        if let Some(plan) = super::life_choices::plan(chart, &ctx.question, ctx.year, ctx.month) {
            return Some(plan);
        }
    }
    // "저 개띠 맞죠?", "편관 있어요?", "무슨 색 옷이 좋아요?": answered by name, yes or no first — in a 궁합 too
    // when the user asks their own 띠 ("근데 저 용띠에요 토끼띠에요??").
    let own_zodiac_in_compat = ctx.intent == Topic::Compatibility
        && super::questions::asks_zodiac(&ctx.question)
        && !super::questions::claims_partner_zodiac(&ctx.question);
    if ctx.intent != Topic::Compatibility || own_zodiac_in_compat {
        if let Some(mut plan) = super::questions::plan(chart, &ctx.question) {
            // "저 말띠 맞죠? 올해 말의 해라 말띠한테 좋다던데 저도 좋은 건가요": the year too, by the whole chart.
            if ctx.question.contains('띠')
                && says_this_year(&ctx.question)
                && ["좋은 건가", "좋다던데", "좋다는데", "좋을까", "좋나요", "어때"]
                    .iter()
                    .any(|w| ctx.question.contains(w))
            {
                let year = plans::area_in_year(chart, super::TimingTopic::General, ctx.year, ctx.year);
                plan.body = format!(
                    "{}\n올해가 좋은지는 띠 하나가 아니라 사주 전체로 봅니다. {} {}",
                    plan.body,
                    year.head,
                    year.body.lines().next().unwrap_or("")
                );
            }
            // "그럼 올해는요? 공망이랑 상관있어요?": the year asked, against the two empty branches.
            if ctx.question.contains("공망") && (ctx.year_offset != 0 || says_this_year(&ctx.question)) {
                plan.body = format!("{}\n{}", plan.head, plan.body);
                plan.head = super::questions::void_in_year(chart, year);
            }
            return Some(plan);
        }
    }
    // "28일이 손 없는 날 맞아요?": the folk custom from the lunar date, and the day's 일진.
    if let Some(mut plan) = super::days::son_eobneun(chart, &ctx.question, ctx.today) {
        // "5월에 이사해도 돼요? 손없는날로": the month itself for moving first, then its 손 없는 날.
        let months = followups::months_named(&ctx.question, ctx.year, ctx.month);
        if super::decision::weighs_a_move(&ctx.question) && !months.is_empty() {
            let month = followups::months_plan(chart, super::TimingTopic::Move, &months[..1]);
            plan.head = format!("{} {}", month.head, plan.head);
        }
        return Some(plan);
    }
    // "다음 주는 어때요? 발표가 있어요", "면접이 3월 20일이에요": the days themselves.
    if let Some(monday) = super::days::week_asked(&ctx.question, ctx.today) {
        // "화요일이랑 목요일 두 개 잡혔는데 어느 날이 더 좋아요?": the two days weighed.
        if let Some(plan) = super::days::two_days(chart, &ctx.question, area_of(ctx.intent), monday) {
            return Some(plan);
        }
        // "다음주 수요일에 계약하는데 그날 괜찮을까요?": that day, not the week.
        if let Some(day) = super::days::weekday_named(&ctx.question, monday) {
            return Some(super::days::day(chart, &ctx.question, area_of(ctx.intent), day));
        }
        return Some(super::days::week(chart, &ctx.question, area_of(ctx.intent), monday));
    }
    // "면접이 오후 2시인데 시간도 상관있어요?" after "내일 면접이에요": that clock's hour pillar on the event's day.
    {
        let said_before = |w: &str| {
            ctx.history.iter().rev().take(4).any(|t| t.speaker == super::context::Speaker::User && t.text.contains(w))
        };
        // (`today` is already the day a "내일"/"모레" in this very message names.)
        let here = ctx.question.contains("내일") || ctx.question.contains("모레");
        let shift = if here {
            0
        } else if said_before("모레") {
            2
        } else if said_before("내일") {
            1
        } else {
            0
        };
        let (y, m, d) = ctx.today;
        let jdn = crate::saju::astro::julian::jdn_from_civil(y, m, d) + shift;
        if let Some(plan) = super::days::event_hour(chart, &ctx.question, area_of(ctx.intent), jdn) {
            return Some(plan);
        }
    }
    // "4월 7일이랑 4월 14일 중에 언제가 나아요?": the two dates weighed.
    let named = super::days::dates_named(&ctx.question, ctx.today);
    if let [a, b] = named[..] {
        // "제왕절개 날짜를 3월 5일이랑 3월 8일 중에": two babies' charts, not two days against the parent's.
        if let Some(plan) = super::birth_dates::plan(Some(chart), &ctx.question, a, b) {
            return Some(plan);
        }
    }
    // ("1월 7일, 11일, 14일 중에 언제가 나아요?": three or four days, the same way.)
    if (2..=4).contains(&named.len()) {
        // (The second person kept for this question: the days are for both.)
        if let Some(partner) = ctx.partner.as_ref().filter(|_| ctx.intent != Topic::Compatibility) {
            let names = [ctx.about.as_deref().unwrap_or("본인"), ctx.partner_about.as_deref().unwrap_or("상대분")];
            let people = [(chart, names[0]), (partner, names[1])];
            return Some(super::days::weigh_days_for(&people, &ctx.question, area_of(ctx.intent), &named));
        }
        return Some(super::days::weigh_days_for(&[(chart, "")], &ctx.question, area_of(ctx.intent), &named));
    }
    // "그날 말고 1월 5일도 된다는데 어디가 나아요?": the day just read weighed against the one named now.
    let weighs = ["어디가 나", "어느 날", "어느 쪽", "뭐가 나", "더 나아", "더 나을", "더 좋", "중에"]
        .iter()
        .any(|w| ctx.question.contains(w));
    if let (true, [b]) = (weighs, &super::days::dates_named(&ctx.question, ctx.today)[..]) {
        let last = ctx.history.iter().rev().find(|t| t.speaker == super::Speaker::Assistant);
        let head = last.map(|t| t.text.split("\n\n").next().unwrap_or("").to_string()).unwrap_or_default();
        if let [a] = super::days::dates_named(&head, ctx.today)[..] {
            if a != *b {
                // (The event is the one the day was read for: "최종면접" said a turn before.)
                let before = ctx.history.iter().rev().find(|t| t.speaker == super::Speaker::User);
                let said = format!("{} {}", before.map_or("", |t| t.text.as_str()), ctx.question);
                return Some(super::days::weigh_two(chart, &said, area_of(ctx.intent), a, *b));
            }
        }
    }
    if ctx.intent != Topic::TodayFortune {
        if let Some(day) = super::days::day_named(&ctx.question, ctx.today) {
            // (The second person kept for this question: the day is for both.)
            if let Some(partner) = ctx.partner.as_ref().filter(|_| ctx.intent != Topic::Compatibility) {
                let names = [ctx.about.as_deref().unwrap_or("본인"), ctx.partner_about.as_deref().unwrap_or("상대분")];
                let people = [(chart, names[0]), (partner, names[1])];
                return Some(super::days::day_for_two(&people, &ctx.question, area_of(ctx.intent), day));
            }
            return Some(super::days::day(chart, &ctx.question, area_of(ctx.intent), day));
        }
    }
    // A child's chart asked about marriage: not read as an adult's.
    if matches!(ctx.intent, Topic::Love | Topic::Timing(super::TimingTopic::Love))
        && ctx.year - super::timing::birth_year(chart) < 15
    {
        return Some(plans::child_love(chart, ctx.year));
    }
    // "유치원에서 친구랑 자꾸 싸운대요" about a child: the child's way with friends, not an adult's reading.
    if ctx.year - super::timing::birth_year(chart) < 15
        && ["친구", "또래", "왕따", "따돌"].iter().any(|w| ctx.question.contains(w))
        && !matches!(ctx.intent, Topic::Compatibility | Topic::Term)
    {
        return Some(plans::child_friends(chart, ctx.year));
    }
    // "사람 운은 어때요?", "직원 관리가 스트레스예요": the people around, even said with a sigh.
    if plans::asks_people(&ctx.question) && !matches!(ctx.intent, Topic::Compatibility | Topic::Term) {
        return Some(plans::people(chart, ctx.year, &ctx.question));
    }
    // "도화살 있나요?": the star named, yes or no, whatever the topic was read as (term questions were answered
    // before any plan).
    if matches!(ctx.intent, Topic::General | Topic::Personality | Topic::Love | Topic::Career) {
        if let Some(plan) = plans::shinsal_question(chart, &ctx.question) {
            return Some(plan);
        }
    }
    // "훈련소 가서 다칠까봐 걱정돼요", "엄마가 먼저 쓰러질까봐": a fear for someone's safety or health is answered
    // with the year's health for the chart read, not with comfort for the user's own exhaustion.
    if ctx.emotion && plans::fears_harm(&ctx.question) && !matches!(ctx.intent, Topic::Compatibility | Topic::Term) {
        let mut plan = plans::health_in_year(chart, year);
        plan.body.push_str(&format!("\n{}", wording::HARM_FEAR));
        return Some(plan);
    }
    // "유산했어요 … 제가 뭘 잘못해서 그런 걸까요": not her fault, first; then when to try again, with the doctor.
    let loss = wording::tells_a_loss(&ctx.question)
        || ctx.history.iter().any(|t| t.speaker == super::context::Speaker::User && wording::tells_a_loss(&t.text));
    if loss
        && ["잘못해서", "잘못한", "제 탓", "내 탓", "때문일까", "때문인가", "때문에 그런"]
            .iter()
            .any(|w| ctx.question.contains(w))
    {
        let years = plans::timing(chart, super::TimingTopic::Children, ctx.year, ctx.month);
        return Some(plans::Plan {
            head: wording::NOT_YOUR_FAULT_LOSS.to_string(),
            body: format!(
                "- 다시 아기를 갖는 때는 몸이 회복된 뒤 산부인과 선생님과 상의해 정하시면 돼요.\n- 사주로 보는 자녀 인연의 때는 이렇습니다: {}",
                years.head
            ),
        });
    }
    // "아빠가 지난달에 돌아가셨어요 … 제가 뭘 잘못해서 그런 건 아닐까요", "사주에 원래 나와 있었던 건가요?":
    // not their fault, and not written in a chart; then what helps now.
    if grieving(ctx) {
        let blame = [
            "잘못해서",
            "잘못한",
            "제 탓",
            "내 탓",
            "때문일까",
            "때문인가",
            "때문에 그런",
            "제가 더",
            "내가 더",
            "했더라면",
            "했으면",
        ]
        .iter()
        .any(|w| ctx.question.contains(w));
        let fate = ["나와 있", "나와있", "정해져", "정해진", "운명", "미리 알", "예정된"]
            .iter()
            .any(|w| ctx.question.contains(w));
        if blame || fate {
            let head = if blame { wording::NOT_YOUR_FAULT_DEATH } else { wording::DEATH_NOT_WRITTEN };
            let mut body = vec![
                "- 슬픔은 정해진 순서 없이 오르내려요. 잠과 끼니를 챙기고, 떠난 이를 함께 기억할 수 있는 사람과 이야기를 나누는 것이 도움이 됩니다.".to_string(),
            ];
            if blame {
                body.push(format!("- {}", wording::DEATH_NOT_WRITTEN));
            }
            body.push(format!("- {}", wording::GRIEF_HELP));
            return Some(plans::Plan { head: head.to_string(), body: body.join("\n") });
        }
    }
    // "쉰다면 몇 달이나 쉬어도 돼요?": how long, in months, until work carries again.
    if let Some(plan) = plans::rest_months(chart, &ctx.question, ctx.year, ctx.month) {
        return Some(plan);
    }
    // "다른 데선 올해 대박난다던데요?": why this reading differs, from this chart's own facts.
    if let Some(plan) = plans::pushback(chart, &ctx.question, area_with_history(ctx), year) {
        return Some(plan);
    }
    // "요즘 너무 힘들어요" with no question: the feeling first, then where the flow eases — for the user's own
    // chart only (a worry about a brother read from his chart is not the user's exhaustion), and never over a
    // question the plans did not know ("누가 더 힘들어요?", "A랑 B 중에 누가 나아요?").
    if ctx.emotion
        && ctx.intent == Topic::General
        && ctx.year_offset == 0
        && ctx.about.is_none()
        && !asks_lack(&ctx.question)
        && !wording::asks_a_question(&ctx.question)
    {
        return Some(plans::comfort(chart, ctx.year, &ctx.question));
    }
    // "딸이 너무 우울해해요 제가 뭘 해줘야 할까요": someone close who is low, and what helps them.
    let low = ["우울", "힘들어해", "힘들어 해", "방에서", "안 나와", "무기력", "울기만", "말을 안 해", "기운이 없"]
        .iter()
        .any(|w| ctx.question.contains(w));
    let helps = ["해줘야", "해 줘야", "해줄", "해 줄", "도와줘야", "도와줄", "어떻게 대해", "어떻게 해야", "뭘 해야"]
        .iter()
        .any(|w| ctx.question.contains(w));
    if low && helps {
        return Some(plans::support(chart, ctx.year));
    }
    // "엄마한테 뭐 해드리면 좋을까요?", "며느리로서 뭘 해드리면": care for the one read, whatever the topic.
    if ["해드리", "해 드리", "해드릴", "도와드리"].iter().any(|w| ctx.question.contains(w)) {
        return Some(plans::illness_care(chart, &ctx.question));
    }
    if let Some(plan) = follow_up_plan(ctx, chart) {
        return Some(plan);
    }
    // "올해는 그냥 버티는 게 맞나요?": this year against the area's best coming one.
    if plans::asks_endure(&ctx.question) && !matches!(ctx.intent, Topic::Love | Topic::Compatibility) {
        let area = ctx.intent.timing_area().unwrap_or(
            if ["회사", "직장", "일", "퇴사", "이직"].iter().any(|w| ctx.question.contains(w)) {
                super::TimingTopic::Career
            } else {
                super::TimingTopic::General
            },
        );
        return Some(plans::endure(chart, area, ctx.year));
    }
    // "이직 제안이 왔는데 가는 게 나을까요?": a lean first, then why and what to check.
    if let Some(plan) =
        super::decision::plan(chart, ctx.intent, &ctx.question, decision_year(ctx), decision_year(ctx) == ctx.year)
            .filter(|_| !wording::asks_pick(&ctx.question))
    {
        return Some(plan);
    }
    Some(match ctx.intent {
        // "이사는 언제?" then "내년은?": that year for the area.
        Topic::Timing(area) if ctx.year_offset != 0 && area != super::TimingTopic::General => {
            plans::area_in_year(chart, area, ctx.year, year)
        }
        // "그럼 올해 이사하면 좋아요?": this year for the area.
        Topic::Timing(area) if area != super::TimingTopic::General && says_this_year(&ctx.question) => {
            plans::area_in_year(chart, area, ctx.year, ctx.year)
        }
        Topic::Timing(area) => {
            let mut plan = plans::timing(chart, area, ctx.year, ctx.month);
            if ctx.question.contains("방향") {
                plan.body.push('\n');
                plan.body.push_str(&plans::direction_line(chart));
            }
            plan
        }
        Topic::Daeun => plans::daeun_road(chart, ctx.year),
        Topic::Samjae => {
            plans::samjae_follow_up(chart, ctx.year, &ctx.question).unwrap_or_else(|| plans::samjae(chart, year))
        }
        Topic::LateLife => plans::late_life(chart),
        // "엄마가 이겨내실 수 있을까요?", "제가 뭘 해드리면 좋을까요?": an illness's course is not the chart's to
        // tell; what helps is.
        Topic::Health if plans::asks_course_or_care(&ctx.question) => plans::illness_care(chart, &ctx.question),
        Topic::Health if ctx.year_offset != 0 || says_this_year(&ctx.question) => plans::health_in_year(chart, year),
        // ("제 적성은 뭐예요?" after a year's 직장운: the nature of the work, not that year again.)
        Topic::Career | Topic::Wealth | Topic::Love | Topic::Children | Topic::Study
            if (ctx.year_offset != 0 || says_this_year(&ctx.question))
                && (!asks_aptitude(&ctx.question) || wording::names_year(&ctx.question)) =>
        {
            let area = ctx.intent.timing_area()?;
            let mut plan = plans::area_in_year(chart, area, ctx.year, year);
            // "올해 연애운이랑 재물운 둘 다 알려주세요": every area named gets its year.
            for other in areas_named(&ctx.question).into_iter().filter(|a| *a != area) {
                let more = plans::area_in_year(chart, other, ctx.year, year);
                plan.body = format!("{}\n\n{}\n{}", plan.body, more.head, more.body);
            }
            plan
        }
        Topic::Children => plans::children(chart, ctx.year),
        Topic::Study => plans::study(chart, ctx.year),
        Topic::General | Topic::Personality if asks_lack(&ctx.question) => plans::elements(chart, &ctx.question),
        Topic::General => plans::overview(chart, ctx.year),
        _ => return None,
    })
}

/// The life areas a question names, in the order of the words listed ("연애운이랑 재물운 둘 다").
fn areas_named(question: &str) -> Vec<super::TimingTopic> {
    use super::TimingTopic as T;
    let words: [(T, &[&str]); 4] = [
        (T::Love, &["연애", "결혼운", "애정운"]),
        (T::Wealth, &["재물", "금전", "돈운"]),
        (T::Career, &["직업운", "직장운", "이직", "취업", "사업운"]),
        (T::Study, &["시험운", "공부운", "학업"]),
    ];
    words.iter().filter(|(_, ws)| ws.iter().any(|w| question.contains(w))).map(|(a, _)| *a).collect()
}

/// A question of time with a span the user set ("3년 안에", "2030년 전에", "35살 전에", "30대 안에"): the
/// best year inside it, for the question's life area (its own words, else the conversation's). A question
/// with no life area, or about a day or a month, is left to the other plans.
fn within_window(ctx: &AnswerContext, chart: &Chart) -> Option<plans::Plan> {
    let open = plans::open_year(ctx.year, ctx.month);
    let w = super::window::in_question(&ctx.question, super::timing::birth_year(chart), ctx.year, open)?;
    let area = match area_of(ctx.intent) {
        super::TimingTopic::General => area_with_history(ctx),
        a => a,
    };
    (area != super::TimingTopic::General).then(|| plans::timing_within(chart, area, ctx.year, ctx.month, &w))
}

/// Whether a question names a technical word of its own ("재성이 뭐예요?"): that word is explained, not the
/// last answer.
fn names_a_term(question: &str) -> bool {
    [
        "비견", "겁재", "식신", "상관", "정재", "편재", "정관", "편관", "정인", "편인", "재성", "관성", "인성", "식상",
        "비겁", "용신", "기신", "신약", "신강", "일간", "월지", "일지", "대운", "세운", "공망", "원진", "도화", "역마",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// The years an element comes in ("용신 들어오는 해", "물 기운 들어오는 때"), inside the span the question sets
/// (else the next ten), each with where it comes (stem, branch or both).
fn element_years(ctx: &AnswerContext, chart: &Chart) -> Option<plans::Plan> {
    use crate::saju::ganzhi::Element;
    let q = &ctx.question;
    let comes = ["들어오는", "드는 해", "드는 때", "들어올", "오는 해", "오는 때"].iter().any(|w| q.contains(w));
    if !comes {
        return None;
    }
    let element = if q.contains("용신") {
        chart.strength.favourable
    } else {
        let words: [(&[&str], Element); 5] = [
            (&["물 기운", "수 기운", "수(水)"], Element::Water),
            (&["불 기운", "화 기운", "화(火)"], Element::Fire),
            (&["나무 기운", "목 기운", "목(木)"], Element::Wood),
            (&["쇠 기운", "금 기운", "금(金)"], Element::Metal),
            (&["흙 기운", "토 기운", "토(土)"], Element::Earth),
        ];
        words.iter().find(|(ws, _)| ws.iter().any(|w| q.contains(w))).map(|(_, e)| *e)?
    };
    let open = plans::open_year(ctx.year, ctx.month);
    let w = super::window::in_question(q, super::timing::birth_year(chart), ctx.year, open);
    let (first, last) = w.as_ref().map_or((open, open + 9), |w| (w.first, w.last.max(w.first)));
    let name = format!("{}({})", element.hangul(), element.hanja());
    // Where a year's pillar brings the element: its stem, its branch, both; `None` when neither.
    let brings = |y: i32| {
        let gz = crate::saju::pillars::year_pillar(y);
        match (gz.stem().element() == element, gz.branch().element() == element) {
            (true, true) => Some((gz, "천간과 지지 모두")),
            (true, false) => Some((gz, "천간")),
            (false, true) => Some((gz, "지지")),
            (false, false) => None,
        }
    };
    let found: Vec<i32> = (first..=last).filter(|y| brings(*y).is_some()).collect();
    let years: Vec<String> = found
        .iter()
        .filter_map(|&y| {
            let (gz, at) = brings(y)?;
            Some(format!("- {y}년({}, {}세): {at}에 {name} 기운", gz.hangul(), y - super::timing::birth_year(chart)))
        })
        .collect();
    let span = w.as_ref().map_or("앞으로 10년 가운데".to_string(), |w| w.quoted());
    let head = if found.is_empty() {
        // The nearest one past the span, so the answer still names a year.
        let after = (last + 1..last + 12)
            .find_map(|y| brings(y).map(|(gz, _)| (y, gz)))
            .map_or(String::new(), |(y, gz)| format!(" 그 뒤로 가장 가까운 해는 {y}년({})입니다.", gz.hangul()));
        format!("{span} {name} 기운이 해의 글자로 뚜렷하게 들어오는 해는 없습니다.{after}")
    } else {
        let listed: Vec<String> = found.iter().map(|y| format!("{y}년")).collect();
        format!("{span} {name} 기운이 들어오는 해는 {}입니다.", listed.join("·"))
    };
    let mut body = years;
    body.push(format!(
        "- 해의 글자 말고도 대운과 달(월운)로도 기운은 들어오니, 그 해에는 {name} 기운을 살리는 생활을 더해 보세요."
    ));
    Some(plans::Plan { head, body: body.join("\n") })
}

/// The user told of a death in this conversation (a parent, a spouse, a pet): grief is in the room.
fn grieving(ctx: &AnswerContext) -> bool {
    wording::tells_a_death(&ctx.question)
        || ctx.history.iter().any(|t| t.speaker == super::context::Speaker::User && wording::tells_a_death(&t.text))
}

/// The life area a question's timing is read for: its own, or the whole flow.
fn area_of(topic: Topic) -> super::TimingTopic {
    match topic {
        Topic::Timing(a) => a,
        other => other.timing_area().unwrap_or(super::TimingTopic::General),
    }
}

/// The plan for a question that asks one slot: months or years named, the running or the next 대운, an age,
/// what to watch out for, the weak points, a body part.
fn follow_up_plan(ctx: &AnswerContext, chart: &Chart) -> Option<plans::Plan> {
    let q = ctx.question.as_str();
    let has = |words: &[&str]| words.iter().any(|w| q.contains(w));
    let area = area_of(ctx.intent);
    let whole_road = has(&[
        "흐름",
        "전부",
        "전체",
        "정리",
        "언제언제",
        "다 알려",
        "모두",
        "몇번째",
        "몇 번째",
        "쭉",
        "차례로",
        "순서대로",
    ]);
    // "지금 몇 번째 대운이야?": the running one counted.
    if ctx.intent == Topic::Daeun && has(&["몇 번째", "몇번째"]) {
        if let Some(count) = followups::daeun_count(chart, ctx.year) {
            // Asked with the whole road ("대운 흐름 좀요. 지금 몇번째인지도"): the count leads the road.
            if has(&["흐름", "전부", "전체", "정리"]) {
                let road = plans::daeun_road(chart, ctx.year);
                return Some(plans::Plan { head: format!("{} {}", count.head, road.head), body: road.body });
            }
            return Some(count);
        }
    }
    // "갑자대운은 어때요?": the cycle named, whatever the topic was read as.
    if let Some(plan) = followups::daeun_named(chart, q, ctx.year) {
        return Some(plan);
    }
    // "제일 좋은 대운은 언제예요?": the cycles ranked by the 용신 they bring.
    if ctx.intent == Topic::Daeun && has(&["제일 좋은", "가장 좋은", "좋은 대운", "최고", "황금기", "전성기"])
    {
        if let Some(plan) = followups::daeun_best(chart, ctx.year) {
            return Some(plan);
        }
    }
    // "내년에 대운 바뀌는 해라 힘들 거라던데 그렇소?": the claim judged (is it that year, is it hard), whatever
    // the topic was read as.
    if has(&["대운"]) && has(&["바뀌", "바뀐"]) && has(&["힘들", "안 좋", "나쁘", "고생", "조심해야", "위험"])
    {
        let asked = ctx.year + if ctx.year_offset != 0 { ctx.year_offset } else { 1 };
        if let Some(plan) = followups::daeun_change_claim(chart, ctx.year, asked) {
            return Some(plan);
        }
    }
    // "그 대운 바뀌면 뭐가 달라져요? 전체 흐름도 알려주세요": the change first, then the road.
    // (A follow-up only: "대운이 바뀌면 인생이 바뀐다던데 제 대운 좀 쭉 알려주세요" first asks for the road itself.)
    let road_shown = ctx.history.iter().any(|t| t.speaker == super::Speaker::Assistant && t.text.contains("대운"));
    if ctx.intent == Topic::Daeun && whole_road && road_shown && has(&["바뀌면", "바뀌고", "달라지", "달라져"])
    {
        if let Some(next) = followups::daeun_next(chart, ctx.year) {
            // (The road in one line: its cycles were listed before, and a repeat of those lines would be cut.)
            let road: Vec<String> = chart
                .daeun
                .pillars
                .iter()
                .map(|c| {
                    let now = (c.start_year..=c.end_year).contains(&ctx.year);
                    format!("{}({}~){}", c.hangul, c.start_year, if now { " ◀ 지금" } else { "" })
                })
                .collect();
            return Some(plans::Plan {
                head: next.head,
                body: format!("{}\n\n대운의 길 전체: {}", next.body, road.join(" → ")),
            });
        }
    }
    if ctx.intent == Topic::Daeun && !whole_road {
        if has(&["다음", "바뀌", "바꿔", "언제", "들어가면"]) {
            return followups::daeun_next(chart, ctx.year);
        }
        if has(&["지금", "현재", "이번", "좋은", "나쁜", "좋아", "나빠", "어떤 시기"]) {
            return followups::daeun_now(chart, ctx.year);
        }
    }
    if matches!(ctx.intent, Topic::Compatibility | Topic::Term) {
        return None;
    }
    // "전 올해 안에 나가고싶은데", "올해 한다면 몇 월이": the months left this year.
    // ("이직할까요 버틸까요? 올해 안에 결정해야 돼요" weighs a move; the decision answers it.)
    if let Some(area) =
        ctx.intent.timing_area().filter(|_| bounded_to_this_year(q) && !super::decision::weighs_a_move(q))
    {
        return Some(plans::within_this_year(chart, area, ctx.year, ctx.month, q));
    }
    // "상대가 나타나는 시기는 언제쯤이에요? 구체적으로요" after the years: the months of the best one.
    if let Topic::Timing(area) = ctx.intent {
        if has(&["구체적", "정확히", "콕 집어", "몇 월", "몇월", "어느 달"]) {
            let year = if ctx.year_offset != 0 {
                ctx.year + ctx.year_offset
            } else if has(&["몇 월", "몇월", "어느 달"]) {
                plans::year_for_months(chart, area, ctx.year, ctx.month)
            } else {
                plans::best_year(chart, area, ctx.year, ctx.month)
            };
            let head = plans::months(chart, area, year, q, (year == ctx.year).then_some(ctx.month));
            return Some(plans::Plan { head, body: String::new() });
        }
    }
    if has(&["시간 모르면", "시간을 모르면", "시각을 모르면", "시간 모르는데 괜찮", "시간이 없으면", "시주가 없으면"])
    {
        if let Some(plan) = followups::unknown_hour(chart) {
            return Some(plan);
        }
    }
    if asks_lack(q) && !matches!(ctx.intent, Topic::Health | Topic::Timing(_)) {
        return Some(plans::elements(chart, &ctx.question));
    }
    // "이번 달 전체로는요?" after a day's fortune: the month, not the day again.
    if ctx.intent == Topic::TodayFortune {
        let months = followups::months_named(q, ctx.year, ctx.month);
        if !months.is_empty() {
            return Some(followups::months_plan(chart, super::TimingTopic::General, &months));
        }
        return None;
    }
    if ctx.intent == Topic::Love
        && (has(followups::PARTNER_WORDS) || has(followups::PARTNER_KINDS) || has(&["될 사람"]))
    {
        return Some(followups::partner(chart));
    }
    let months = followups::months_named(q, ctx.year, ctx.month);
    // ("11월인데 그 전에 피해야 할 달 있어요?": the months to mind before it, not that month.)
    let to_mind = has(&["피해야", "피할", "조심할 달", "조심해야 할 달", "안 좋은 달", "나쁜 달"]);
    if !months.is_empty() && !to_mind {
        return Some(followups::months_plan(chart, area, &months));
    }
    if (asks_months(q) || to_mind) && !matches!(ctx.intent, Topic::Daeun) {
        // ("시험이 보통 11월인데 그 전에": the months named are the next exam's year, 2027.)
        // ("그 해 몇 월에 시험이 있으면 좋아요?": the year the last reply led with.)
        let that_year = has(&["그 해", "그해", "그때", "그 때"]).then(|| last_lead_year(ctx)).flatten();
        let year = match (months.first(), that_year) {
            (_, Some(y)) => y,
            (Some(&(y, _)), None) if ctx.year_offset == 0 => y,
            _ => ctx.year + ctx.year_offset,
        };
        return Some(plans::Plan {
            head: plans::months(chart, area, year, q, (year == ctx.year).then_some(ctx.month)),
            body: String::new(),
        });
    }
    let years = followups::years_named(q, ctx.year);
    if let [a, b, ..] = years.as_slice() {
        return Some(compare_plan(ctx, chart, *a, *b));
    }
    // "건강 특히 조심할 나이가 언제에요?": the years to mind, not the good ones.
    if has(&["몇 살", "몇살", "나이"]) && has(&["조심", "주의"]) {
        return Some(followups::cautions(chart, area, plans::open_year(ctx.year, ctx.month)));
    }
    if matches!(ctx.intent, Topic::Timing(_)) && has(&["몇 살", "몇살", "나이"]) {
        return Some(followups::ages(chart, area, plans::open_year(ctx.year, ctx.month)));
    }
    if has(&["창업", "장사", "자영업", "내 가게", "가게를", "사업을 해", "사업 해", "사업해"]) {
        return Some(followups::business(chart, plans::open_year(ctx.year, ctx.month)));
    }
    if !matches!(ctx.intent, Topic::Health | Topic::Samjae)
        && has(&["조심", "주의할", "주의해야", "피해야", "피할", "안 좋은 해", "나쁜 해"])
    {
        return Some(followups::cautions(chart, area, plans::open_year(ctx.year, ctx.month)));
    }
    if has(&["단점", "약점", "고칠 점", "고쳐야", "안 좋은 점"]) {
        if has(&["장점", "강점", "좋은 점"]) {
            return Some(followups::strengths_and_weaknesses(chart));
        }
        return Some(followups::weaknesses(chart));
    }
    if ctx.intent == Topic::Health {
        return followups::organ(chart, q);
    }
    None
}

/// The composed answer for a context with a chart. When everything it would say was said before in the
/// conversation (the same question again, or a follow-up it has no plan for), it goes deeper instead.
fn narrate(ctx: &AnswerContext, chart: &Chart) -> String {
    // "아 잠깐 시간 잘못 말했어요 6시 반이래요": the corrected chart answers the question asked before it (its
    // words without the numbers, so the old birth is not read as a date asked about).
    let again;
    let ctx = match ctx.history.iter().rev().find(|t| t.speaker == super::Speaker::User) {
        Some(prev) if birth_corrected(ctx, chart) && !ctx.question.contains('?') => {
            let words: Vec<&str> =
                prev.text.split_whitespace().filter(|w| !w.chars().any(|c| c.is_ascii_digit())).collect();
            let mut c = ctx.clone();
            c.question = format!("{} {}", words.join(" "), ctx.question);
            again = c;
            // Said again with the new facts; what would repeat a sentence of the conversation is left out.
            let said = said_before(&again.history);
            let (text, ..) = narrate_with(&again, chart, &said, false, false);
            let text = without_said(&text, &said);
            let (first, rest) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
            // More than the line saying what the correction changed.
            if has_substance(if first.starts_with("말씀하신 대로 고쳐") { rest } else { &text }) {
                return text;
            }
            &again
        }
        _ => ctx,
    };
    let said = said_before(&ctx.history);
    // An answer whose headline was said before would leave only leftovers: it goes deeper instead.
    let (text, fresh, planned) = narrate_with(ctx, chart, &said, false, false);
    if fresh && has_substance(&text) {
        return text;
    }
    // The same "언제?" again ("새로운 사람은 언제 만나요?" after the years): the nearest good year narrowed to
    // its months, before any recap.
    if let (false, true, Topic::Timing(area)) = (fresh, planned, ctx.intent) {
        let asks_when = ["언제", "시기", "몇 년", "몇 살", "몇살"].iter().any(|w| ctx.question.contains(w));
        if area != super::TimingTopic::General && !asks_why(ctx) && asks_when {
            let year = plans::best_year(chart, area, ctx.year, ctx.month);
            let months = plans::months(chart, area, year, &ctx.question, (year == ctx.year).then_some(ctx.month));
            let first = sentences_of(&months).first().map(|s| clean(s)).unwrap_or_default();
            if !said.contains(&first) {
                return format!("앞서 꼽은 해 가운데 가까운 {year}년을 달로 좁혀 볼게요.\n\n{months}");
            }
        }
    }
    // A planned answer asked again ("4월에 계약이 있는데" after "다음 달 운세"): the same answer, recalled as
    // such, rather than a deeper reading of something else.
    if !fresh && planned && !asks_detail(ctx) && !asks_why(ctx) {
        let (recap, ..) = narrate_with(ctx, chart, &said, false, true);
        if has_substance(&recap) {
            return recap;
        }
    }
    let (deeper, ..) = narrate_with(ctx, chart, &said, true, false);
    if has_substance(&deeper) {
        return deeper;
    }
    // Nothing new in the topic's own reading: another side of it not said yet (this year for the area, what to
    // do, the running 대운), before saying it was all said.
    for plan in other_sides(ctx, chart) {
        let text = without_said(&format!("{}\n\n{}", plan.head, plan.body), &said);
        if has_substance(&text) && !said.contains(&clean(sentences_of(&plan.head).first().map_or("", |s| s.as_str()))) {
            return text;
        }
    }
    wording::ALREADY_SAID.to_string()
}

/// Other sides of the conversation's topic, in the order a 상담가 would turn to them when the reading itself
/// was said: this year for the area (or health in this year), what to do now, the running 대운.
fn other_sides(ctx: &AnswerContext, chart: &Chart) -> Vec<plans::Plan> {
    let mut out = Vec::new();
    match ctx.intent {
        Topic::Health => out.push(plans::health_in_year(chart, ctx.year)),
        topic => {
            if let Some(area) = topic.timing_area().filter(|a| *a != super::TimingTopic::General) {
                out.push(plans::area_in_year(chart, area, ctx.year, ctx.year));
            }
        }
    }
    out.push(plans::advice(chart, ctx.intent, plans::open_year(ctx.year, ctx.month)));
    out.extend(followups::daeun_now(chart, ctx.year));
    out
}

/// More than footnote marks and a line or two of leftovers.
fn has_substance(text: &str) -> bool {
    text.chars().filter(|c| !is_mark(*c) && !c.is_whitespace()).count() >= 40
}

/// A footnote mark (¹ … ⁹).
fn is_mark(c: char) -> bool {
    MARKS.iter().any(|m| m.starts_with(c))
}

/// The answer, whether its headline is new to the conversation, and whether a plan gave it.
fn narrate_with(
    ctx: &AnswerContext,
    chart: &Chart,
    said: &std::collections::HashSet<String>,
    deeper: bool,
    recap: bool,
) -> (String, bool, bool) {
    let p = &chart.pillars;
    let s =
        seed(&[p.year.hangul, p.month.hangul, p.day.hangul, p.hour.as_ref().map_or("", |h| h.hangul), &ctx.question]);
    let pillars = pillars_in_words(chart);
    let (detail, why) = (deeper || asks_detail(ctx), asks_why(ctx));
    // "올해 왜 이렇게 힘들었을까요?", "그럼 올해 일이 꼬였던 건 왜일까요?": the year looked back on, with what struck
    // the chart in it — whether or not it follows an answer.
    let hard_year = super::hard_year::asked(&ctx.question, ctx.year).filter(|_| ctx.partner.is_none());
    let why = why && hard_year.is_none();
    let topic_plan = match hard_year {
        Some(year) => Some(super::hard_year::plan(chart, year, ctx.year)),
        None if why => None,
        None => plan_for(ctx, chart),
    };
    let planned = topic_plan.is_some();
    let plan = if why {
        // "왜요?": the year this question names, else the first year the last reply led with ("가까이는 2027년").
        let named = Some(ctx.year + ctx.year_offset).filter(|_| ctx.year_offset != 0).or_else(|| last_lead_year(ctx));
        // (A reply that named no year — a personality, an aptitude, a 궁합 — is explained from its own facts.)
        let last = ctx.history.iter().rev().find(|t| t.speaker == super::Speaker::Assistant);
        let timing_read = named.is_some() && ctx.intent.timing_area().is_some();
        let grounds = last.filter(|_| !timing_read).and_then(|t| followups::grounds_of(chart, &t.text));
        grounds.or_else(|| {
            Some(plans::why(chart, ctx.intent, plans::open_year(ctx.year, ctx.month), named, &ctx.question))
        })
    } else if asks_advice(ctx) && gambled_before(ctx) {
        // "그럼 어떻게 해야 돼요? 와이프한테는 아직 말 못했어요" after a betting debt: the way out, not colours.
        Some(plans::Plan {
            head: wording::GAMBLING_WAY_OUT_HEAD.to_string(),
            body: wording::GAMBLING_WAY_OUT.to_string(),
        })
    } else if asks_advice(ctx) && !advises_a_relation(ctx) {
        Some(plans::advice(chart, ctx.intent, plans::open_year(ctx.year, ctx.month)))
    } else {
        topic_plan
    };
    let (head, reading) = match plan {
        Some(plan) => (plan.head, plan.body),
        None => fortune_reading(ctx, chart, s).unwrap_or_else(|| topic_reading(ctx.intent, chart, ctx.year)),
    };
    let mut parts = Vec::new();
    let gambling = ctx.caution.as_deref() == Some(wording::GAMBLING);
    if gambling {
        parts.push(wording::GAMBLING.to_string());
    } else if wording::asks_pick(&ctx.question) {
        parts.push(wording::NO_PICK.to_string());
    }
    if ctx.emotion {
        parts.push(wording::feeling_line(&ctx.question, s).to_string());
    }
    if wording::asks_if_fated(&ctx.question) {
        parts.push(wording::NOT_FATED.to_string());
    }
    // "… 자녀운이 있나요? 참고로 저 뱀띠예요" for a 용띠 born before 입춘: the 띠 set right in passing.
    // "걔는 자기 양띠래요" in a 궁합: the partner's 띠, checked against the partner's chart.
    let partner_claim = ctx.partner.as_ref().filter(|_| super::questions::claims_partner_zodiac(&ctx.question));
    match partner_claim {
        Some(p) => parts
            .extend(super::questions::zodiac_note(p, &ctx.question).map(|n| n.replacen("아니요, ", "상대분은 ", 1))),
        None => parts.extend(super::questions::zodiac_note(chart, &ctx.question)),
    }
    // (Said once: a plan that leads with it — "저 단명한다던데" — already has.)
    if ctx.intent == Topic::Health
        && ["단명", "수명", "오래 살", "명이 짧"].iter().any(|w| ctx.question.contains(w))
        && !head.starts_with(wording::LIFESPAN)
    {
        parts.push(wording::LIFESPAN.to_string());
    }
    // A move weighed now ("이직 제안이 왔는데 가는 게 나을까요?") is about this year, whatever year came before.
    let now_question = super::decision::weighs_a_move(&ctx.question) && ctx.intent != Topic::Compatibility;
    // The year said first only when this message names it: a year carried from an earlier turn ("내후년이
    //좋을까요" then "아들 딸도 사주로 나와요?") is not this question's.
    let asked_year = ctx.year + ctx.year_offset;
    let year_said_here =
        ["내년", "후년", "작년", "재작년", "다음 해", "다음해", "그다음", "그 다음", "그 전 해", "그전 해"]
            .iter()
            .any(|w| ctx.question.contains(w))
            || ctx.question.contains(&asked_year.to_string())
            || ctx.question.contains(&format!("{:02}년", asked_year % 100));
    // (Two dates weighed — "내년 2월 9일이랑 3월 2일 중에" — name their year already.)
    let dates_weighed = super::days::dates_named(&ctx.question, ctx.today).len() >= 2;
    if ctx.year_offset != 0
        && year_said_here
        && !now_question
        && !dates_weighed
        // (A reply about two charts names its years for both; "이 사주에" would be one of them.)
        && ctx.partner.is_none()
        && !says_this_year(&ctx.question)
        // ("엄마 내년 넘기실 수 있을까요": an illness's course is not read from a year.)
        && !(ctx.intent == Topic::Health && plans::asks_course_or_care(&ctx.question))
        && !head.contains(&format!("{}년", ctx.year + ctx.year_offset))
    {
        parts.push(plans::year_note(chart, ctx.year + ctx.year_offset));
    }
    let head = if recap { format!("앞서 말씀드린 대로, {head}") } else { head };
    let fresh = sentences_of(&head).iter().any(|s| s.chars().count() < MIN_REPEAT || !said.contains(s));
    parts.push(head);
    // The 삼재 worried about beside the question, after its answer.
    if ctx.question.contains("삼재") && ctx.intent != Topic::Samjae {
        parts.push(plans::samjae_note(chart, ctx.year));
    }
    // The chart itself is shown once per conversation, in one short line: the pillars, the day master, its
    // strength and the 용신 (the reading says where a call is an estimate; this line stays plain facts).
    let shown_before =
        |p: &str| ctx.history.iter().any(|t| t.speaker == super::Speaker::Assistant && t.text.contains(p));
    if let (Some(about), Some(other), Some(partner)) = (&ctx.about, &ctx.partner_about, &ctx.partner) {
        // Two people, neither the user: both named, with their pillars.
        let first = crate::saju::josa::with_particle(&format!("{about}({pillars})"), "과", "와");
        parts.insert(0, format!("{first} {other}({})의 사주로 볼게요.", pillars_in_words(partner)));
    } else if let Some(about) = &ctx.about {
        parts.insert(0, format!("{about}의 사주({pillars})로 볼게요."));
    } else if let Some(old) = corrected_from(ctx).filter(|old| *old != pillars) {
        // "아 양력 아니고 음력이에요": the correction is said, with what it changed.
        parts.insert(
            0,
            format!("말씀하신 대로 고쳐 다시 뽑았어요. 원국이 {old}에서 {} 바뀌었습니다.", {
                // "…무술일(시주 모름)로": the particle follows the spoken pillars, after the gloss.
                let spoken = pillars.trim_end_matches("(시주 모름)").trim();
                let with = crate::saju::josa::with_ro(spoken);
                let gloss = if pillars.ends_with("(시주 모름)") { "(시주 모름)" } else { "" };
                format!("{spoken}{gloss}{}", &with[spoken.len()..])
            }),
        );
    } else if !shown_before(&pillars) || ctx.partner.as_ref().is_some_and(|p| !shown_before(&pillars_in_words(p))) {
        // The headline may have said the day master, strength and 용신 already: then the pillars alone.
        let head_said = parts.iter().any(|p| p.contains("용신은") && p.contains(chart.day_master.name.as_str()));
        let mut grounds = if head_said {
            format!("{GROUNDS}{pillars}입니다.")
        } else {
            format!(
                "{GROUNDS}{pillars}, {} 일간의 {} 사주로 용신은 {}({})입니다.",
                chart.day_master.name,
                chart.strength.verdict.hangul(),
                chart.strength.favourable.hangul(),
                chart.strength.favourable.hanja()
            )
        };
        if let Some(partner) = &ctx.partner {
            let named = |name: &str| crate::saju::josa::with_particle(name, "은", "는");
            grounds = format!(
                "두 분의 원국은 {} {pillars}의 {} 일간, {} {}의 {} 일간입니다.",
                named(ctx.about.as_deref().unwrap_or("본인")),
                chart.day_master.name,
                named(ctx.partner_about.as_deref().unwrap_or("상대")),
                pillars_in_words(partner),
                partner.day_master.name
            );
        }
        parts.push(grounds);
    }
    if !reading.is_empty() {
        parts.push(reading);
    }
    if detail {
        // The opening varies, so a second "더 자세히" still says what it goes deeper into.
        let label = crate::saju::josa::with_particle(ctx.intent.label(), "을", "를");
        let openings = [format!("{label} 조금 더 깊이 볼게요."), format!("{label} 한 걸음 더 들어가 볼게요.")];
        let opening = openings.iter().find(|o| !said.contains(o.as_str())).unwrap_or(&openings[0]);
        let quotes = woven(ctx, chart, said, MAX_QUOTED_DETAIL, 3);
        if !quotes.is_empty() {
            parts.push(opening.clone());
            parts.extend(quotes);
        }
    } else if !why {
        // A plan's body is the answer: it stands alone, but for the overview of a chart just given, which
        // quotes one passage about it; a reading gets its quotes woven in.
        // A child's chart: the passages on a year's money, work and love are written for adults.
        let child = ctx.year - super::timing::birth_year(chart) < 13;
        let quotes = match (planned, ctx.intent) {
            (false, Topic::YearFortune | Topic::Career | Topic::Wealth | Topic::Love) if child => 0,
            (false, Topic::Personality | Topic::General | Topic::Career) => WOVEN_PASSAGES,
            (false, _) => WOVEN_PASSAGES_OTHER,
            (true, Topic::General)
                if !ctx.emotion
                    && !grieving(ctx)
                    && !asks_lack(&ctx.question)
                    && super::questions::plan(chart, &ctx.question).is_none() =>
            {
                1
            }
            (true, _) => 0,
        };
        parts.extend(woven(ctx, chart, said, quotes, 2));
    }
    // "궁합이랑 결혼하기 좋은 해 같이 봐주세요": the years, after the match.
    if ctx.intent == Topic::Compatibility
        && ctx.partner.is_some()
        && ["좋은 해", "언제", "시기", "몇 년"].iter().any(|w| ctx.question.contains(w))
        && ["결혼", "혼인", "식 올"].iter().any(|w| ctx.question.contains(w))
    {
        let t = plans::timing(chart, super::TimingTopic::Love, ctx.year, ctx.month);
        parts.push(format!("결혼하기 좋은 해로 보면, 나의 사주에서 {}", t.head.trim_start_matches("결혼·연애운은 ")));
        parts.push(t.body);
    }
    let schools: Vec<&str> =
        ctx.findings.iter().filter(|f| f.code.starts_with("plugin:")).take(3).map(|f| f.text.as_str()).collect();
    if !schools.is_empty() {
        parts.push(format!("설치된 해석 플러그인의 읽기도 덧붙입니다. {}", schools.join(" / ")));
    }
    // "만세력마다 달라요" was answered with the conventions themselves: the notes would say them again.
    // "결혼식을 내년 5월 16일로 잡았는데 궁합이랑 날짜 괜찮은지": the day, against both charts, after the 궁합.
    if let Some(partner) = ctx.partner.as_ref().filter(|_| ctx.intent == Topic::Compatibility) {
        let names = [ctx.about.as_deref().unwrap_or("본인"), ctx.partner_about.as_deref().unwrap_or("상대분")];
        if let Some(day) = super::days::wedding_day(&[(chart, names[0]), (partner, names[1])], &ctx.question, ctx.today)
        {
            parts.push(format!("{}\n{}", day.head, day.body));
        }
    }
    let midnight = super::questions::midnight_read(chart, &ctx.question);
    if !super::questions::sites_differ(&ctx.question) {
        // ("밤 12시" read as the next day's 0시 says the other day pillar itself: not the 자시 note as well.)
        let notes = conventions::notes(chart);
        parts.extend(notes.into_iter().filter(|n| midnight.is_none() || !n.starts_with("자시(子時)에 태어나")));
    }
    parts.extend(midnight);
    parts.extend(super::questions::approximate_time_read(chart, &ctx.question));
    parts.extend(super::questions::zodiac_told(chart, &ctx.question, "말씀하신 ", true));
    if let Some(p) = ctx.partner.as_ref() {
        parts.extend(super::questions::zodiac_told(p, &ctx.question, "상대분의 ", false));
    }
    if ctx.partner.as_ref().is_some_and(|c| c.pillars.hour.is_none()) {
        parts.push(wording::PARTNER_WITHOUT_HOUR.to_string());
    }
    if let Some(c) = ctx.caution.as_ref().filter(|_| !gambling) {
        let repeated = sentences_of(c).iter().any(|x| said.contains(x));
        parts.push(if repeated { wording::caution_again(c).to_string() } else { c.clone() });
    }
    (without_said(&parts.join("\n\n"), said), fresh, planned)
}

/// A correction that changed what the chart is read from: other pillars than the ones shown before, or the
/// gender told after a reading without it.
fn birth_corrected(ctx: &AnswerContext, chart: &Chart) -> bool {
    let gender_told = chart.gender().is_some()
        && ctx
            .history
            .iter()
            .any(|t| t.speaker == super::Speaker::Assistant && t.text.contains(wording::READ_WITHOUT_GENDER));
    corrected_from(ctx).is_some_and(|old| old != pillars_in_words(chart) || gender_told)
}

/// The pillars shown before a message that corrects the birth ("아 양력 아니고 음력이에요", "시간은 사실 모르겠어요").
fn corrected_from(ctx: &AnswerContext) -> Option<String> {
    const CORRECTS: &[&str] = &["아니고", "아니라", "아니에요", "정정", "잘못", "사실", "모르겠", "몰라요", "틀렸"];
    // "남편은 80년 음력 9월 9일생이고 시간은 몰라요": someone else's birth told, not the user's corrected.
    let someone_else = [
        "남편은",
        "아내는",
        "와이프는",
        "남친은",
        "여친은",
        "엄마는",
        "아빠는",
        "아들은",
        "딸은",
        "그 사람은",
        "친구는",
    ]
    .iter()
    .any(|w| ctx.question.contains(w));
    if ctx.partner.is_some() || someone_else || !CORRECTS.iter().any(|w| ctx.question.contains(w)) {
        return None;
    }
    let last = ctx.history.iter().rev().find(|t| t.speaker == super::Speaker::Assistant && t.text.contains(GROUNDS))?;
    let after = last.text.split(GROUNDS).nth(1)?;
    Some(after.split([',', '\n']).next()?.trim().trim_end_matches("입니다.").to_string())
}

/// How the chart is first shown in a conversation ("원국은 경오년 신사월 정축일 무신시, …").
const GROUNDS: &str = "원국은 ";

/// Passages quoted at most when the user asks to go deeper.
const MAX_QUOTED_DETAIL: usize = 4;

/// The sentences of a text as a conversation is checked for repeats: split after `.`, `?`, `!` and at
/// line breaks, list markers trimmed.
pub fn sentences_of(text: &str) -> Vec<String> {
    text.split('\n').flat_map(pieces).map(clean).filter(|s| s.chars().count() > 1).collect()
}

/// A line cut after each `.`, `?` and `!`, the punctuation kept, and the rest of the line last.
fn pieces(line: &str) -> impl Iterator<Item = &str> {
    line.split_inclusive(['.', '?', '!'])
}

fn clean(s: &str) -> String {
    s.trim().trim_start_matches(['-', '·', '•', '*', ' ']).trim().to_string()
}

/// Sentences the assistant already said in this conversation (long enough to matter).
fn said_before(history: &[super::HistoryTurn]) -> std::collections::HashSet<String> {
    history
        .iter()
        .filter(|t| t.speaker == super::Speaker::Assistant)
        .flat_map(|t| sentences_of(&t.text))
        .filter(|s| s.chars().count() >= MIN_REPEAT)
        .collect()
}

/// Sentences shorter than this may repeat ("근거:" labels, a year).
const MIN_REPEAT: usize = 12;

/// `text` without the sentences already said; lines left empty go, and so do blank runs.
fn without_said(text: &str, said: &std::collections::HashSet<String>) -> String {
    if said.is_empty() {
        return text.to_string();
    }
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let mut kept = String::new();
        // A footnote mark goes with the sentence before it.
        let mut dropped = false;
        for piece in pieces(line) {
            let c = clean(piece);
            let only_marks = !c.is_empty() && c.chars().all(is_mark);
            let repeated = c.chars().count() >= MIN_REPEAT && said.contains(&c);
            if !(repeated || (only_marks && dropped)) {
                kept.push_str(piece);
            }
            if !only_marks {
                dropped = repeated;
            }
        }
        let k = kept.trim();
        if line.trim().is_empty() || !clean(k).is_empty() {
            lines.push(if line.trim_start().starts_with("- ") && !k.starts_with("- ") && !k.is_empty() {
                format!("- {k}")
            } else {
                k.to_string()
            });
        }
    }
    let joined = lines.join("\n");
    let mut out = String::new();
    for part in joined.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    /// A crisis over debt gets the care and the crisis lines first, then where the debt is worked out for free.
    #[test]
    fn a_crisis_over_debt_adds_the_debt_help_after_the_care() {
        let text = "코인이랑 카드론으로 빚이 1억 가까이 돼요. 솔직히 요즘은 그냥 다 놓고 사라지고 싶다는 생각만 들어요";
        let r = super::small_talk(super::Topic::Crisis, text, false, &[]);
        let (care, debt) = (r.find("109").expect("the crisis line"), r.find("1600-5500").expect("the debt line"));
        assert!(care < debt && r.contains("1397"), "{r}");
        assert!(!super::small_talk(super::Topic::Crisis, "다 그만두고 싶어요", false, &[]).contains("1600-5500"));
    }
}
