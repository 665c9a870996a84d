//! Answer plans: for the questions whose answer is a fact of time — when (the timing engine's best years),
//! the 대운 road, a year for a life area, 삼재, 말년 — what the reply must contain, filled from the chart.
//! Each plan gives a headline that states the answer and a body of chart facts; `compose` adds the
//! grounds, the quotes, the conventions and the cautions.

use super::timing::{area_name, best, caution_text, score_years, YearScore};
use super::topic::TimingTopic;
use super::window::Window;
use crate::saju::chart::model::{Chart, DaeunPillarView};
use crate::saju::derive::{TenGod, TenGodGroup};
use crate::saju::ganzhi::{Branch, GanZhi};
use crate::saju::josa::{with_particle, with_ro};
use crate::saju::pillars::year_pillar;

/// A headline and the body under it.
pub struct Plan {
    pub head: String,
    pub body: String,
}

/// The years a timing answer looks over.
pub const TIMING_YEARS: u32 = 10;

/// What a ten-god group brings for ten years (or a year), in a few words.
pub fn group_line(group: TenGodGroup) -> &'static str {
    match group {
        TenGodGroup::BiGeop => "자기 힘과 독립심이 커지고 사람과 경쟁이 늘어나는 때",
        TenGodGroup::SikSang => "재능과 표현을 펼치고 새 일을 벌이는 때",
        TenGodGroup::JaeSeong => "재물과 현실의 성과를 챙기는 때",
        TenGodGroup::GwanSeong => "직장·책임·명예가 앞에 서는 때",
        TenGodGroup::InSeong => "배움과 자격, 윗사람의 도움이 들어오는 때",
    }
}

/// What a ten-god group brings to a year of someone `age` years old: a child's year is read for a child
/// (friends, play, rules, learning), not for a job or money.
pub fn group_line_at(group: TenGodGroup, age: i32) -> &'static str {
    if age >= 13 {
        return group_line(group);
    }
    match group {
        TenGodGroup::BiGeop => "친구와 어울리고 자기 주장이 커지는 때",
        TenGodGroup::SikSang => "말과 놀이, 재능이 피어나는 때",
        TenGodGroup::JaeSeong => "바깥 활동과 호기심이 넓어지는 때",
        TenGodGroup::GwanSeong => "규칙과 단체 생활을 익히는 때",
        TenGodGroup::InSeong => "배우고 보살핌을 듬뿍 받는 때",
    }
}

/// What a ten-god group stands for, as a noun phrase.
pub fn group_noun(group: TenGodGroup) -> &'static str {
    match group {
        TenGodGroup::BiGeop => "자기 힘과 사람",
        TenGodGroup::SikSang => "재능과 표현",
        TenGodGroup::JaeSeong => "재물과 현실 감각",
        TenGodGroup::GwanSeong => "책임과 명예",
        TenGodGroup::InSeong => "배움과 도움",
    }
}

pub(super) fn group_of(name: &str) -> Option<TenGodGroup> {
    TenGod::from_hangul(name).map(TenGod::group)
}

pub fn reasons_text(s: &YearScore, n: usize) -> String {
    let all: Vec<&String> = s.reasons.iter().collect();
    match merged_reasons(&all, n).as_slice() {
        [] => format!("천간 {}·지지 {}의 기운이 듭니다", s.stem_ten_god, s.branch_ten_god),
        items => said_together(items, "듭니다"),
    }
}

/// What makes a year good, for a list of the best years: the helping reasons only (a burden the year also
/// carries is not a reason it was picked), else all of them.
fn helping_text(s: &YearScore, n: usize) -> String {
    let helping: Vec<&String> = s.reasons.iter().filter(|r| !is_burden(r)).collect();
    if helping.is_empty() {
        return reasons_text(s, n);
    }
    said_together(&merged_reasons(&helping, n), "듭니다")
}

/// Reasons in words, those meaning the same (the 용신 in the stem and in the branch) said once with both facts:
/// "이 사주에 필요한 화(火) 기운"; at most `n`.
pub(super) fn merged_reasons(reasons: &[&String], n: usize) -> Vec<String> {
    let mut merged: Vec<(String, Vec<String>)> = Vec::new();
    for r in reasons {
        let (fact, meaning) = r.split_once(" — ").unwrap_or((r.as_str(), ""));
        match merged.iter_mut().find(|(m, _)| !m.is_empty() && m == meaning) {
            Some((_, facts)) => facts.push(fact.to_string()),
            None => merged.push((meaning.to_string(), vec![fact.to_string()])),
        }
    }
    merged
        .iter()
        .take(n)
        .map(|(meaning, facts)| {
            if meaning.is_empty() {
                facts.join(", ")
            } else {
                reason_in_words(&format!("{} — {meaning}", facts.join(", ")))
            }
        })
        .collect()
}

/// Items said as one clause ending on `verb`: "A가 듭니다", "A와 B가 함께 듭니다".
fn said_together(items: &[String], verb: &str) -> String {
    match items {
        [] => String::new(),
        [one] => format!("{} {verb}", with_particle(one, "이", "가")),
        [rest @ .., last] => {
            let joined = rest.join(", ");
            format!("{} {} 함께 {verb}", with_particle(&joined, "과", "와"), with_particle(last, "이", "가"))
        }
    }
}

/// A reason that weighs on a year rather than helping it (a 기신, money going out).
fn is_burden(reason: &str) -> bool {
    ["부담", "흩어지기", "나가는 돈", "나눠 쓰는"].iter().any(|w| reason.contains(w))
}

/// Reasons said as one clause ending on `verb`, the same meaning once: "A(…)가 듭니다", "A(…)와 B(…)가 함께
/// 있어".
fn join_reasons(reasons: &[&String], verb: &str) -> String {
    said_together(&merged_reasons(reasons, 3), verb)
}

/// A timing reason ("천간 병: 편관 — 도전과 변동, 새 자리의 별") as the reply says it: what it means first, the
/// chart fact after it in brackets ("도전과 변동, 새 자리의 별(천간 병·편관)").
pub fn reason_in_words(reason: &str) -> String {
    let Some((fact, meaning)) = reason.split_once(" — ") else { return reason.to_string() };
    // The 용신 or 기신 in a stem or a branch: the meaning names the element, the label adds nothing.
    if ["용신 ", "기신 "].iter().any(|w| fact.contains(w)) {
        return meaning.to_string();
    }
    // "천간 병: 식신" → "병화·식신": the character with its element, as people say it, and its ten god.
    let fact = fact
        .split(", ")
        .map(|part| {
            let said = |name: &str, god: &str| -> Option<String> {
                let el = crate::saju::ganzhi::Stem::parse(name)
                    .map(|s| s.element())
                    .or_else(|| crate::saju::ganzhi::Branch::parse(name).map(|b| b.element()))?;
                Some(format!("{name}{}·{god}", el.hangul()))
            };
            part.strip_prefix("천간 ")
                .or_else(|| part.strip_prefix("지지 "))
                .and_then(|rest| rest.split_once(": "))
                .and_then(|(name, god)| said(name, god))
                .unwrap_or_else(|| part.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut fact = fact.replace(": ", "·").replace("천간이 ", "천간 ").replace("지지가 ", "지지 ");
    // "용신 화(火)" → "용신 화": no brackets inside the bracket.
    while let (Some(open), Some(close)) = (fact.find('('), fact.find(')')) {
        if close < open {
            break;
        }
        fact.replace_range(open..=close, "");
    }
    format!("{meaning}({fact})")
}

/// The years from `this_year` (or `year`, when it is earlier) through `year` and at least the next ten, scored
/// for `area`: what a reading of one year weighs it against.
fn scores_through(chart: &Chart, area: TimingTopic, this_year: i32, year: i32) -> Vec<YearScore> {
    score_years(chart, area, this_year.min(year), TIMING_YEARS.max((year - this_year + 1) as u32))
}

/// The running 대운 in `year`, and the one after it.
pub fn daeun_at(chart: &Chart, year: i32) -> (Option<&DaeunPillarView>, Option<&DaeunPillarView>) {
    let p = &chart.daeun.pillars;
    match p.iter().position(|c| c.start_year <= year && year <= c.end_year) {
        Some(i) => (p.get(i), p.get(i + 1)),
        None => (None, p.iter().find(|c| c.start_year > year)),
    }
}

/// The 용신 or 기신 a 대운 pillar brings, as a few words ("용신 화(火)가 드는 운").
pub(super) fn fit(chart: &Chart, c: &DaeunPillarView) -> Option<String> {
    let gz = GanZhi::parse(c.hangul)?;
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    let els = [gz.stem().element(), gz.branch().element()];
    let word = |e: crate::saju::ganzhi::Element| with_particle(&format!("{}({})", e.hangul(), e.hanja()), "이", "가");
    if els.contains(&fav) {
        Some(format!("용신 {} 드는 운", word(fav)))
    } else if els.contains(&unfav) {
        Some(format!("기신 {} 드는 운", word(unfav)))
    } else {
        None
    }
}

/// The age a 대운 begins at, as charts print it (the 대운수, then every ten years).
pub(super) fn daeun_age(chart: &Chart, i: usize) -> u32 {
    chart.daeun.number + 10 * i as u32
}

/// The first year a plan made today can still use: this one, or the next from November on, when the weeks
/// left cannot hold a wedding, a move or a new job (a 상담가 asked "언제" in December starts with next year).
pub fn open_year(this_year: i32, month: u32) -> i32 {
    if month >= 11 {
        this_year + 1
    } else {
        this_year
    }
}

/// "언제 …?": the best years of the next ten for `area`, with their reasons, counted from the first year a plan
/// made in `month` can still use.
pub fn timing(chart: &Chart, area: TimingTopic, today_year: i32, month: u32) -> Plan {
    let this_year = open_year(today_year, month);
    let scores = score_years(chart, area, this_year, TIMING_YEARS);
    let mut top = nearest_best(&scores, this_year, 3);
    let by_score = strongest_two(&top, this_year);
    let name = area_name(area);
    let strongest = match by_score.as_slice() {
        [a, b, ..] => format!("{}년({})과 {}년({})", a.year, a.pillar_hangul, b.year, b.pillar_hangul),
        [a] => format!("{}년({})", a.year, a.pillar_hangul),
        [] => String::new(),
    };
    // When the strongest years are all four or more years off, a 상담가 says what the nearer years hold first:
    // the best of the next three, or that they are for getting ready.
    let far = far_off(&by_score, this_year);
    let near = near_year(&scores, this_year, &by_score);
    let head = match (far, near) {
        _ if strongest.is_empty() => format!("{name}의 흐름을 보겠습니다."),
        (true, Some(n)) => format!(
            "{} 가까이는 {}년({})이 나은 해이고, 가장 크게 힘이 실리는 때는 {strongest}입니다.",
            with_particle(name, "은", "는"),
            n.year,
            n.pillar_hangul
        ),
        (true, None) => format!(
            "{} 앞으로 2~3년은 큰 기운 없이 준비하는 때이고, 가장 힘이 실리는 때는 {strongest}입니다.",
            with_particle(name, "은", "는")
        ),
        (false, _) => format!("{} {strongest}에 가장 힘이 실립니다.", with_particle(name, "은", "는")),
    };
    if let Some(n) = near.filter(|n| !top.iter().any(|s| s.year == n.year)) {
        top.push(n);
        top.sort_by_key(|s| s.year);
    }
    let mut lines = Vec::new();
    for s in &top {
        let caution = caution_text(&s.cautions).map(|c| format!(" {c}")).unwrap_or_default();
        lines.push(format!("- {}년 {}년({}세): {}.{caution}", s.year, s.pillar_hangul, s.age, helping_text(s, 2)));
    }
    if this_year > today_year {
        lines.push(format!("올해는 남은 날이 얼마 없어 {this_year}년부터 꼽았습니다."));
    } else if !top.iter().any(|s| s.year == this_year) {
        lines.push(format!("올해 {}년은 {}로 봅니다.", this_year, scores[0].verdict()));
    }
    if let (Some(now), _) = daeun_at(chart, this_year) {
        if let Some(g) = group_of(now.stem_ten_god.hangul) {
            lines.push(format!(
                "바탕이 되는 지금의 {}대운({}~{}년)은 {}입니다.",
                now.hangul,
                now.start_year,
                now.end_year,
                group_line(g)
            ));
        }
    }
    lines.push(use_of_the_years(area).into());
    Plan { head, body: lines.join("\n") }
}

/// "3년 안에 옮긴다면 언제가 나아요?", "35살 전에 결혼할 수 있을까요?": the best year inside the span the user
/// set, each year of a short span with what it brings, and the strongest year beyond it when that one is
/// clearly stronger (a 상담가 keeps to the user's span and says what lies past it in one line). A span already
/// past is said so, and the coming years are read as [`timing`] reads them.
pub fn timing_within(chart: &Chart, area: TimingTopic, today_year: i32, month: u32, w: &Window) -> Plan {
    let name = area_name(area);
    if w.last < w.first {
        let mut plan = timing(chart, area, today_year, month);
        plan.head = format!("말씀하신 ‘{}’는 이미 지난 때라, 앞으로의 해로 볼게요. {}", w.said, plan.head);
        return plan;
    }
    let span = (w.last - w.first + 1) as u32;
    let scores = score_years(chart, area, w.first, span);
    let best = scores
        .iter()
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.year.cmp(&a.year)))
        .expect("a span holds at least one year");
    let pick = format!("{}년({})", best.year, best.pillar_hangul);
    let head = if span == 1 {
        format!("{} {pick}의 {} {}입니다.", w.quoted(), with_particle(name, "은", "는"), best.verdict())
    } else if best.score > 0.0 {
        format!("{} {} {name}에 가장 힘이 실리는 해입니다.", w.quoted(), with_particle(&pick, "이", "가"))
    } else {
        format!(
            "‘{}’에는 {name}에 크게 힘이 실리는 해가 없어, 그 안에서는 {} 그나마 낫습니다.",
            w.said,
            with_particle(&pick, "이", "가")
        )
    };
    let mut shown: Vec<&YearScore> = if span <= 4 {
        scores.iter().collect()
    } else {
        let mut top: Vec<&YearScore> = scores.iter().filter(|s| s.score > 0.0).collect();
        top.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.year.cmp(&b.year)));
        top.truncate(3);
        if !top.iter().any(|s| s.year == best.year) {
            top.push(best);
        }
        top
    };
    shown.sort_by_key(|s| s.year);
    let mut lines = Vec::new();
    for s in &shown {
        let what = if s.reasons.is_empty() {
            format!("{}입니다", s.verdict())
        } else if s.score > 0.0 {
            helping_text(s, 2)
        } else {
            format!(
                "{}({} 듭니다)",
                s.verdict(),
                reasons_text(s, 2).trim_end_matches(" 듭니다").trim_end_matches(" 함께")
            )
        };
        let caution = caution_text(&s.cautions).map(|c| format!(" {c}")).unwrap_or_default();
        // ("2027년(정미, 33세)": a span's years stand on their own, not as the lines of an earlier "언제" answer
        // that the conversation would leave out as said.)
        lines.push(format!("- {}년({}, {}세): {what}.{caution}", s.year, s.pillar_hangul, s.age));
    }
    if w.first > today_year && w.first == open_year(today_year, month) {
        lines.push(format!("올해는 남은 날이 얼마 없어 {}년부터 꼽았습니다.", w.first));
    }
    // Past the span: the strongest of the next ten years, when it is clearly stronger than the pick.
    let later = score_years(chart, area, w.last + 1, TIMING_YEARS);
    if let Some(l) = later
        .iter()
        .filter(|l| l.score >= best.score + 1.0)
        .max_by(|a, b| weighed(a, w.last).total_cmp(&weighed(b, w.last)).then(b.year.cmp(&a.year)))
    {
        lines.push(format!(
            "그 뒤로 넓혀 보면 {}년({})에 이 분야의 힘이 더 크게 실리니, 때를 조금 늦출 수 있다면 함께 견주어 보세요.",
            l.year, l.pillar_hangul
        ));
    }
    lines.push(use_of_the_years(area).into());
    Plan { head, body: lines.join("\n") }
}

/// How to use the years a timing answer names, for its area, with the one hedge a timing answer ends on.
fn use_of_the_years(area: TimingTopic) -> &'static str {
    match area {
        TimingTopic::Love => {
            "인연은 만나는 자리를 넓힐 때 이어지니, 이 해들에는 소개나 모임을 마다하지 마세요. 해는 문이 열리는 때일 뿐, 사람을 고르는 눈은 본인의 몫입니다."
        }
        TimingTopic::Career => {
            "움직일 계획이 있다면 이 해들에 맞춰 이력과 자격, 자금을 미리 다듬어 두세요. 해는 기회가 오는 때일 뿐, 조건을 따져 고르는 것은 본인의 몫입니다."
        }
        TimingTopic::Wealth => {
            "돈이 들어오는 해에도 큰 결정은 나누어, 여유 자금 안에서 하시는 편이 좋습니다. 해는 흐름을 말할 뿐, 숫자는 직접 확인하셔야 합니다."
        }
        TimingTopic::Children => {
            "아이는 사주보다 몸과 마음의 준비가 먼저라, 계획이 있다면 이 해들을 참고로만 두고 전문의와 상의하세요."
        }
        TimingTopic::Move => "이사는 해보다 집과 생활 조건이 먼저이니, 이 해들은 알아보기 시작하는 때로 삼으세요.",
        TimingTopic::Study => "이 해들은 공부한 만큼 결과가 붙기 쉬운 때일 뿐, 합격은 준비가 정합니다.",
        TimingTopic::General => {
            "좋은 해에는 미뤄 둔 일을 시작하고, 조용한 해에는 기반을 다지세요. 해는 흐름을 가리킬 뿐, 결과는 그 해에 무엇을 하느냐가 정합니다."
        }
    }
}

/// The year a timing answer for `area` puts first: the strongest of the ones it names.
/// When the strongest are far off, the near year the answer names first ("몇 월?" after "가까이는 2026년").
pub fn best_year(chart: &Chart, area: TimingTopic, today_year: i32, month: u32) -> i32 {
    let this_year = open_year(today_year, month);
    let scores = score_years(chart, area, this_year, TIMING_YEARS);
    let top = nearest_best(&scores, this_year, 3);
    if let Some(near) = near_year(&scores, this_year, &strongest_two(&top, this_year)) {
        return near.year;
    }
    top.iter().max_by(|a, b| a.score.total_cmp(&b.score).then(b.year.cmp(&a.year))).map_or(this_year, |s| s.year)
}

/// The year "몇 월이 좋아요?" is narrowed in when no year was said: this one while enough of it is left and it
/// helps the area at all, else next year when it does, else the area's best year. A 상담가 asked for a month
/// answers in the near window, not in a year six years off.
pub fn year_for_months(chart: &Chart, area: TimingTopic, this_year: i32, this_month: u32) -> i32 {
    let scores = score_years(chart, area, this_year, 2);
    if scores[0].score > 0.0 && this_month <= 9 {
        this_year
    } else if scores[1].score > 0.0 {
        this_year + 1
    } else {
        best_year(chart, area, this_year, 1)
    }
}

/// The two strongest of `top`, a nearer year counting a little more, in year order: what a timing headline
/// names.
fn strongest_two<'a>(top: &[&'a YearScore], this_year: i32) -> Vec<&'a YearScore> {
    let mut t = top.to_vec();
    t.sort_by(|a, b| weighed(b, this_year).total_cmp(&weighed(a, this_year)).then(a.year.cmp(&b.year)));
    t.truncate(2);
    t.sort_by_key(|s| s.year);
    t
}

/// Whether every one of the `strongest` years lies four or more years ahead.
fn far_off(strongest: &[&YearScore], this_year: i32) -> bool {
    !strongest.is_empty() && strongest.iter().all(|s| s.year > this_year + 3)
}

/// When the strongest years are far off, the best of the next three that has something for the area (a score
/// of 1 or more): the year a 상담가 names first.
fn near_year<'a>(scores: &'a [YearScore], this_year: i32, strongest: &[&YearScore]) -> Option<&'a YearScore> {
    if !far_off(strongest, this_year) {
        return None;
    }
    scores
        .iter()
        .filter(|s| s.year <= this_year + 2 && s.score >= 1.0)
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.year.cmp(&a.year)))
}

/// Points a year loses for each year it lies ahead, when the best years are ranked.
const NEARNESS: f32 = 0.15;

/// A year's score as the best years are ranked: less for each year it lies ahead.
fn weighed(s: &YearScore, this_year: i32) -> f32 {
    s.score - NEARNESS * (s.year - this_year) as f32
}

/// The `n` best years, a year nearer now counting a little more (a 상담가 weighs the coming years before
/// the far ones: 0.15 points a year), in year order.
fn nearest_best(scores: &[YearScore], this_year: i32, n: usize) -> Vec<&YearScore> {
    let mut ranked: Vec<&YearScore> = scores.iter().filter(|s| s.score > 0.0).collect();
    ranked.sort_by(|a, b| weighed(b, this_year).total_cmp(&weighed(a, this_year)).then(a.year.cmp(&b.year)));
    ranked.truncate(n);
    if ranked.is_empty() {
        return best(scores, n);
    }
    ranked.sort_by_key(|s| s.year);
    ranked
}

/// A life area in one year (내년의 직업운 …): the year's score and reasons, and the best years beside it.
pub fn area_in_year(chart: &Chart, area: TimingTopic, this_year: i32, year: i32) -> Plan {
    let scores = scores_through(chart, area, this_year, year);
    let Some(s) = scores.iter().find(|s| s.year == year) else {
        return timing(chart, area, this_year, 1);
    };
    let name = area_name(area);
    let head = format!("{}년({})의 {} {}입니다.", year, s.pillar_hangul, with_particle(name, "은", "는"), s.verdict());
    let mut lines = Vec::new();
    // What the year brings for the area, then what weighs on it, in words with the chart fact in brackets.
    let (weighs, brings): (Vec<&String>, Vec<&String>) = s.reasons.iter().partition(|r| is_burden(r));
    if !brings.is_empty() {
        lines.push(format!("이 해에는 {}.", join_reasons(&brings, "듭니다")));
    }
    if !weighs.is_empty() {
        let advice = if s.score > 0.0 {
            "좋은 흐름 속에서도 무리한 결정은 한 번 더 살피는 편이 좋습니다"
        } else {
            "서두르기보다 준비를 다지는 편이 좋습니다"
        };
        lines.push(format!("다만 {}, {advice}.", join_reasons(&weighs, "있어")));
    }
    if let Some(c) = caution_text(&s.cautions) {
        lines.push(if weighs.is_empty() { c } else { c.replacen("다만 ", "또 ", 1) });
    }
    let groups: Vec<TenGodGroup> = [s.stem_ten_god, s.branch_ten_god].into_iter().filter_map(group_of).collect();
    let line = |g: TenGodGroup| group_line_at(g, s.age);
    if let [a, b] = groups.as_slice() {
        lines.push(if a == b {
            format!("한 해 전체로 보면 {}입니다.", line(*a))
        } else {
            format!(
                "한 해 전체로 보면 {} 겹칩니다.",
                with_particle(&format!("{}와 {}", line(*a), line(*b)), "이", "가")
            )
        });
    }
    // Only years that truly read better are named as better.
    // (Only years still ahead: this one, named as better than the next, is no use to someone asking about the
    // next.)
    // (Only near ones: a year eight years off, named after "내년은요?", pushes the answer away from the question.)
    let ahead: Vec<YearScore> = scores.iter().filter(|b| b.year > this_year && b.year <= year + 4).cloned().collect();
    let others: Vec<String> = best(&ahead, 2)
        .into_iter()
        .filter(|b| b.year != year && b.score > s.score)
        .map(|b| format!("{}년({})", b.year, b.pillar_hangul))
        .collect();
    if !others.is_empty() {
        lines.push(format!("가까운 몇 년 안에서 이 분야로 이보다 더 힘이 실리는 해는 {}입니다.", others.join("과 ")));
    }
    Plan { head, body: lines.join("\n") }
}

/// The whole 대운 road: every cycle with its age and years, the running one marked, the next change named.
pub fn daeun_road(chart: &Chart, this_year: i32) -> Plan {
    let d = &chart.daeun;
    let (now, next) = daeun_at(chart, this_year);
    let head = match (now, next) {
        (Some(n), Some(x)) => format!(
            "지금은 {}대운({}~{}년)이고, {}년부터 {}대운으로 바뀝니다.",
            n.hangul, n.start_year, n.end_year, x.start_year, x.hangul
        ),
        (Some(n), None) => format!("지금은 {}대운({}~{}년)입니다.", n.hangul, n.start_year, n.end_year),
        (None, Some(x)) => format!("첫 대운은 {}년 {}대운으로 시작합니다.", x.start_year, x.hangul),
        (None, None) => "대운의 흐름을 보겠습니다.".into(),
    };
    let mut lines = vec![format!(
        "대운은 {}세에 시작해 10년마다 바뀝니다({}). 앞 5년은 천간, 뒤 5년은 지지의 기운이 더 강하다고 봅니다.",
        d.number,
        if d.direction == "forward" { "순행" } else { "역행" }
    )];
    // The cycles of a lifetime: those beginning after 85 are left to the chart view.
    for (i, c) in d.pillars.iter().enumerate().filter(|(i, _)| daeun_age(chart, *i) <= 85) {
        let line = cycle_line(c.stem_ten_god.hangul, c.branch_ten_god.hangul);
        let mut text = format!(
            "- {}세 {}({}~{}년): {}·{} — {}",
            daeun_age(chart, i),
            c.hangul,
            c.start_year,
            c.end_year,
            c.stem_ten_god.hangul,
            c.branch_ten_god.hangul,
            line
        );
        if let Some(f) = fit(chart, c) {
            text.push_str(&format!(", {f}"));
        }
        if now.is_some_and(|n| n.order == c.order) {
            text.push_str(" ◀ 지금");
        }
        lines.push(text);
    }
    // The 기신's cycles get their advice once, not on every row.
    if lines.iter().any(|l| l.contains("기신 ")) {
        lines.push(format!(
            "기신 {} 드는 대운에는 큰일을 한꺼번에 벌이기보다 무리하지 않는 편이 좋고, 용신 {} 드는 대운은 힘을 내기 좋은 때로 봅니다.",
            with_particle(&format!("{}({})", chart.strength.unfavourable.hangul(), chart.strength.unfavourable.hanja()), "이", "가"),
            with_particle(&format!("{}({})", chart.strength.favourable.hangul(), chart.strength.favourable.hanja()), "이", "가")
        ));
    }
    Plan { head, body: lines.join("\n") }
}

/// Whether a question asks how something will turn out: "붙을까요?", "잘될까요?", "성공할까요?".
pub fn asks_outcome(question: &str) -> bool {
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    // "이직해도 될까요?" weighs a move (`decision`), not an outcome; "언제쯤 될까요?" asks when.
    if ["도될까", "도되나", "도돼요", "게나을까", "게좋을까", "언제", "몇년", "시기"].iter().any(|w| q.contains(w))
    {
        return false;
    }
    [
        "붙을까",
        "붙을수",
        "합격할까",
        "합격할수",
        "통과할까",
        "잘될까",
        "잘풀릴까",
        "성공할까",
        "잘될수",
        "대박날까",
        // "내년에 만난 사람이랑 결혼까지 가능해요?", "올해 승진 될까요?", "다시 만날 수 있을까요?"
        "가능할까",
        "가능해요",
        "가능한가",
        "가능하겠",
        "가능성있",
        "할수있을까",
        "할수있나",
        "갈수있을까",
        "만날수있을까",
        "될까요",
        "되나요",
        "생길까",
        "생겨요",
        "생기나요",
        "이뤄질까",
        "이루어질까",
        "풀릴까",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// "결혼 못하는 거 아니죠?", "평생 돈 못 모으는 거 아니에요?": a fear that something will never happen, answered
/// no first, then with the years it is likeliest.
pub fn fears_never(question: &str) -> bool {
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "못하는거아니",
        "못하는건아니",
        "못가는거아니",
        "못모으는거아니",
        "안되는거아니",
        "못하나요",
        "못할까요",
        "평생못",
        "영영",
        // "사주에 자식운이 없는 건가 싶어서요": the same fear said as a guess.
        "운이없는건가",
        "운이없는걸까",
        "복이없는건가",
        "복이없는걸까",
        "없는사주인가",
        // "제 사주에 자식이 없는 건가요?": asked outright.
        "이없는건가요",
        "가없는건가요",
        "이없는거예요",
        "가없는거예요",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// "저 취업은 할 수 있는 사주긴 해요?", "결혼은 하긴 할까요?": the same fear asked the other way round, answered
/// yes first.
pub fn asks_can_at_all(question: &str) -> bool {
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "할수있는사주",
        "될수있는사주",
        "갈수있는사주",
        "사주긴해",
        "하긴할까",
        "하긴하나",
        "할수는있",
        "되긴할까",
        "되긴하나",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// The "no" a fear of never gets, for its area.
pub fn never_line(area: TimingTopic) -> &'static str {
    match area {
        TimingTopic::Love => "아니요, 결혼이나 인연을 못 하는 사주는 따로 없어요.",
        TimingTopic::Career => "아니요, 일이 끝내 안 풀리는 사주는 따로 없어요.",
        TimingTopic::Wealth => "아니요, 돈이 평생 안 모이는 사주는 따로 없어요.",
        TimingTopic::Children => "아니요, 자녀를 못 두는 사주로 정해진 것은 없어요.",
        TimingTopic::Study => "아니요, 시험에 끝내 못 붙는 사주는 따로 없어요.",
        _ => "아니요, 그렇게 정해진 사주는 없어요.",
    }
}

/// The lean of `year` for `area`, yes or no first, with the condition that decides it: a headline.
pub fn outcome_line(chart: &Chart, area: TimingTopic, this_year: i32, year: i32) -> String {
    let scores = scores_through(chart, area, this_year, year);
    let score = scores.iter().find(|s| s.year == year).map_or(0.0, |s| s.score);
    let caution = scores.iter().find(|s| s.year == year).and_then(|s| caution_text(&s.cautions));
    let pillar = year_pillar(year).hangul();
    let (name, decides) = match area {
        TimingTopic::Study => ("시험운", "합격은 기운보다 준비가 정합니다"),
        TimingTopic::Wealth => ("재물운", "결과는 규모와 자금 계획이 정합니다"),
        TimingTopic::Love => ("인연의 기운", "결과는 두 사람의 마음이 정합니다"),
        _ => ("운", "결과는 준비와 선택이 정합니다"),
    };
    if let (true, Some(c)) = (score > 0.0, caution) {
        // A year that helps and strains at once: yes, with the strain named.
        let c = c.trim_start_matches("다만 ");
        return format!("{year}년({pillar})은 가능성이 열려 있는 해입니다. 다만 {c} {decides}.");
    }
    if score >= 2.0 {
        format!(
            "{year}년({pillar})은 {} 받쳐 주는 해라 해 볼 만합니다. 다만 {decides}.",
            with_particle(name, "이", "가")
        )
    } else if score > 0.0 {
        format!("{year}년({pillar})은 가능성이 열려 있는 해입니다. 다만 {decides}.")
    } else if score == 0.0 {
        format!("{year}년({pillar})은 기운만으로 된다 안 된다를 가를 해는 아니라, {decides}.")
    } else {
        format!(
            "{year}년({pillar})은 {} 강하게 받쳐 주는 해는 아니에요. 그래도 {decides}, 남은 시간은 약한 부분을 다지는 데 쓰세요.",
            with_particle(name, "이", "가")
        )
    }
}

/// What one ten god brings to a 대운, as a short noun phrase.
pub(super) fn god_gloss(god: TenGod) -> &'static str {
    match god {
        TenGod::BiGyeon => "자립과 내 힘",
        TenGod::GeopJae => "경쟁과 동업",
        TenGod::SikSin => "재능과 여유",
        TenGod::SangGwan => "표현과 변화",
        TenGod::PyeonJae => "활발한 돈벌이와 사업 기회",
        TenGod::JeongJae => "꾸준한 수입과 살림",
        TenGod::PyeonGwan => "압박과 도전",
        TenGod::JeongGwan => "직장과 명예",
        TenGod::PyeonIn => "전문 공부와 깊은 생각",
        TenGod::JeongIn => "배움과 윗사람의 도움",
    }
}

/// A 대운's ten years in a few words, from its stem's ten god (the first five years) to its branch's (the last
/// five): "자립과 내 힘에서 표현과 변화로 넘어가는 때"; one ten god in both, "직장과 명예가 두드러지는 때".
fn cycle_line(stem_god: &str, branch_god: &str) -> String {
    match (TenGod::from_hangul(stem_god), TenGod::from_hangul(branch_god)) {
        (Some(a), Some(b)) if a == b => format!("{} 두드러지는 때", with_particle(god_gloss(a), "이", "가")),
        (Some(a), Some(b)) => format!("{}에서 {} 넘어가는 때", god_gloss(a), with_ro(god_gloss(b))),
        (Some(a), None) | (None, Some(a)) => format!("{} 두드러지는 때", with_particle(god_gloss(a), "이", "가")),
        (None, None) => String::new(),
    }
}

/// 삼재 of the year branch's group: the three years, whether this year is one, and the next.
pub fn samjae(chart: &Chart, this_year: i32) -> Plan {
    let yb = Branch::parse(chart.pillars.year.branch.hangul).unwrap_or(Branch::new(0));
    samjae_of(yb, this_year)
}

/// 삼재 from the 띠 alone (a year or an animal said, no birthday yet): the same reading, and why the birthday
/// still matters (a birth before 입춘 belongs to the year before).
pub fn samjae_by_animal(yb: Branch, this_year: i32, from_year: bool) -> String {
    let plan = samjae_of(yb, this_year);
    let note = if from_year {
        "양력 1월~2월 초(입춘 전)에 태어나셨다면 띠가 한 해 앞이라 달라질 수 있으니, 생일(월·일)을 알려 주시면 사주 전체와 함께 확인해 드릴게요."
    } else {
        "태어난 해와 생일을 알려 주시면 입춘 전 출생인지까지 확인하고, 사주 전체로 올해를 볼게요."
    };
    format!("{}\n\n{}\n\n{note}", plan.head, plan.body)
}

/// 삼재 said beside another question ("시험 붙을까요? 올해 삼재라서 불안해요"): whether this year is one, and
/// what it weighs against the chart, in two sentences.
pub fn samjae_note(chart: &Chart, this_year: i32) -> String {
    format!(
        "{} 다만 삼재는 띠 하나로 보는 민간 풍습이라, 이 사주의 원국과 대운이 더 크게 작용합니다.",
        samjae(chart, this_year).head.replacen("네, ", "", 1).replacen("아니요, ", "", 1)
    )
}

fn samjae_of(yb: Branch, this_year: i32) -> Plan {
    // 신자진 → 인묘진, 사유축 → 해자축, 인오술 → 신유술, 해묘미 → 사오미 (들·눌·날삼재).
    let first = [2, 11, 8, 5][yb.index() % 4];
    let branches = [Branch::new(first), Branch::new(first + 1), Branch::new(first + 2)];
    let names: Vec<&str> = branches.iter().map(|b| b.hangul()).collect();
    let stage = |y: i32| branches.iter().position(|b| *b == year_pillar(y).branch());
    let stage_name = ["들삼재", "눌삼재", "날삼재"];
    let animal = yb.hangul();
    let head = match stage(this_year) {
        Some(i) => format!("네, 올해 {this_year}년은 {}띠의 삼재 가운데 {}에 해당합니다.", yb.animal(), stage_name[i]),
        None => format!("아니요, 올해 {this_year}년은 {}띠의 삼재가 아닙니다.", yb.animal()),
    };
    let start =
        (this_year - 2..this_year + 12).find(|y| stage(*y) == Some(0) && y + 2 >= this_year).unwrap_or(this_year);
    let mut lines = vec![format!(
        "년지 {}의 삼재는 {}·{}·{}년이 돌아오는 3년입니다. 해당하는 때는 {}~{}년({}·{}·{}년)입니다.",
        animal,
        names[0],
        names[1],
        names[2],
        start,
        start + 2,
        year_pillar(start).hangul(),
        year_pillar(start + 1).hangul(),
        year_pillar(start + 2).hangul()
    )];
    lines.push("삼재는 띠 하나로 보는 민간의 풍습이라, 원국과 대운이 더 크게 작용합니다. 새 일을 벌이기보다 건강과 계약을 한 번 더 살피는 때로 삼으면 충분합니다.".into());
    Plan { head, body: lines.join("\n") }
}

/// "삼재면 뭐 조심해야 돼요? 부적 사야 되나", "언제 끝나요?": the follow-ups of a 삼재 answer — when it ends
/// (the 입춘 after its 날삼재), and what to watch this year from the chart itself, with a plain word on 부적.
pub fn samjae_follow_up(chart: &Chart, this_year: i32, question: &str) -> Option<Plan> {
    let has = |ws: &[&str]| ws.iter().any(|w| question.contains(w));
    let yb = Branch::parse(chart.pillars.year.branch.hangul)?;
    let first = [2, 11, 8, 5][yb.index() % 4];
    let stage = |y: i32| (year_pillar(y).branch().index() + 12 - first) % 12;
    let in_samjae = |y: i32| stage(y) < 3;
    if has(&["끝나", "끝날", "끝이", "홀가분", "벗어나", "언제까지", "풀리"]) {
        let head = match (this_year..this_year + 3).rev().find(|y| in_samjae(*y)) {
            Some(last) if in_samjae(this_year) => format!(
                "이번 삼재는 {last}년({}, 날삼재)까지이고, {}년 입춘(양력 2월 4일 무렵)부터 벗어납니다.",
                year_pillar(last).hangul(),
                last + 1
            ),
            _ => format!("올해 {this_year}년은 {}띠의 삼재가 아니라, 끝을 기다릴 삼재가 없습니다.", yb.animal()),
        };
        let body =
            "삼재의 해는 양력 1월 1일이 아니라 입춘에 바뀝니다. 날삼재는 나가는 해라 가장 가볍게 봅니다.".to_string();
        return Some(Plan { head, body });
    }
    if has(&["조심", "주의", "부적", "뭘 해야", "뭐 해야", "어떻게 해야", "피해야"]) {
        let year = &score_years(chart, TimingTopic::General, this_year, 1)[0];
        let head = if has(&["부적"]) {
            "부적은 사지 않으셔도 돼요. 삼재는 띠 하나로 보는 민간 풍습이라, 돈을 들여 막을 일이 아니라 생활을 한 번 더 살피는 때로 삼으면 충분합니다."
                .to_string()
        } else {
            "삼재라고 특별히 피해야 할 일은 없고, 생활을 한 번 더 살피는 때로 삼으면 충분합니다.".to_string()
        };
        let mut lines =
            vec![format!("- 이 사주로 보면 올해 {this_year}년은 {}입니다. {}.", year.verdict(), reasons_text(year, 2))];
        if let Some(c) = caution_text(&year.cautions) {
            lines.push(format!("- {c}"));
        }
        lines.push("- 챙길 것: 계약서와 보증은 한 번 더 읽고, 운전과 건강검진을 미루지 마세요. 큰일을 벌이기보다 하던 일을 다지는 쪽이 좋습니다.".into());
        return Some(Plan { head, body: lines.join("\n") });
    }
    None
}

/// "이혼하는 게 맞아요?", "올해 이혼하면 어떻게 돼요?": not decided by a chart — the spouse seat this year, what
/// to check before deciding, and where to get help.
/// "제 사주에 이혼수 같은 거 있어요?": no chart carries a divorce as fate; what people call 이혼수 is a spouse
/// seat (일지) that clashes or punishes in the chart itself, or a year that strains it — both named for this
/// chart, this year's and the next, then what helps a marriage through such a time.
pub fn divorce_sign(chart: &Chart, year: i32) -> Plan {
    use crate::saju::derive::relations::{PillarPart, RelationKind as K};
    use crate::saju::pillars::Position;
    let seat = chart.pillars.day.branch.hangul;
    let natal: Vec<&str> = chart
        .relations
        .iter()
        .filter(|r| matches!(r.kind, K::Clash | K::Punishment | K::Wonjin | K::Harm))
        .filter(|r| r.members.iter().any(|m| m.position == Position::Day && m.part == PillarPart::Branch))
        .map(|r| r.hangul_name.as_str())
        .collect();
    let head = "아니요, 사주에 ‘이혼할 운명’이 정해져 있지는 않아요. 흔히 이혼수라고 부르는 것은 배우자 자리(일지)가 부딪히는 짜임이나 그런 해를 가리킬 뿐, 결과를 정하지 않습니다.".to_string();
    let mut lines = Vec::new();
    if natal.is_empty() {
        lines.push(format!(
            "- 원국에서 배우자 자리 일지 {} 다른 글자와 충·형·원진으로 부딪히지 않아, 타고난 짜임으로는 이혼수라 할 만한 것이 없습니다.",
            with_particle(seat, "은", "는")
        ));
    } else {
        lines.push(format!(
            "- 원국에서 배우자 자리 일지 {} {}로 부딪혀, 가까운 사이에서 서운함이 쌓이기 쉬운 결은 있어요. 그만큼 대화로 푸는 습관이 관계를 지킵니다.",
            with_particle(seat, "이", "가"),
            natal.join(", ")
        ));
    }
    for y in [year, year + 1] {
        let strains = super::timing::strains(chart, year_pillar(y));
        let on_seat: Vec<&String> = strains.iter().filter(|c| c.contains("일지")).collect();
        lines.push(match on_seat.as_slice() {
            [] => format!("- {y}년({}): 배우자 자리를 건드리는 기운은 없습니다.", year_pillar(y).hangul()),
            some => format!(
                "- {y}년({}): {}이라 서로 예민해지기 쉬운 해예요. 큰 결정은 서두르지 않는 편이 좋습니다.",
                year_pillar(y).hangul(),
                some.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    lines.push("- 마음이 정리되지 않을 때는 부부 상담을 먼저 받아 보시고, 재산·양육 문제는 대한법률구조공단 132, 한국가정법률상담소 1644-7077에서 미리 상담받으실 수 있어요.".into());
    Plan { head, body: lines.join("\n") }
}

pub fn divorce(chart: &Chart, year: i32) -> Plan {
    let s = &score_years(chart, TimingTopic::Love, year, 1)[0];
    let head = "이혼을 할지 말지는 사주가 정해 줄 수 없고, 정해서도 안 되는 일이에요. 다만 올해 부부 자리의 흐름과, 결정하기 전에 살필 것은 말씀드릴 수 있어요.".to_string();
    let seat = chart.pillars.day.branch.hangul;
    let mut lines = Vec::new();
    match caution_text(&s.cautions) {
        Some(c) => lines.push(format!(
            "- {year}년({})은 배우자 자리(일지 {seat})가 흔들리는 해입니다. {c} 마음이 가장 격할 때 내린 결정은 나중에 후회로 남기 쉬워요.",
            s.pillar_hangul
        )),
        None => lines.push(format!(
            "- {year}년({})은 부부 자리로 보면 {}입니다. 흐름이 결정을 대신해 주지는 않아요.",
            s.pillar_hangul,
            s.verdict()
        )),
    }
    lines.push("- 결정 전에: 부부 상담을 한 번이라도 함께 받아 보고, 재산·양육 문제는 법률 상담(대한법률구조공단 132, 한국가정법률상담소 1644-7077)으로 미리 확인해 두세요. 협의이혼은 자녀가 있으면 3개월의 숙려 기간이 있어요.".into());
    lines.push(
        "- 폭력이나 위협이 있다면 사주와 상관없이 먼저 몸을 지키세요: 여성긴급전화 1366(24시간), 위급하면 112.".into(),
    );
    Plan { head, body: lines.join("\n") }
}

/// 말년: the hour pillar (the seat of late life) and the 대운 from about sixty.
pub fn late_life(chart: &Chart) -> Plan {
    let hour = chart.pillars.hour.as_ref();
    let head = match hour {
        Some(h) => {
            let g = group_of(h.branch.ten_god.hangul).map_or("삶의", group_noun);
            format!(
                "말년 자리인 {} {}, {}의 기운이 말년을 받칩니다.",
                with_particle(&format!("시주 {}", h.hangul), "은", "는"),
                with_ro(&format!("{}·{}", h.stem.ten_god.map_or("", |t| t.hangul), h.branch.ten_god.hangul)),
                g
            )
        }
        None => "태어난 시각을 몰라 말년 자리(시주)는 빼고 60세 이후의 대운으로 보겠습니다.".into(),
    };
    let mut lines = Vec::new();
    for (i, c) in chart.daeun.pillars.iter().enumerate().filter(|(i, _)| (58..=88).contains(&daeun_age(chart, *i))) {
        let line = cycle_line(c.stem_ten_god.hangul, c.branch_ten_god.hangul);
        let f = fit(chart, c).map(|f| format!(", {f}")).unwrap_or_default();
        lines.push(format!(
            "- {}세 {}대운({}~{}년): {}{}",
            daeun_age(chart, i),
            c.hangul,
            c.start_year,
            c.end_year,
            line,
            f
        ));
    }
    Plan { head, body: lines.join("\n") }
}

/// The year a question is about, said first: its pillar and what its stem and branch are to the day master.
pub fn year_note(chart: &Chart, year: i32) -> String {
    let gz = year_pillar(year);
    let dm = crate::saju::ganzhi::Stem::parse(chart.day_master.hangul).unwrap_or(crate::saju::ganzhi::Stem::new(0));
    let sg = crate::saju::derive::ten_gods::ten_god(dm, gz.stem());
    let bg = crate::saju::derive::ten_gods::branch_ten_god(dm, gz.branch());
    format!(
        "{year}년({}년)은 이 사주에 천간 {}·지지 {}의 기운이 들어오는 해입니다.",
        gz.hangul(),
        sg.hangul(),
        bg.hangul()
    )
}

/// "사람 운은 어때요?", "인복이 있나요?", "직원 관리가 스트레스예요": the people around the chart by the ten-god
/// groups they stand for (비겁 peers, 인성 elders and helpers, 재성·식상 those one leads and looks after), the
/// 천을귀인 when the chart has it, and this year's people.
pub fn people(chart: &Chart, this_year: i32, question: &str) -> Plan {
    use super::findings::group_count;
    let n = |g| group_count(chart, g);
    let (peers, elders, led) =
        (n(TenGodGroup::BiGeop), n(TenGodGroup::InSeong), n(TenGodGroup::JaeSeong) + n(TenGodGroup::SikSang));
    let gwiin = chart.shinsal.iter().any(|s| s.code == "cheoneul_gwiin");
    let strong = chart.strength.verdict.is_strong();
    let staff = ["직원", "부하", "아랫사람", "후배", "알바"].iter().any(|w| question.contains(w));
    let head = if staff {
        if strong && led >= 2 {
            "사람을 거느리는 힘이 있는 사주라, 직원 복이 없다기보다 기준을 분명히 세울 때 사람이 따르는 구조입니다."
        } else if led >= 3 {
            "챙길 사람과 일이 많은데 일간의 힘이 그만큼 받쳐 주지 못해, 직원 일에 쉽게 지치는 구조입니다."
        } else {
            "직원 문제는 사람을 잘못 만나서라기보다, 역할과 보상을 글로 정해 두지 않을 때 커지기 쉬운 구조입니다."
        }
        .to_string()
    } else if gwiin {
        "어려울 때 돕는 사람이 나타나는 천을귀인이 있어, 귀인 복이 있는 편입니다.".to_string()
    } else if elders >= 2 {
        "윗사람과 스승의 도움을 받는 인성이 두드러져, 이끌어 주는 사람 복이 있는 편입니다.".to_string()
    } else if peers >= 3 {
        "나와 같은 기운(비겁)이 많아 주변에 사람은 많지만, 돕는 사람과 경쟁하는 사람이 함께 오는 구조입니다."
            .to_string()
    } else {
        "사람 복은 타고난 숫자보다, 내가 먼저 챙긴 관계가 돌아오는 쪽으로 쌓이는 사주입니다.".to_string()
    };
    let mut lines = vec![
        format!("- 동료·친구(비겁) {peers}개, 윗사람·도움(인성) {elders}개, 내가 이끌고 챙기는 사람(재성·식상) {led}개가 원국에 있습니다."),
    ];
    if staff {
        lines.push(if strong {
            "- 일간이 힘이 있어 결정은 빠르지만 말이 세게 전해지기 쉬우니, 지시는 짧게 하고 칭찬은 사람들 앞에서 하세요.".to_string()
        } else {
            "- 혼자 다 떠안기보다 믿을 만한 한 사람에게 권한을 나누고, 근무 규칙과 보상을 글로 정해 두면 부담이 줄어듭니다.".to_string()
        });
    }
    if gwiin && staff {
        lines.push("- 천을귀인이 있어, 막힐 때 도움을 청하면 돕는 사람이 나타나는 편입니다.".to_string());
    }
    let year = &score_years(chart, TimingTopic::General, this_year, 1)[0];
    lines.push(match (group_of(year.stem_ten_god), group_of(year.branch_ten_god)) {
        (Some(TenGodGroup::BiGeop), _) | (_, Some(TenGodGroup::BiGeop)) => format!(
            "- 올해 {}년은 비겁의 해라 사람이 모이지만, 돈과 몫이 섞이는 부탁은 한 번 더 따져 보세요.",
            this_year
        ),
        (Some(TenGodGroup::InSeong), _) | (_, Some(TenGodGroup::InSeong)) => {
            format!("- 올해 {}년은 인성의 해라 윗사람이나 스승의 도움을 청하기 좋습니다.", this_year)
        }
        _ => format!("- 올해 {}년은 {}입니다.", this_year, year.verdict()),
    });
    Plan { head, body: lines.join("\n") }
}

/// Whether a question asks about the people around ("사람 운", "인복", "직원 복").
pub fn asks_people(question: &str) -> bool {
    [
        "사람 운",
        "사람운",
        "인복",
        "사람 복",
        "사람복",
        "인간관계",
        "대인관계",
        "귀인",
        "직원 복",
        "직원복",
        "직원운",
        "직원 관리",
        "직원들",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// 자녀운 without a "when": the children's stars in the chart (식상 for a woman, 관성 for a man), the hour
/// pillar (the children's seat) and the nearest good year.
pub fn children(chart: &Chart, this_year: i32) -> Plan {
    let (group, rule) = children_star(chart);
    stars_plan(chart, this_year, TimingTopic::Children, group, "자녀의 별", rule)
}

/// The children's star by the chart's gender, with the rule as the reply says it: 식상 for a woman, 관성 for a man.
fn children_star(chart: &Chart) -> (TenGodGroup, &'static str) {
    use crate::saju::chart::input::Gender;
    match chart.gender() {
        Some(Gender::Female) => (TenGodGroup::SikSang, "여성은 식상"),
        Some(Gender::Male) => (TenGodGroup::GwanSeong, "남성은 관성"),
        // Not known: the one of the two the chart has more of, named as such.
        None if super::findings::group_count(chart, TenGodGroup::SikSang)
            >= super::findings::group_count(chart, TenGodGroup::GwanSeong) =>
        {
            (TenGodGroup::SikSang, "여성이라면 식상")
        }
        None => (TenGodGroup::GwanSeong, "남성이라면 관성"),
    }
}

/// "제 사주에 자녀운 있나요?": yes or no from the children's star in the chart.
pub fn children_yes_no(chart: &Chart) -> String {
    let (group, rule) = children_star(chart);
    match super::findings::group_count(chart, group) {
        0 => format!("자녀의 별({rule})이 원국에는 드러나지 않지만, 운에서 들어올 때 인연이 열린다고 봅니다."),
        n => format!("네, 자녀의 별({rule})이 원국에 {n}개 있어 자녀운이 분명한 편입니다."),
    }
}

/// 공부운 without a "when": 인성 (배움) and 관성 (시험과 인정) in the chart, and the nearest good year.
pub fn study(chart: &Chart, this_year: i32) -> Plan {
    stars_plan(chart, this_year, TimingTopic::Study, TenGodGroup::InSeong, "공부의 별", "배움과 자격은 인성")
}

fn stars_plan(chart: &Chart, this_year: i32, area: TimingTopic, group: TenGodGroup, what: &str, rule: &str) -> Plan {
    let n = super::findings::group_count(chart, group);
    let scores = score_years(chart, area, this_year, TIMING_YEARS);
    let first = best(&scores, 1).first().map(|s| format!("{}년({})", s.year, s.pillar_hangul)).unwrap_or_default();
    let state = match n {
        0 => "원국에는 드러나지 않아 운에서 들어올 때 열리는 편",
        1 => "원국에 하나 있어 인연이 분명한 편",
        _ => "원국에 여럿 있어 기운이 뚜렷한 편",
    };
    let head = format!(
        "{what}인 {} {state}이고, 가까운 때로는 {first}이 두드러집니다.",
        with_particle(group.hangul(), "이", "가")
    );
    let mut lines = vec![format!("{what}: {} {n}개 ({rule}으로 봅니다).", group.hangul())];
    if let Some(h) = &chart.pillars.hour {
        let seat = if area == TimingTopic::Children { "자녀 자리인 시주" } else { "결실의 자리인 시주" };
        lines.push(format!(
            "{seat} {}: {}·{}.",
            h.hangul,
            h.stem.ten_god.map_or("", |t| t.hangul),
            h.branch.ten_god.hangul
        ));
    }
    // The year named in the headline, with why, instead of a menu.
    if let Some(s) = best(&scores, 1).first() {
        lines.push(format!("{}년에는 {}.", s.year, reasons_text(s, 2)));
    }
    lines.push(match area {
        TimingTopic::Children => "자녀와의 인연은 타고난 별보다 함께 보내는 시간과 마음이 더 크게 만듭니다. 사주의 별은 정해진 결과가 아니라 참고로 보시면 좋습니다.".to_string(),
        _ => "공부의 결실은 운보다 꾸준함이 만듭니다. 운이 드는 해에는 큰 시험을, 조용한 해에는 기초를 다지는 식으로 계획을 나누면 좋습니다.".to_string(),
    });
    Plan { head, body: lines.join("\n") }
}

/// The element a question says the chart lacks or has too much of ("불이 부족해서 빨간색 입으라던데 맞아요?",
/// "물이 많아서 우울한 거예요?"), with whether it says lacking.
pub(super) fn element_claimed(question: &str) -> Option<(crate::saju::ganzhi::Element, bool)> {
    use crate::saju::ganzhi::Element;
    const WORDS: &[(&str, Element)] = &[
        ("불", Element::Fire),
        ("화기", Element::Fire),
        ("화(火)", Element::Fire),
        ("물", Element::Water),
        ("수기", Element::Water),
        ("수(水)", Element::Water),
        ("나무", Element::Wood),
        ("목(木)", Element::Wood),
        ("쇠", Element::Metal),
        ("금(金)", Element::Metal),
        ("흙", Element::Earth),
        ("토(土)", Element::Earth),
    ];
    // "제 사주에 화가 많다던데", "성격이 불같대요. 화가 많아서 그런 거죠?": the element's one-syllable name, only
    // with its particle and beside a word of the chart or of a claim heard (not "화가 나요").
    const SYLLABLES: &[(&str, Element)] = &[
        ("화가", Element::Fire),
        ("수가", Element::Water),
        ("목이", Element::Wood),
        ("금이", Element::Metal),
        ("토가", Element::Earth),
    ];
    let of_the_chart =
        ["사주", "오행", "팔자", "기운", "불같", "던데", "다던", "대요", "래요"].iter().any(|w| question.contains(w));
    for (word, element) in SYLLABLES.iter().filter(|_| of_the_chart) {
        for (i, _) in question.match_indices(word) {
            let rest = question[i + word.len()..].trim_start();
            // (Not inside a longer word: "영화가", "변화가", "대화가".)
            let inside = question[..i].chars().next_back().is_some_and(|c| ('가'..='힣').contains(&c));
            if inside {
                continue;
            }
            if ["부족", "없", "약"].iter().any(|w| rest.starts_with(w)) {
                return Some((*element, true));
            }
            if ["많", "넘", "강", "과다", "세"].iter().any(|w| rest.starts_with(w)) {
                return Some((*element, false));
            }
        }
    }
    for (word, element) in WORDS {
        for (i, _) in question.match_indices(word) {
            let rest = &question[i + word.len()..];
            let rest = rest.trim_start_matches(['이', '가', '은', '는', ' ', '기']);
            if ["부족", "없", "약"].iter().any(|w| rest.starts_with(w)) {
                return Some((*element, true));
            }
            if ["많", "넘", "강", "과다", "세서", "세다"].iter().any(|w| rest.starts_with(w)) {
                return Some((*element, false));
            }
        }
    }
    None
}

/// "뭐가 부족해요?": the elements' counts, the missing or weakest, and the 용신 that balances them; a claim the
/// question repeats ("불이 부족하다던데 맞아요?") is answered yes or no from the counts first.
pub fn elements(chart: &Chart, question: &str) -> Plan {
    let els = &chart.elements.elements;
    let word = |e: crate::saju::ganzhi::Element| format!("{}({})", e.hangul(), e.hanja());
    let missing: Vec<String> = els.iter().filter(|e| e.plain == 0).map(|e| word(e.element)).collect();
    let weakest = els.iter().min_by_key(|e| e.plain).expect("five elements");
    let most = els.iter().max_by_key(|e| e.plain).expect("five elements");
    let claim = element_claimed(question).and_then(|(el, lacking)| {
        let n = els.iter().find(|e| e.element == el)?.plain;
        let w = word(el);
        Some(match (lacking, n) {
            (true, n) if n >= 3 || el == most.element => format!(
                "아니요, 이 사주는 {} 부족하지 않습니다. 오히려 {}개로 {} 사주라, 그 기운을 더하는 것은 치우침을 키웁니다.",
                with_particle(&w, "이", "가"),
                n,
                if el == most.element { "가장 많은" } else { "넉넉한" }
            ),
            (true, 0) => format!("네, 드러난 글자에 {} 하나도 없어 부족하다는 말이 맞습니다.", with_particle(&w, "이", "가")),
            (true, n) => format!("{} {n}개로 적은 편이라, 부족하다는 말에 일리가 있습니다.", with_particle(&w, "은", "는")),
            (false, n) if n >= 3 || el == most.element => {
                format!("네, {} {n}개로 이 사주에서 많은 편이 맞습니다.", with_particle(&w, "이", "가"))
            }
            (false, n) => format!(
                "아니요, {} {n}개로 많은 편이 아닙니다. 가장 많은 것은 {}({}개)입니다.",
                with_particle(&w, "은", "는"),
                word(most.element),
                most.plain
            ),
        })
    });
    let head = if let Some(claim) = claim {
        claim
    } else if missing.is_empty() {
        format!("오행이 모두 드러나 있고, 가장 적은 것은 {}({}개)입니다.", word(weakest.element), weakest.plain)
    } else {
        format!("드러난 글자로는 {} 없습니다.", with_particle(&missing.join("·"), "이", "가"))
    };
    let counts: Vec<String> = els.iter().map(|e| format!("{} {}", e.element.hangul(), e.plain)).collect();
    let fav = chart.strength.favourable;
    let (colour, direction, _) = practice(fav);
    let lines = [
        format!("오행 개수(드러난 {}글자): {}.", chart.elements.characters, counts.join(" · ")),
        match super::climate::johu_reason(chart) {
            Some(reason) => format!(
                "다만 채울 것은 없는 오행이 아니라 균형을 잡아 주는 용신으로 봅니다: {reason}은 {}입니다(억부로는 {}).",
                word(fav),
                word(chart.strength.eokbu)
            ),
            None => format!(
                "다만 채울 것은 없는 오행이 아니라 균형을 잡아 주는 용신으로 봅니다: 일간이 {} 용신은 {}입니다.",
                with_particle(&format!("{}(추정)", chart.strength.verdict.hangul()), "이라", "라"),
                word(fav)
            ),
        },
        format!("생활에서는 전통적으로 {colour} 계열의 색, {direction}, 그 오행의 일을 가까이하는 것으로 보완한다고 봅니다."),
    ];
    let mut lines = lines.to_vec();
    lines.extend(super::climate::second_help(chart));
    Plan { head, body: lines.join("\n") }
}

/// An overview when no area was asked: the day master, the month's ten god and strength, the 용신, the
/// running 대운 and this year, and the areas to ask next.
pub fn overview(chart: &Chart, this_year: i32) -> Plan {
    let s = &chart.strength;
    let month_god = chart.pillars.month.branch.ten_god.hangul;
    let head = format!(
        "{} 일간에 월지 {}의 기질을 지닌 {} 사주이고, {} 용신은 {}({})입니다.",
        chart.day_master.name,
        month_god,
        s.verdict.hangul(),
        if s.method == "johu" {
            format!("{}에 태어나 계절의 온도를 맞춰 주는", s.climate.season_words)
        } else {
            "균형을 잡아 주는".to_string()
        },
        s.favourable.hangul(),
        s.favourable.hanja()
    );
    let mut lines = Vec::new();
    if let Some(g) = group_of(month_god) {
        lines.push(format!("타고난 결은 {} 중심이라, {}.", with_particle(group_noun(g), "이", "가"), trait_of(g)));
    }
    if let (Some(now), next) = daeun_at(chart, this_year) {
        let line = group_of(now.stem_ten_god.hangul).map_or("", group_line);
        let mut t = format!("지금은 {}대운({}~{}년)으로 {}입니다.", now.hangul, now.start_year, now.end_year, line);
        if let Some(x) = next {
            t.push_str(&format!(" {}년에는 {}대운으로 바뀝니다.", x.start_year, x.hangul));
        }
        lines.push(t);
    }
    let year = score_years(chart, TimingTopic::General, this_year, 1).remove(0);
    lines.push(format!(
        "올해 {}년({})은 천간 {}·지지 {} 들어오는, {}로 봅니다.",
        this_year,
        year.pillar_hangul,
        year.stem_ten_god,
        with_particle(year.branch_ten_god, "이", "가"),
        year.verdict()
    ));
    lines.push("직업, 재물, 연애, 건강, 대운 가운데 궁금한 분야를 물어 주시면 그 분야로 더 깊이 볼게요.".into());
    Plan { head, body: lines.join("\n") }
}

/// The character a month branch's ten-god group gives, in a clause ("책임감이 강하고 …").
pub(super) fn trait_of(group: TenGodGroup) -> &'static str {
    match group {
        TenGodGroup::BiGeop => "주관이 뚜렷하고 스스로 길을 여는 힘이 있습니다",
        TenGodGroup::SikSang => "생각을 말과 결과물로 풀어내는 재주가 있습니다",
        TenGodGroup::JaeSeong => "현실 감각이 좋고 일을 실속 있게 매듭짓습니다",
        TenGodGroup::GwanSeong => "책임감이 강하고 원칙 안에서 신뢰를 쌓습니다",
        TenGodGroup::InSeong => "사려 깊고 배우며 정리하는 힘이 있습니다",
    }
}

/// The months of `year` that stand out for `area` (월운): the best three, or of the half asked for
/// ("상반기" February–June, "하반기" July–January), with the reason of each.
///
/// `from_month` is this month when `year` is this year: the months already past are left out ("올해 한다면
/// 몇 월?" on 15 March does not offer February).
pub fn months(chart: &Chart, area: TimingTopic, year: i32, question: &str, from_month: Option<u32>) -> String {
    if ["조심", "주의", "피해야", "피할", "안 좋은 달", "나쁜 달"].iter().any(|w| question.contains(w))
    {
        // "시험이 보통 11월인데 그 전에 피해야 할 달": the months before the one named.
        static BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"(\d{1,2})\s?월[^.?!]{0,12}?(?:그 ?전|전에|전까지|앞두)").expect("valid")
        });
        let before = BEFORE.captures(question).and_then(|c| c[1].parse::<u32>().ok()).filter(|m| (2..=12).contains(m));
        return months_to_mind(chart, area, year, before);
    }
    let mut scores = super::timing::calendar_months(chart, area, year);
    // A month before this one is past.
    let past = |solar: u32| from_month.is_some_and(|now| solar < now);
    scores.retain(|m| !past(m.solar_month));
    let half = if question.contains("상반기") {
        Some("상반기")
    } else if question.contains("하반기") {
        Some("하반기")
    } else {
        None
    };
    scores.retain(|m| match half {
        Some("상반기") => (1..=6).contains(&m.solar_month),
        Some(_) => (7..=12).contains(&m.solar_month),
        None => true,
    });
    // A month that clashes with the day or month pillar goes behind one that does not: a 상담가 does not
    // recommend a month whose pillar strikes the day pillar, whatever it brings the area.
    let weight = super::timing::MonthScore::recommend_weight;
    let mut ranked: Vec<&super::timing::MonthScore> = scores.iter().collect();
    ranked.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.number.cmp(&b.number)));
    ranked.truncate(if half.is_some() { 2 } else { 3 });
    ranked.sort_by_key(|m| m.number);
    let months: Vec<String> = ranked.iter().map(|m| format!("{}월", m.solar_month)).collect();
    let weakest = scores
        .iter()
        .filter(|m| !ranked.iter().any(|r| r.number == m.number))
        .min_by(|a, b| weight(a).total_cmp(&weight(b)))
        .filter(|m| weight(m) < 0.0);
    let mut text = format!(
        "{year}년{}{} 가운데 눈여겨볼 달은 양력 {} 무렵입니다.",
        half.map_or(String::new(), |h| format!(" {h}")),
        if from_month.is_some_and(|now| now > 2) { " 남은 달" } else { "" },
        months.join("·")
    );
    if let Some(w) = weakest {
        // (Said with what weighs on it: the strain on the day pillar, else the month's heaviest burden.)
        let why = w
            .cautions
            .first()
            .map(|c| format!("{c}이라 "))
            .or_else(|| {
                w.reasons
                    .iter()
                    .find(|r| is_burden(r))
                    .map(|r| format!("{} 들어 ", with_particle(&reason_in_words(r), "이", "가")))
            })
            .unwrap_or_default();
        text.push_str(&format!(
            " 양력 {}월 무렵({}월)은 {why}무리하지 않는 편이 좋습니다.",
            w.solar_month, w.pillar_hangul
        ));
    }
    for m in &ranked {
        // A month named as one to watch is said for what helps in it, never for its burden alone.
        let why = m
            .reasons
            .iter()
            .find(|r| !is_burden(r))
            .map_or("두드러진 기운은 없지만 그중 나은 달".to_string(), |r| reason_in_words(r));
        let strain = m.cautions.first().map(|c| format!(" (다만 {c})")).unwrap_or_default();
        text.push_str(&format!("\n- {}월({}월): {why}{strain}", m.solar_month, m.pillar_hangul));
    }
    let plans_for = match area {
        TimingTopic::Love => "만남이나 중요한 대화",
        TimingTopic::Career => "면접이나 계약",
        TimingTopic::Wealth => "계약이나 큰 지출",
        TimingTopic::Children => "중요한 계획",
        TimingTopic::Move => "이사나 이동",
        TimingTopic::Study => "시험이나 중요한 제출",
        TimingTopic::General => "결과가 남는 중요한 일",
    };
    text.push_str(&format!(
        "\n달의 기운은 그해({year}년)의 흐름 위에 얹히는 작은 파도라, {} 눈여겨볼 달에 두고, 조심할 달에는 큰 결정보다 준비를 하시면 좋습니다.",
        with_particle(plans_for, "은", "는")
    ));
    text
}

/// "전 올해 안에 나가고 싶은데", "올해 한다면": the user bounds the time to this year, so the answer stays
/// inside it — the months left this year that stand out for `area` — and then says how this year compares
/// with the nearest stronger one.
pub fn within_this_year(chart: &Chart, area: TimingTopic, year: i32, month: u32, question: &str) -> Plan {
    let head = months(chart, area, year, question, Some(month));
    let scores = score_years(chart, area, year, TIMING_YEARS);
    let this = &scores[0];
    let mut body = match area {
        TimingTopic::General => format!("올해 {year}년 자체는 {}로 봅니다.", this.verdict()),
        _ => format!("올해 {year}년 자체는 {}으로 보면 {}입니다.", area_name(area), this.verdict()),
    };
    if let Some(better) = scores
        .iter()
        .skip(1)
        .take(3)
        .filter(|s| s.score > this.score + 1.0)
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.year.cmp(&a.year)))
    {
        body.push_str(&format!(
            " 서두를 이유가 없다면 {}년({})에 더 힘이 실리니, 올해는 준비하고 그때 움직이는 길도 있습니다.",
            better.year, better.pillar_hangul
        ));
    }
    Plan { head, body }
}

/// "조심할 달이 있을까요?": the two weakest months of `year` first, each with what weighs on it, then the
/// month that eases.
fn months_to_mind(chart: &Chart, area: TimingTopic, year: i32, before: Option<u32>) -> String {
    let mut scores = super::timing::calendar_months(chart, area, year);
    scores.retain(|m| before.is_none_or(|b| m.solar_month < b));
    // A month that clashes with the day or month pillar is one to mind even when it helps the area.
    let weight = |m: &super::timing::MonthScore| m.score - m.cautions.len() as f32;
    let mut weakest: Vec<&super::timing::MonthScore> = scores.iter().filter(|m| weight(m) < 0.0).collect();
    weakest.sort_by(|a, b| weight(a).total_cmp(&weight(b)).then(a.number.cmp(&b.number)));
    weakest.truncate(3);
    weakest.sort_by_key(|m| m.number);
    let best = scores
        .iter()
        .filter(|m| m.score > 0.0)
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.number.cmp(&a.number)));
    let mut text = match weakest.as_slice() {
        [] => format!("{year}년에는 특별히 조심할 만큼 부담이 몰리는 달은 두드러지지 않습니다."),
        ms => format!(
            "{year}년에 조금 더 조심할 달은 양력 {} 무렵입니다.",
            ms.iter().map(|m| format!("{}월", m.solar_month)).collect::<Vec<_>>().join("·")
        ),
    };
    for m in &weakest {
        let why = m.reasons.iter().find(|r| is_burden(r)).map(|r| reason_in_words(r));
        let why = match (why, m.cautions.first()) {
            (Some(w), Some(c)) => format!("{w}, {c}"),
            (Some(w), None) => w,
            (None, Some(c)) => c.clone(),
            (None, None) => "부담이 되는 기운이 드는 달".to_string(),
        };
        text.push_str(&format!("\n- {}월({}월): {why}", m.solar_month, m.pillar_hangul));
    }
    if let Some(b) = best {
        text.push_str(&format!("\n한결 편한 달은 양력 {}월({}월) 무렵입니다.", b.solar_month, b.pillar_hangul));
    }
    text.push_str("\n조심할 달이라고 일이 생긴다는 뜻은 아니라, 그 무렵에는 일정과 몸을 넉넉하게 두고 큰 결정은 한 번 더 살피시면 됩니다.");
    text
}

/// What tradition pairs with an element for everyday use: a colour, a direction and a kind of activity.
pub(super) fn practice(e: crate::saju::ganzhi::Element) -> (&'static str, &'static str, &'static str) {
    match e.hangul() {
        "목" => ("초록", "동쪽", "배우고 기획하는 일, 아침 산책처럼 자라나는 기운을 쓰는 일"),
        "화" => ("빨강", "남쪽", "사람 앞에 서고 표현하는 일, 햇볕 아래의 운동"),
        "토" => ("노랑", "중앙", "꾸준한 루틴과 약속을 지켜 신용을 쌓는 일"),
        "금" => ("흰색", "서쪽", "정리와 마감, 결단이 필요한 일과 규칙적인 운동"),
        _ => ("검정·파랑", "북쪽", "공부와 충분한 휴식, 물가를 걷는 시간"),
    }
}

/// "방향도 알려 주세요": the direction tradition pairs with the 용신.
pub fn direction_line(chart: &Chart) -> String {
    let fav = chart.strength.favourable;
    let (_, direction, _) = practice(fav);
    format!(
        "방향은 용신 {}({})에 맞춰 전통적으로 {direction}을 좋게 봅니다. 다만 집은 방향보다 생활 조건이 먼저입니다.",
        fav.hangul(),
        fav.hanja()
    )
}

/// "빚 언제 다 갚을 수 있을까요?", "개인회생 신청하는 게 나을까요 그냥 버틸까요": the years money comes in, never
/// a legal or financial decision from a chart, and where debts are worked out.
pub fn debt(chart: &Chart, this_year: i32, question: &str) -> Plan {
    let road = timing(chart, TimingTopic::Wealth, this_year, 1);
    let decides = ["회생", "파산", "신청", "버틸"].iter().any(|w| question.contains(w));
    let head = if decides {
        "개인회생을 할지는 사주가 아니라 빚의 규모와 소득으로 정할 일이라, 전문 상담부터 받아 보시길 권해요. 사주로는 돈이 들어오는 흐름만 참고로 말씀드릴게요.".to_string()
    } else {
        format!("빚은 운보다 갚는 계획이 줄여 줍니다. 사주로 보면 {}", road.head)
    };
    let mut lines: Vec<String> =
        road.body.lines().filter(|l| l.starts_with("- ")).take(3).map(str::to_string).collect();
    if decides {
        lines.insert(0, format!("- {}", road.head));
        lines.push(
            "- 개인회생·파산은 법원 절차라, 신청 전에 대한법률구조공단 132에서 무료 법률 상담을 먼저 받아 보세요."
                .into(),
        );
    }
    lines.push("- 빚 정리 상담: 신용회복위원회 1600-5500(채무조정·개인회생 안내), 대한법률구조공단 132(법률 상담). 혼자 감당하지 않으셔도 돼요.".into());
    lines.push("- 돈이 들어오는 해에도 새 투자보다 이자 높은 빚부터 줄이는 순서가 가장 확실합니다.".into());
    Plan { head, body: lines.join("\n") }
}

/// "올해가 제 환갑이라는데 환갑 해에는 조심할 게 있다면서요?": the year the birth year's 간지 comes back
/// (환갑, 회갑: the sixty-first year), what it is and is not, and this year read for the chart.
pub fn hwangap(chart: &Chart, this_year: i32) -> Plan {
    let born = super::timing::birth_year(chart);
    let natal = chart.pillars.year.hangul;
    let year_of = born + 60;
    let head = if year_of == this_year {
        format!(
            "네, 올해 {this_year}년({})은 태어난 해의 간지 {natal}가 60년 만에 돌아오는 환갑(회갑)입니다.",
            year_pillar(this_year).hangul()
        )
    } else {
        format!("환갑은 태어난 해의 간지 {natal}가 돌아오는 {year_of}년({})입니다.", year_pillar(year_of).hangul())
    };
    let year = &score_years(chart, TimingTopic::General, year_of.max(this_year), 1)[0];
    let mut lines = vec![
        "- 명리에서 환갑 해 자체를 나쁜 해로 보지는 않아요. 한 바퀴를 돌아 새로 시작하는 해로 여겨, 몸을 살피고 삶을 정리하는 때로 삼습니다.".to_string(),
        format!("- 이 사주로 {}년은 {}입니다. {}.", year.year, year.verdict(), reasons_text(year, 2)),
    ];
    if let Some(c) = caution_text(&year.cautions) {
        lines.push(format!("- {c}"));
    }
    lines.push("- 챙길 것: 건강검진을 미루지 말고, 퇴직금처럼 큰돈이 움직이는 결정은 나누어 천천히 하세요.".into());
    Plan { head, body: lines.join("\n") }
}

/// "이름에 물 수(氵) 들어간 한자는 쓰면 안 돼요?", "시어머니는 불 기운, 작명소는 쇠 기운 넣으래요 누구 말이
/// 맞아요?": elements for a name, weighed against the 용신, the element that feeds it, and the most plentiful.
/// None when the question is not about a name.
pub fn naming(chart: &Chart, question: &str) -> Option<Plan> {
    use crate::saju::ganzhi::Element;
    if !["이름", "작명", "한자", "개명"].iter().any(|w| question.contains(w)) {
        return None;
    }
    const WORDS: [(Element, &[&str]); 5] = [
        // Words with their particle or 기운, so "물어봐요" and "불안" are not water and fire.
        (Element::Wood, &["나무 ", "나무가", "나무를", "목 기운", "목(", "木"]),
        (Element::Fire, &["불 ", "불이", "불을", "불기운", "화 기운", "화(", "火"]),
        (Element::Earth, &["흙 ", "흙이", "흙을", "토 기운", "토(", "土"]),
        (Element::Metal, &["쇠 ", "쇠가", "쇠를", "쇠기운", "금 기운", "금(", "金"]),
        (Element::Water, &["물 ", "물이", "물을", "물기운", "수 기운", "수(", "水", "氵"]),
    ];
    let named: Vec<Element> =
        WORDS.iter().filter(|(_, ws)| ws.iter().any(|w| question.contains(w))).map(|(e, _)| *e).collect();
    let fav = chart.strength.favourable;
    let feeds = Element::ALL.into_iter().find(|e| e.produces() == fav);
    let most = chart.elements.elements.iter().max_by_key(|e| e.plain).map(|e| e.element);
    let word = |e: Element| format!("{}({})", e.hangul(), e.hanja());
    let rank = |e: Element| {
        if e == fav {
            2
        } else if Some(e) == feeds {
            1
        } else if Some(e) == most || e == chart.strength.unfavourable {
            -1
        } else {
            0
        }
    };
    // "이름 지으려는데 부족한 오행이 뭐예요?": the lacking elements answer that (`elements`).
    if named.is_empty() && ["부족", "없는", "뭐가 없"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let head = match named.as_slice() {
        [a, b, ..] => {
            let (better, other) = if rank(*a) >= rank(*b) { (*a, *b) } else { (*b, *a) };
            if rank(better) == rank(other) {
                format!("{}와 {}은 이 사주에 비슷해, 어느 쪽을 넣어도 크게 어긋나지 않습니다. 가장 좋은 건 용신 {}입니다.", word(better), word(other), word(fav))
            } else {
                format!("이 사주로는 {} 기운을 넣자는 말이 더 맞습니다. {}", word(better), if better == fav { format!("{}이 이 사주의 용신이에요.", word(fav)) } else { format!("용신 {}을 돕는 기운이에요.", word(fav)) })
            }
        }
        [e] if rank(*e) < 0 => format!(
            "{} 기운은 이 사주에 이미 많거나 부담이 되는 쪽이라, 이름에서는 줄이는 편이 좋습니다. 꼭 써야 한다면 하나 정도로 두세요.",
            word(*e)
        ),
        [e] if rank(*e) > 0 => format!("네, {} 기운은 이 사주에 도움이 되는 쪽이라 이름에 써도 좋습니다.", word(*e)),
        [e] => format!("{} 기운은 이 사주에 좋지도 나쁘지도 않아, 써도 괜찮습니다.", word(*e)),
        [] => format!("이름에는 용신 {} 기운을 넣는 쪽을 권합니다.", word(fav)),
    };
    let mut lines = vec![format!(
        "- 이 사주는 일간 {}의 힘이 {}(추정)이라 용신은 {}{}.",
        chart.day_master.name,
        chart.strength.verdict.hangul(),
        word(fav),
        feeds.map(|f| format!(", 그 용신을 돕는 기운은 {}", word(f))).unwrap_or_default()
    )];
    if let Some(m) = most {
        lines.push(format!("- 가장 많은 오행은 {}({}개)입니다.", word(m), chart.elements.get(m).plain));
    }
    lines.push("- 작명에서는 한자의 자원오행과 소리오행을 함께 보는데, 학파마다 기준이 달라요. 이름은 뜻과 부르기 쉬움이 먼저이고, 오행은 그 안에서 고르는 참고로 삼으세요.".into());
    Some(Plan { head, body: lines.join("\n") })
}

/// Whether a question asks about a direction ("어느 방향이 좋을까요", "동쪽은 절대 안 돼요?", "방위").
pub fn asks_direction(question: &str) -> bool {
    // ("색이나 방향도 있어요?": the 용신's colour and direction together, as `elements` gives them.)
    ["방향", "방위", "동쪽", "서쪽", "남쪽", "북쪽", "어느 지역", "어느 쪽 지역", "어디 지역", "지역이", "지역 학교"]
        .iter()
        .any(|w| question.contains(w))
        && !question.contains('색')
}

/// "친구가 대출 보증을 서 달래요": no, first — a guarantee hands over someone else's debt whatever the chart
/// says; then what the chart adds (the 비겁 that share out money, the coming year's), a kinder way to help,
/// and where to ask.
pub fn guarantee(chart: &Chart, year: i32, question: &str) -> Plan {
    // (A loan in the user's own name is heavier still: the debt is theirs from the first day.)
    let in_my_name = question.contains("명의");
    let head = if in_my_name {
        "본인 명의로 대출을 받아 주는 것은 권하지 않아요. 보증보다 더 무거운 일이라, 친구가 갚지 못하면 그 빚과 연체 기록이 처음부터 끝까지 본인 이름으로 남습니다. 사주가 좋든 나쁘든 ‘잃어도 괜찮은 돈’이 아니면 하지 않는 것이 원칙입니다.".to_string()
    } else {
        "보증은 권하지 않아요. 보증은 빌린 사람이 못 갚으면 그 빚을 내가 고스란히 떠안는 약속이라, 사주가 좋든 나쁘든 ‘잃어도 괜찮은 돈’이 아니면 서지 않는 것이 원칙입니다.".to_string()
    };
    let mut lines = Vec::new();
    let peers = super::findings::group_count(chart, TenGodGroup::BiGeop);
    lines.push(if peers >= 2 {
        format!("- 이 사주에는 나와 같은 기운(비견·겁재)이 {peers}개 있어, 전통적으로 가까운 사람과 돈이 얽혀 나가기 쉬운 구조로 봅니다. 정 때문에 떠안는 돈을 특히 조심하세요.")
    } else {
        "- 이 사주가 유난히 남의 돈에 휘말리는 구조는 아니지만, 보증은 운보다 계약이 결과를 정합니다.".to_string()
    });
    let gz = year_pillar(year);
    let gods = super::timing::score_years(chart, TimingTopic::Wealth, year, 1)
        .into_iter()
        .next()
        .map(|s| (s.stem_ten_god, s.branch_ten_god));
    if let Some((stem, branch)) = gods.filter(|(a, b)| [*a, *b].iter().any(|g| *g == "겁재" || *g == "비견")) {
        lines.push(format!(
            "- {year}년({})은 천간 {stem}·지지 {branch}의 해라, 남과 나눠 쓰거나 빼앗기는 돈을 더 조심할 해입니다.",
            gz.hangul()
        ));
    }
    lines.push(if in_my_name {
        "- 동업이라면 모자란 보증금은 지분을 조정하거나 시작 규모를 줄여 맞추고, 돈을 보탠다면 못 받아도 생활이 흔들리지 않을 금액만 차용증을 써서 빌려주는 편이 관계도 지킵니다.".to_string()
    } else {
        "- 돕고 싶다면 보증 대신, 못 받아도 생활이 흔들리지 않을 금액만 정해 차용증을 쓰고 빌려주는 편이 관계도 지킵니다.".to_string()
    });
    lines.push(
        "- 보증과 채무 문제는 대한법률구조공단(132)이나 신용회복위원회(1600-5500)에서 무료로 상담받을 수 있어요."
            .to_string(),
    );
    Plan { head, body: lines.join("\n") }
}

/// "이사 방향은요?", "회사가 동쪽인데 동쪽은 절대 안 되는 거예요?": the 용신's direction, and a direction named
/// weighed against the 용신 and the 기신 — a leaning of tradition, never a ban.
pub fn direction(chart: &Chart, question: &str) -> Plan {
    use crate::saju::ganzhi::Element;
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    // Two directions named ("남쪽 동네랑 동쪽 동네"): the better one for this chart is answered.
    let rank = |e: Element| {
        if e == fav {
            2
        } else if e == unfav {
            0
        } else {
            1
        }
    };
    let named = [("동쪽", Element::Wood), ("남쪽", Element::Fire), ("서쪽", Element::Metal), ("북쪽", Element::Water)]
        .into_iter()
        .filter(|(w, _)| question.contains(w))
        .max_by_key(|(_, e)| rank(*e));
    let (_, good, _) = practice(fav);
    let (_, heavy, _) = practice(unfav);
    let head = match named {
        Some((w, e)) if e == fav => format!("네, {w}은 이 사주의 용신 {}({})의 방향이라 전통적으로 좋게 보는 쪽입니다.", fav.hangul(), fav.hanja()),
        Some((w, e)) if e == unfav => format!(
            "{w}이 절대 안 되는 건 아니에요. 전통적으로는 기신 {}({})의 방향이라 덜 권하는 쪽일 뿐, 통근과 생활이 더 중요합니다.",
            unfav.hangul(),
            unfav.hanja()
        ),
        Some((w, _)) => format!("{w}은 이 사주에 좋지도 나쁘지도 않은 방향이라, 방향보다 생활 조건으로 정하셔도 됩니다."),
        None => format!(
            "방향은 용신 {}({})에 맞춰 전통적으로 {good}을 좋게 봅니다.",
            fav.hangul(),
            fav.hanja()
        ),
    };
    let school = ["학교", "대학", "학과", "원서", "유학"].iter().any(|w| question.contains(w));
    let mut lines = vec![
        format!("- 좋게 보는 방향: {good} (용신 {}), 덜 권하는 방향: {heavy} (기신 {}).", fav.hangul(), unfav.hangul()),
        if school {
            "- 방향은 명리의 오행을 방위에 얹어 보는 전통이라 참고일 뿐이에요. 학교는 전공과 성적, 통학과 생활비가 먼저이고, 방향은 두 곳이 비슷할 때 고르는 참고 정도로 쓰세요.".to_string()
        } else {
            "- 방향은 명리의 오행을 방위에 얹어 보는 전통이라 참고일 뿐이에요. 집과 일터는 거리, 생활비, 곁의 사람이 먼저입니다.".to_string()
        },
    ];
    if !school {
        lines.push("- 이사 날의 방향을 따지는 손 없는 날·대장군 방위는 명리와 다른 민속입니다.".to_string());
    }
    Plan { head, body: lines.join("\n") }
}

/// "그때까지 뭘 하면 좋을까요?": steps for the topic, from the 용신 and the topic's next good year.
pub fn advice(chart: &Chart, topic: super::Topic, this_year: i32) -> Plan {
    let fav = chart.strength.favourable;
    let (colour, direction, activity) = practice(fav);
    let head = format!("{} 위해 지금 해 볼 만한 것을 정리해 드릴게요.", with_particle(topic.label(), "을", "를"));
    let step = match topic.timing_area() {
        Some(TimingTopic::Love) => {
            "인연이 드는 해 전에는 모임과 소개의 폭을 넓혀 두고, 원하는 관계를 말로 정리해 두세요."
        }
        Some(TimingTopic::Career) => {
            "바라는 일의 조건(수입, 시간, 사람)을 적어 두고, 필요한 자격과 자금을 미리 준비해 두세요."
        }
        Some(TimingTopic::Wealth) => "지출 구조부터 정리하고 비상금을 먼저 마련한 뒤, 큰돈은 나누어 움직이세요.",
        Some(TimingTopic::Study) => "매일 같은 시간에 같은 분량을 하는 공부 루틴이 가장 큰 힘이 됩니다.",
        Some(TimingTopic::Children) => "몸과 마음의 준비, 그리고 두 분의 충분한 대화가 먼저입니다.",
        Some(TimingTopic::Move) => "옮길 곳의 조건과 예산을 미리 정리해 두면 때가 왔을 때 빠르게 움직일 수 있어요.",
        _ => "하루 루틴 하나를 정해 꾸준히 지키는 것부터 시작해 보세요.",
    };
    let mut lines = vec![
        format!("- {step}"),
        format!(
            "- 이 사주의 용신은 {}, {activity}이 힘이 됩니다. 전통적으로는 {colour} 계열의 색과 {direction}도 용신을 돕는다고 봅니다.",
            with_particle(&format!("{}({})", fav.hangul(), fav.hanja()), "이라", "라")
        ),
    ];
    if let Some(area) = topic.timing_area() {
        // The year the timing answer names first, so the two answers agree.
        let year = best_year(chart, area, this_year, 1);
        lines.push(format!(
            "- {}년({})을 목표 시점으로 잡고 그때까지 차근차근 준비해 보세요.",
            year,
            year_pillar(year).hangul()
        ));
    }
    Plan { head, body: lines.join("\n") }
}

/// "지금 할까요, 내년까지 기다릴까요?": two years side by side for an area, the better one in the headline.
pub fn compare_years(chart: &Chart, area: TimingTopic, first: i32, second: i32) -> Plan {
    let (from, to) = (first.min(second), first.max(second));
    let scores = score_years(chart, area, from, (to - from + 1) as u32);
    let year = |y: i32| scores.iter().find(|s| s.year == y).expect("both years scored");
    let (a, b) = (year(first), year(second));
    let name = area_name(area);
    let field = with_ro(name.trim_end_matches('운').trim());
    // A 상담가 asked "올해요, 내년이요?" names one: by the score, then (scores within a point) by the strains on
    // the day pillar, then by the score however small the gap; only two years alike in all say "비슷".
    let weight = |s: &YearScore| s.score - 0.75 * s.cautions.len() as f32;
    let head = if (a.score - b.score).abs() >= 1.0 {
        let (better, worse) = if a.score > b.score { (a, b) } else { (b, a) };
        format!("{field} 보면 {}년({})이 {}년보다 낫습니다.", better.year, better.pillar_hangul, worse.year)
    } else if weight(a) != weight(b) {
        let (better, worse) = if weight(a) > weight(b) { (a, b) } else { (b, a) };
        format!(
            "{field} 보면 두 해의 기운은 비슷하지만, 굳이 고르면 {}년({})이 {}년보다 조금 낫습니다.",
            better.year, better.pillar_hangul, worse.year
        )
    } else {
        let (early, late) = if a.year < b.year { (a, b) } else { (b, a) };
        format!(
            "{field} 보면 {}년과 {}년은 기운이 비슷해, 준비가 되어 있다면 {}년에, 아니라면 {}년으로 미뤄도 손해가 없습니다.",
            a.year, b.year, early.year, late.year
        )
    };
    let line = |s: &YearScore| {
        let caution = caution_text(&s.cautions).map(|c| format!(" {c}")).unwrap_or_default();
        format!("- {}년 {}: {} — {}.{caution}", s.year, s.pillar_hangul, s.verdict(), reasons_text(s, 2))
    };
    Plan { head, body: [line(a), line(b)].join("\n") }
}

/// How a year sits with the body, for weighing two years of a treatment ("수술을 올해 할까요 내년에 할까요?"):
/// more of the most plentiful element or the 기신 counts against it, an element the chart lacks for it, and
/// every strain on the day pillar against it.
fn health_weight(chart: &Chart, year: i32) -> f32 {
    let gz = year_pillar(year);
    let els = [gz.stem().element(), gz.branch().element()];
    let balance = &chart.elements;
    let most = balance.elements.iter().max_by_key(|e| e.plain).map(|e| e.element);
    let mut w = 0.0;
    for e in els {
        if Some(e) == most {
            w -= 1.0;
        }
        if e == chart.strength.unfavourable {
            w -= 1.0;
        }
        if e == chart.strength.favourable || balance.missing().contains(&e) {
            w += 1.0;
        }
    }
    let strains = score_years(chart, TimingTopic::General, year, 1).remove(0).cautions.len();
    w - strains as f32
}

/// "수술을 올해 하는 게 나아요 내년이 나아요?": the two years' health, the better one first, the doctor's word
/// above both.
pub fn compare_health_years(chart: &Chart, first: i32, second: i32) -> Plan {
    let (a, b) = (health_in_year(chart, first.min(second)), health_in_year(chart, first.max(second)));
    let (wa, wb) = (health_weight(chart, first.min(second)), health_weight(chart, first.max(second)));
    let lean = if wa == wb {
        format!(
            "건강으로 보면 {}년과 {}년은 비슷해, 사주보다 몸 상태와 의사의 판단으로 정하시면 됩니다.",
            first.min(second),
            first.max(second)
        )
    } else {
        let (better, worse) =
            if wa > wb { (first.min(second), first.max(second)) } else { (first.max(second), first.min(second)) };
        format!(
            "건강으로 보면 {better}년({})이 {worse}년보다 몸에 부담이 덜한 해입니다. 다만 수술·치료의 시기는 사주보다 담당 의사의 판단이 먼저예요.",
            year_pillar(better).hangul()
        )
    };
    Plan { head: lean, body: format!("{}\n{}\n\n{}\n{}", a.head, a.body, b.head, b.body) }
}

/// "왜요?": the reasons behind the chart's reading — strength, 용신, and the topic's years when it has them.
pub fn why(chart: &Chart, topic: super::Topic, this_year: i32, year: Option<i32>, question: &str) -> Plan {
    // A year just read for a life area ("2027년이 낫습니다" → "왜요?"): that year's reasons lead.
    if let (Some(area), Some(year)) = (topic.timing_area(), year) {
        let scores = scores_through(chart, area, this_year, year);
        if let Some(y) = scores.iter().find(|s| s.year == year) {
            let st = &chart.strength;
            let head = format!(
                "{} {year}년({})을 그렇게 본 건, 그해에 {}.",
                with_ro(area_name(area).trim_end_matches('운')),
                y.pillar_hangul,
                reasons_text(y, 3)
                    .replace("함께 듭니다", "함께 들기 때문이에요")
                    .replace(" 듭니다", " 들기 때문이에요")
            );
            let mut lines = vec![format!(
                "- 바탕: 일간 {}의 힘이 {}(추정)이라 {}({}) 기운이 필요하고, {}({}) 기운은 부담이 되는 사주입니다.",
                chart.day_master.name,
                st.verdict.hangul(),
                st.favourable.hangul(),
                st.favourable.hanja(),
                st.unfavourable.hangul(),
                st.unfavourable.hanja()
            )];
            lines.extend(st.reasoning.iter().take(2).map(|r| format!("- {r}")));
            if let Some(now) = scores.iter().find(|s| s.year == this_year && this_year != year) {
                lines.push(format!("- 견주어 올해 {this_year}년은 {}입니다. {}.", now.verdict(), reasons_text(now, 2)));
            }
            return Plan { head, body: lines.join("\n") };
        }
    }
    // "다음 대운이 좋다는 게 왜 그런 거예요?": that 대운, read on its own.
    if topic == super::Topic::Daeun {
        if let Some(i) = super::followups::daeun_asked(chart, question, this_year) {
            return super::followups::daeun_detail(chart, i, this_year);
        }
    }
    // The years behind a "when" answer; other answers named no year.
    let area = match topic {
        super::Topic::Timing(a) => Some(a),
        _ => None,
    };
    let s = &chart.strength;
    let head = format!("{} 그렇게 본 근거를 풀어 드릴게요.", with_particle(topic.label(), "을", "를"));
    let mut lines: Vec<String> = s.reasoning.iter().take(3).map(|r| format!("- {r}")).collect();
    lines.push(format!(
        "- 그래서 일간 {}의 힘은 {}(추정)이고, 균형을 잡아 주는 용신은 {}({}), 부담이 되는 기신은 {} 봅니다.",
        chart.day_master.name,
        s.verdict.hangul(),
        s.favourable.hangul(),
        s.favourable.hanja(),
        with_ro(&format!("{}({})", s.unfavourable.hangul(), s.unfavourable.hanja()))
    ));
    if let Some(area) = area {
        let year = best_year(chart, area, this_year, 1);
        let scores = score_years(chart, area, this_year, TIMING_YEARS);
        if let Some(top) = scores.iter().find(|s| s.year == year) {
            lines.push(format!("- {}년을 꼽은 이유: {}.", top.year, reasons_text(top, 4)));
        }
    }
    Plan { head, body: lines.join("\n") }
}

/// The symbolic stars a question can name, by the words people use: (words, the star's code, its name).
const STARS: [(&[&str], &str, &str); 10] = [
    (&["도화"], "dohwa", "도화살"),
    (&["역마"], "yeokma", "역마살"),
    (&["화개"], "hwagae", "화개살"),
    (&["천을귀인", "천을"], "cheoneul_gwiin", "천을귀인"),
    (&["양인"], "yangin", "양인살"),
    (&["괴강"], "goegang", "괴강살"),
    (&["백호"], "baekho", "백호살"),
    (&["문창"], "munchang", "문창귀인"),
    (&["홍염"], "hongyeom", "홍염살"),
    (&["귀문"], "gwimungwan", "귀문관살"),
];

/// What each star is read as, in one plain clause (the passages say more).
pub(super) fn star_meaning(code: &str) -> &'static str {
    match code {
        "dohwa" => "사람을 끄는 매력과 인기, 예술적 감각으로 읽는 별",
        "yeokma" => "이동·출장·해외·이사처럼 움직임이 많은 삶으로 읽는 별",
        "hwagae" => "학문·종교·예술처럼 혼자 깊이 파고드는 기질로 읽는 별",
        "cheoneul_gwiin" => "어려울 때 돕는 사람이 나타나는 복으로 읽는 길신",
        "yangin" => "강한 추진력과 승부욕, 다만 과하면 다툼으로 읽는 별",
        "goegang" => "강한 리더십과 결단력으로 읽는 별",
        "baekho" => "강한 기운과 추진력, 몸과 안전을 조심하라는 뜻으로 읽는 별",
        "munchang" => "글과 공부, 시험에 재주가 있다고 읽는 길신",
        "hongyeom" => "정이 많고 이성에게 주목받는 매력으로 읽는 별",
        "gwimungwan" => "예민한 직관과 감수성으로 읽는 별",
        _ => "",
    }
}

/// "도화살 있나요?": yes or no first, with where the star sits and what it is read from; then the chart's
/// other stars. `None` when the question names no star.
pub fn shinsal_question(chart: &Chart, question: &str) -> Option<Plan> {
    let (_, code, name) = star_in(question)?;
    Some(shinsal_plan(chart, code, name))
}

/// The engine's code of the symbolic star a question names, if any.
pub fn star_named(question: &str) -> Option<&'static str> {
    star_in(question).map(|(_, code, _)| *code)
}

fn star_in(question: &str) -> Option<&'static (&'static [&'static str], &'static str, &'static str)> {
    STARS.iter().find(|(words, _, _)| words.iter().any(|w| question.contains(w)))
}

fn shinsal_plan(chart: &Chart, code: &str, name: &str) -> Plan {
    let found = chart.shinsal.iter().find(|s| s.code == code);
    let head = match found {
        Some(s) => {
            let at = s.positions.iter().map(|p| p.hangul()).collect::<Vec<_>>().join("·");
            // "일주에 괴강살이 있습니다" — the basis said only when it is not the seat itself.
            let basis = if s.basis.starts_with(at.as_str()) { String::new() } else { format!("({})", s.basis) };
            format!("네, 이 사주의 {at}에 {} 있습니다{basis}.", with_particle(name, "이", "가"))
        }
        None if chart.pillars.hour.is_none() => {
            format!("세 기둥(년·월·일주)에는 {}이 없습니다. 시주는 태어난 시각을 몰라 보지 못했습니다.", name)
        }
        None => format!("아니요, 이 사주에는 {}이 없습니다.", name),
    };
    let mut lines = vec![format!("{}은 {}입니다.", name, star_meaning(code))];
    if found.is_some() {
        lines.push(
            "신살은 사주의 큰 틀(일간, 오행의 균형, 용신)에 더하는 양념 같은 것이라, 좋고 나쁨을 신살 하나로 정하지는 않습니다."
                .into(),
        );
    }
    let others: Vec<String> = chart
        .shinsal
        .iter()
        .filter(|s| s.code != code)
        .map(|s| format!("{}({})", s.hangul, s.positions.iter().map(|p| p.hangul()).collect::<Vec<_>>().join("·")))
        .fold(Vec::new(), |mut seen: Vec<String>, s| {
            // One star found from two bases (연지 and 일지) is one star.
            if !seen.contains(&s) {
                seen.push(s);
            }
            seen
        });
    if !others.is_empty() {
        lines.push(format!("이 사주에 있는 다른 신살: {}.", others.join(", ")));
    }
    Plan { head, body: lines.join("\n") }
}

/// A feeling told with no question ("요즘 너무 힘들어요"): where this year stands for the chart, the next
/// year that eases, someone to talk to, and an offer to look at what weighs most.
/// "쉰다면 몇 달이나 쉬어도 돼요? 돈은 6개월치 있어요": the months from next month until the first one that
/// carries work again (a good score and no strain on the day pillar), as a number, with the savings said
/// weighed against it. None when the question does not ask how long to rest.
pub fn rest_months(chart: &Chart, question: &str, this_year: i32, this_month: u32) -> Option<Plan> {
    let asks = ["몇 달", "몇달", "몇 개월", "몇개월", "얼마나"].iter().any(|w| question.contains(w))
        && ["쉬", "휴식", "놀아", "공백"].iter().any(|w| question.contains(w));
    if !asks {
        return None;
    }
    let months: Vec<(i32, u32)> = (1..=12)
        .map(|k| {
            let m0 = this_month as i32 - 1 + k;
            (this_year + m0.div_euclid(12), (m0.rem_euclid(12) + 1) as u32)
        })
        .collect();
    let scored: Vec<((i32, u32), super::timing::MonthScore)> = months
        .iter()
        .map(|&(y, m)| ((y, m), super::followups::month_score(chart, TimingTopic::Career, y, m)))
        .collect();
    let (k, ((y, m), s)) = scored
        .iter()
        .enumerate()
        .find(|(_, (_, s))| s.score >= 1.0 && s.cautions.is_empty())
        .or_else(|| scored.iter().enumerate().max_by(|a, b| a.1 .1.score.total_cmp(&b.1 .1.score)))?;
    let rest = k + 1;
    static SAVED: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(\d{1,2})\s*(?:개월|달)\s*치").expect("valid"));
    let saved: Option<usize> = SAVED.captures(question).and_then(|c| c[1].parse().ok());
    let head = format!(
        "사주로 보면 {rest}달 정도 쉬고, {y}년 {m}월({}월) 무렵부터 다시 움직이는 흐름을 권해요. 그달이 일의 운이 다시 힘을 받는 첫 달입니다.",
        s.pillar_hangul
    );
    let mut lines = vec![format!("- {y}년 {m}월 {}월: {}.", s.pillar_hangul, s.verdict())];
    if let Some(saved) = saved {
        if rest + 2 > saved {
            lines.push(format!(
                "- 다만 모아 둔 돈이 {saved}달치라, 늦어도 {}달째에는 구직을 시작해 두는 편이 안전해요. 쉬는 동안에도 이력서 정리는 미리 해 두세요.",
                saved.saturating_sub(2).max(1)
            ));
        } else {
            lines.push(format!(
                "- 모아 둔 {saved}달치 안에서 넉넉히 쉴 수 있는 기간이에요. 마지막 두 달은 구직 준비에 쓰세요."
            ));
        }
    }
    lines.push(
        "- 쉬는 기간은 끝나는 날을 미리 정해 두면 불안이 덜하고, 몸과 마음이 회복되는 것이 무엇보다 먼저입니다.".into(),
    );
    Some(Plan { head, body: lines.join("\n") })
}

/// A fear for someone's safety or health: "다칠까봐", "쓰러질까봐", "아플까봐", "잘못될까", "이번 겨울 잘 넘기실까요".
pub fn fears_harm(question: &str) -> bool {
    ["다칠까", "쓰러질까", "아플까", "잘못될까", "사고 날까", "사고날까", "다치지 않을", "잘 넘기", "무사히", "무사할"]
        .iter()
        .any(|w| question.contains(w))
}

/// "다른 데선 올해 대박난다던데요? 여긴 왜 달라요", "그럼 거기가 틀린 거예요?": why a reading elsewhere can say
/// otherwise — most read the 띠 or the day master alone — and what this chart's own facts say of the year: the
/// rules that fired and the strains on the day pillar. None when the message pushes back on nothing.
pub fn pushback(chart: &Chart, question: &str, area: TimingTopic, year: i32) -> Option<Plan> {
    let elsewhere =
        ["다른 데", "다른데", "딴 데", "딴데", "다른 곳", "다른곳", "다른 앱", "다른 사이트", "점집", "철학관"]
            .iter()
            .any(|w| question.contains(w));
    let claim = ["던데", "라던", "다던", "래요", "대요", "했는데", "틀린", "왜 달라", "다르게", "다른 말"]
        .iter()
        .any(|w| question.contains(w));
    if !(elsewhere && claim) {
        return None;
    }
    let y = &score_years(chart, area, year, 1)[0];
    let good: Vec<String> = y.reasons.iter().filter(|r| !is_burden(r)).take(2).map(|r| reason_in_words(r)).collect();
    let mut against: Vec<String> =
        y.reasons.iter().filter(|r| is_burden(r)).take(2).map(|r| reason_in_words(r)).collect();
    against.extend(y.cautions.iter().cloned());
    let head = format!(
        "같은 해를 두고도 풀이가 다를 수 있어요. 이곳은 띠나 일간 하나가 아니라 이 사주의 여덟 글자 전체와 {}년({})이 만나는 자리를 따져, {}년 {} {} 봤습니다.",
        year,
        y.pillar_hangul,
        year,
        with_particle(area_name(area), "은", "는"),
        with_ro(y.verdict())
    );
    let mut lines = Vec::new();
    if !good.is_empty() {
        lines.push(format!("- 좋게 보는 근거: {}.", good.join(", ")));
    }
    if !against.is_empty() {
        lines.push(format!(
            "- 조심스럽게 보는 근거: {}. 많은 풀이가 이런 부담과 부딪힘은 빼고 띠와 해의 관계만 보기 때문에 더 좋게 나오곤 합니다.",
            against.join(", ")
        ));
    }
    lines.push("- 그러니 어느 쪽이 틀렸다기보다 보는 범위가 다른 거예요. 좋은 기운은 살리고, 짚은 부딪힘만 조심하시면 두 풀이를 함께 쓰실 수 있어요.".into());
    Some(Plan { head, body: lines.join("\n") })
}

pub fn comfort(chart: &Chart, this_year: i32, question: &str) -> Plan {
    let scores = score_years(chart, TimingTopic::General, this_year, 6);
    let now = &scores[0];
    let head = if now.score > 0.0 {
        format!(
            "사주로 보면 올해 {this_year}년은 {}라, 지금의 어려움은 머무는 것이 아니라 지나가는 고비로 봅니다.",
            now.verdict()
        )
    } else if now.score == 0.0 {
        format!(
            "사주로 보면 올해 {this_year}년은 크게 밀어 주는 기운도 막아서는 기운도 없는 해라, 지금의 버거움은 운이 막혀서라기보다 그동안 쌓인 피로에 가까워 보여요."
        )
    } else {
        format!("사주로 보면 올해 {this_year}년은 {}라, 지금 버겁게 느껴지시는 것도 무리가 아니에요.", now.verdict())
    };
    let mut lines = Vec::new();
    // "제 탓인 것 같고": the blame answered first.
    if ["제 탓", "내 탓", "제탓", "내탓", "제 잘못", "내 잘못", "저 때문", "나 때문", "제가 부족", "제가 못나"]
        .iter()
        .any(|w| question.contains(w))
    {
        lines
            .push("먼저, 이건 누구의 탓으로 정해지는 일이 아니에요. 사주도 탓할 사람을 가리키지 않습니다.".to_string());
    }
    if let Some(b) = scores
        .iter()
        .skip(1)
        .filter(|s| s.score > now.score.max(0.0))
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.year.cmp(&a.year)))
    {
        let why = b.reasons.first().map_or(String::new(), |r| format!(" — {}", reason_in_words(r)));
        lines.push(format!("숨이 트이는 때로는 {}년({})이 꼽힙니다{why}.", b.year, b.pillar_hangul));
    }
    lines.push(
        "혼자 견디기 버거우시면 가까운 사람에게 털어놓거나, 정신건강위기상담 1577-0199(24시간)에서도 이야기를 들어 줍니다."
            .to_string(),
    );
    lines.push(
        "무엇이 가장 마음에 걸리는지(일, 돈, 사람, 건강) 말씀해 주시면 그 부분을 사주로 함께 볼게요.".to_string(),
    );
    Plan { head, body: lines.join("\n") }
}

/// A child's chart asked about marriage ("커서 결혼은 잘 할까요?"): not read as an adult's; the seat's lean
/// only, and what helps now.
pub fn child_love(chart: &Chart, this_year: i32) -> Plan {
    let age = this_year - super::timing::birth_year(chart);
    let seat = chart.pillars.day.branch.ten_god.hangul;
    let head = format!("아이가 아직 {age}살이라, 결혼이나 배우자운을 지금 단정해 읽지는 않는 것이 좋아요.");
    let body = format!(
        "어린 사주의 배우자운은 대운이 몇 번 바뀌며 크게 달라진다고 보아, 지금은 타고난 관계의 결 정도만 참고합니다. 배우자 자리인 일지 {}에 {}이 있어, {}\n\
         지금은 아이가 사람을 믿고 마음을 말로 표현해 보는 경험을 많이 쌓게 해 주는 것이 훗날 좋은 인연의 바탕이 됩니다.",
        chart.pillars.day.branch.hangul,
        seat,
        super::reading::spouse_seat(seat)
    );
    Plan { head, body }
}

/// "유치원에서 친구랑 자꾸 싸운대요", "친구 문제로 힘들어해요" about a child: how the child's chart meets friends
/// (비겁 peers, 식상 the voice, 관성 the rules), this year and next for the child's day branch, and what a parent
/// can do — not an adult's reading and not a help line.
pub fn child_friends(chart: &Chart, this_year: i32) -> Plan {
    use super::findings::group_count;
    let n = |g| group_count(chart, g);
    let age = this_year - super::timing::birth_year(chart);
    let (peers, voice, rules) = (n(TenGodGroup::BiGeop), n(TenGodGroup::SikSang), n(TenGodGroup::GwanSeong));
    let strong = chart.strength.verdict.is_strong();
    let head = match (peers, strong) {
        (p, true) if p >= 2 => format!(
            "{age}살 아이의 사주에 친구·또래를 뜻하는 비겁이 {p}개로 많고 힘도 센 편이라, 또래와 어울리기를 좋아하지만 내 뜻을 굽히기 어려워 부딪히기 쉬운 결이에요."
        ),
        (0, _) => format!(
            "{age}살 아이의 사주에는 또래를 뜻하는 비겁이 드러나지 않아, 친구 사이의 밀고 당기기가 아직 낯설고 서툰 결이에요."
        ),
        (p, _) => format!(
            "{age}살 아이의 사주에 또래를 뜻하는 비겁이 {p}개 있어 친구를 좋아하지만, 마음이 여린 편이라 다툼에 상처를 오래 담아 두기 쉬워요."
        ),
    };
    let mut lines = Vec::new();
    lines.push(if voice >= 2 {
        format!("- 표현을 뜻하는 식상이 {voice}개라 말이 빠르고 솔직해요. 속상함이 말이나 행동으로 먼저 튀어나오기 쉬우니, \"화났구나\" 하고 감정에 이름을 붙여 주면 금방 가라앉아요.")
    } else if voice == 0 {
        "- 표현을 뜻하는 식상이 드러나지 않아 속상한 걸 말로 잘 못 꺼내요. 다그치기보다 놀이나 그림으로 먼저 풀게 해 주세요.".to_string()
    } else {
        "- 표현을 뜻하는 식상이 하나 있어, 차분히 물어 주면 자기 마음을 말로 꺼낼 수 있는 아이예요.".to_string()
    });
    if rules == 0 {
        lines.push("- 규칙을 뜻하는 관성이 드러나지 않아 '차례 지키기, 같이 쓰기' 같은 약속을 집에서 미리 연습해 두면 도움이 돼요.".to_string());
    }
    let branch = chart.pillars.day.branch.hangul;
    for year in [this_year, this_year + 1] {
        let strain = super::timing::strains(chart, crate::saju::pillars::year_pillar(year));
        if let Some(s) = strain.first() {
            lines.push(format!("- {year}년은 {s}, 관계에서 예민해지기 쉬운 해라 평소보다 더 자주 들어 주세요."));
            break;
        }
    }
    lines.push(format!(
        "- 일지 {branch}의 결을 보면 친구 관계는 아이를 바꾸기보다 어울리는 방식을 가르쳐 주는 쪽이 맞아요. 선생님과 상황을 함께 확인하고, 잘 지낸 날을 꼭 칭찬해 주세요."
    ));
    Plan { head, body: lines.join("\n") }
}

/// Whether a question asks whether to hold on where one is this year: "올해는 버티는 게 맞을까요?".
pub fn asks_endure(question: &str) -> bool {
    ["버티는 게", "버티는게", "버텨야", "버틸까", "버티는 편", "참고 다녀", "참아야 할까", "존버"]
        .iter()
        .any(|w| question.contains(w))
}

/// "올해는 버티는 게 맞을까요?": yes or no first, from this year against the area's best coming year.
pub fn endure(chart: &Chart, area: TimingTopic, this_year: i32) -> Plan {
    let scores = score_years(chart, area, this_year, TIMING_YEARS);
    let now = &scores[0];
    // The nearest year that reads better than this one: what holding on waits for.
    let best = scores
        .iter()
        .skip(1)
        .find(|s| s.score > now.score && s.score > 0.0)
        .map_or_else(|| best_year(chart, area, this_year, 1), |s| s.year);
    let name = area_name(area);
    let head = if best == this_year || now.score >= 2.0 {
        format!(
            "아니요, 올해 {this_year}년({})은 {} 오히려 힘이 실리는 해라, 버티기만 하기보다 준비된 만큼 움직여 볼 만합니다.",
            now.pillar_hangul,
            with_particle(name, "이", "가")
        )
    } else {
        format!(
            "네, 올해는 준비하며 버티는 쪽이 낫습니다. {} {best}년({})에 더 힘이 실리기 때문이에요.",
            with_particle(name, "은", "는"),
            year_pillar(best).hangul()
        )
    };
    let mut lines = vec![format!("- 올해 {this_year}년: {}로 봅니다. {}.", now.verdict(), reasons_text(now, 2))];
    if let Some(b) = scores.iter().find(|s| s.year == best && best != this_year) {
        lines.push(format!("- {best}년: {}.", reasons_text(b, 2)));
    }
    lines.push(
        "버틴다는 건 참기만 하는 게 아니라, 그때 움직일 수 있게 이력과 자금, 몸과 마음을 다져 두는 시간이라는 뜻입니다. 몸이나 마음이 먼저 무너질 것 같다면 해보다 나 자신이 우선이에요."
            .to_string(),
    );
    Plan { head, body: lines.join("\n") }
}

/// Whether a health question asks how an illness will go ("이겨내실 수 있을까요?", "나을 수 있을까요?") or
/// what one can do for the one who is ill ("뭘 해드리면 좋을까요?").
pub fn asks_course_or_care(question: &str) -> bool {
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "이겨내",
        "이겨낼",
        "나을수",
        "나을까",
        "낫을",
        "완치",
        "회복될",
        "회복할",
        "살수있",
        "버틸수",
        "넘기실수",
        "넘길수",
        "넘기실까",
        "넘기시겠",
        "고비를",
        "얼마나사",
        "얼마나더사",
        "오래사실",
        "오래못사",
        "해드리",
        "해드릴",
        "도와드",
        "뭘해주",
        "해줄수",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// An illness asked about: honestly, the chart does not tell its course; then what helps, the 용신's everyday
/// practice as the tradition's small part, and where to ask.
pub fn illness_care(chart: &Chart, question: &str) -> Plan {
    let care = ["해드리", "해 드리", "도와드", "해줄", "해 줄", "뭘 하면"].iter().any(|w| question.contains(w));
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    // "엄마 내년 넘기실 수 있을까요…": a question of survival, the heaviest there is.
    let survival = ["넘기실", "넘길수", "고비", "얼마나사", "얼마나더사", "오래사실", "오래못사", "살수있"]
        .iter()
        .any(|w| q.contains(w));
    let head = if care {
        "곁에서 마음을 쓰시는 것 자체가 가장 큰 힘이 됩니다. 사주로 보면 이런 것들이 도움이 돼요.".to_string()
    } else if survival {
        "그 물음을 꺼내기까지 얼마나 마음이 무거우셨을지요. 솔직하게 말씀드리면, 사주는 수명이나 병의 경과를 정해 두지 않고 알려 줄 수도 없어요. 앞으로의 예후는 담당 의료진이 가장 정확히 말해 줄 수 있으니, 궁금한 것을 그대로 여쭤보셔도 괜찮아요.".to_string()
    } else {
        "솔직하게 말씀드리면, 사주로는 병이 어떻게 흘러갈지, 치료가 잘될지를 알 수 없어요. 그건 담당 의료진이 가장 정확히 말해 줄 수 있습니다.".to_string()
    };
    let fav = chart.strength.favourable;
    let (colour, _, activity) = practice(fav);
    let mut lines = if care {
        vec![
            format!(
                "- 이 사주는 {}({}) 기운이 힘이 되는 사주라, {activity}을 함께 해 드리면 전통적으로 기운을 북돋는다고 봅니다.",
                fav.hangul(),
                fav.hanja()
            ),
            "- 진료에 함께 가서 설명을 같이 들어 드리고, 궁금한 것을 미리 적어 가면 마음이 한결 놓이십니다.".to_string(),
            "- 걱정을 앞세우기보다 평소처럼 이야기를 나누고, 좋아하시는 것을 함께하는 시간이 큰 위로가 됩니다.".to_string(),
            "- 병원의 사회복지팀이나 환우회처럼 보호자를 돕는 곳도 있으니, 혼자 짊어지지 마세요.".to_string(),
        ]
    } else {
        vec![
            format!(
                "- 이 사주의 용신은 {}, 전통적으로는 {activity}이 기운을 북돋는다고 봅니다. 곁에 {colour} 계열의 물건을 두는 것도 작은 응원이 됩니다.",
                with_particle(&format!("{}({})", fav.hangul(), fav.hanja()), "이라", "라")
            ),
            "- 치료 일정에 함께 가 주고, 식사와 잠을 챙기고, 걱정보다 일상의 이야기를 나누는 것이 가장 현실적인 도움입니다.".to_string(),
            "- 돌보는 분도 지치기 쉬우니, 혼자 다 짊어지지 말고 가족과 나누어 주세요.".to_string(),
        ]
    };
    if question.contains("암") {
        lines.push(
            "- 암 치료와 돌봄에 관한 궁금한 점은 국가암정보센터(1577-8899)에서 상담받을 수 있습니다.".to_string(),
        );
    }
    if !care {
        lines.insert(
            0,
            "- 사주가 말해 줄 수 있는 것은 몸과 마음을 어떻게 돌보면 좋은지 정도이고, 결과를 정하지는 않습니다."
                .to_string(),
        );
    }
    Plan { head, body: lines.join("\n") }
}

/// "딸이 너무 우울해해요 제가 뭘 해줘야 할까요": someone close who is low, and what the one asking can do —
/// presence before advice, one line from the chart read (what props this chart up), the day's rhythm kept,
/// and when and where to get help.
pub fn support(chart: &Chart, year: i32) -> Plan {
    let head = "곁에서 어떻게든 도우려는 마음이 느껴져요. 지금은 답을 주기보다, 평가 없이 곁에 있어 주는 것이 가장 큰 도움이 됩니다.".to_string();
    let count = |g| super::findings::group_count(chart, g);
    let young = year - super::timing::birth_year(chart) < 20;
    let mut lines = vec![if count(TenGodGroup::InSeong) == 0 {
        "- 이 사주에는 나를 받쳐 주는 인성(배움·어른의 도움)이 드러나 있지 않아, 스스로를 다그치기 쉽고 기댈 곳이 있을 때 힘을 얻는 편이에요. 지금은 들어 주는 가족이 그 역할을 해 줍니다.".to_string()
    } else if count(TenGodGroup::SikSang) >= 3 {
        "- 말과 표현으로 풀어내야 마음이 가벼워지는 사주라, 함께 걸으며 가볍게 이야기 나누는 시간이 도움이 돼요."
            .to_string()
    } else {
        let fav = chart.strength.favourable;
        let (_, _, activity) = practice(fav);
        format!(
            "- 이 사주는 {}({}) 기운이 힘이 되는 사주라, 전통적으로는 {activity}이 기운을 북돋운다고 봐요. 함께할 수 있는 작은 것부터 권해 보세요.",
            fav.hangul(),
            fav.hanja()
        )
    }];
    lines.push(
        "- 시험이나 앞날 이야기는 잠시 미루고, 밥과 잠, 짧은 산책처럼 하루의 리듬을 함께 지켜 주세요.".to_string(),
    );
    lines.push(format!(
        "- 우울한 기분이 2주 넘게 이어지거나 ‘사라지고 싶다’는 말을 한다면 바로 도움을 받으세요: 정신건강위기상담 1577-0199, 자살예방상담전화 109(24시간){}.",
        if young { ", 청소년 상담 1388" } else { "" }
    ));
    lines.push("- 돌보는 분의 마음도 지치기 쉬우니, 혼자 다 짊어지지 마세요.".to_string());
    Plan { head, body: lines.join("\n") }
}

/// Health in one year ("건강운 내년은요?"): whether the year's two characters add to the chart's most
/// plentiful element, bring one it lacks, or bring its 기신, with the organs tradition links to them.
pub fn health_in_year(chart: &Chart, year: i32) -> Plan {
    use crate::saju::ganzhi::Element;
    let gz = year_pillar(year);
    let els = [gz.stem().element(), gz.branch().element()];
    let balance = &chart.elements;
    let most = balance.elements.iter().max_by_key(|e| e.plain).map(|e| e.element).unwrap_or(Element::Earth);
    let missing = balance.missing();
    let word = |e: Element| format!("{}({})", e.hangul(), e.hanja());
    let organs = |e: Element| super::reading::organs(e.code());
    let (head, why) = if els.contains(&most) {
        (
            format!(
                "{year}년({})은 건강으로 보면 이미 많은 {}의 기운이 더해지는 해라, {} 평소보다 챙길 해입니다.",
                gz.hangul(),
                word(most),
                with_particle(organs(most), "을", "를")
            ),
            format!(
                "원국에 {} {}개로 가장 많은데, {year}년의 {}에도 같은 기운이 있어 치우침이 커진다고 봅니다.",
                with_particle(&word(most), "이", "가"),
                balance.get(most).plain,
                gz.hangul()
            ),
        )
    } else if let Some(m) = els.iter().find(|e| missing.contains(e)) {
        (
            format!(
                "{year}년({})은 건강으로 보면 원국에 없던 {} 들어와 균형을 돕는 해입니다.",
                gz.hangul(),
                with_particle(&word(*m), "이", "가")
            ),
            format!(
                "{} 쪽({})이 채워지는 해라, 그 부분을 돌보는 생활 습관이 잘 붙는다고 봅니다.",
                word(*m),
                organs(*m)
            ),
        )
    } else if els.contains(&chart.strength.unfavourable) {
        let e = chart.strength.unfavourable;
        (
            format!(
                "{year}년({})은 건강으로 보면 기신 {} 드는 해라, 무리하지 않고 쉬는 때를 정해 두면 좋은 해입니다.",
                gz.hangul(),
                with_particle(&word(e), "이", "가")
            ),
            format!(
                "기신은 이 사주의 균형을 흔드는 기운이라, 그해에는 {} 쪽의 피로가 쌓이기 쉽다고 봅니다.",
                organs(e)
            ),
        )
    } else {
        (
            format!("{year}년({})은 건강으로 보면 크게 치우치는 기운 없이 무난한 해입니다.", gz.hangul()),
            format!(
                "다만 원국에서 가장 많은 {}의 자리({})는 해마다 꾸준히 살피는 것이 좋습니다.",
                word(most),
                organs(most)
            ),
        )
    };
    let body = format!(
        "{why}\n정기 검진을 미루지 않고, 수면과 식사 시간을 일정하게 지키는 것이 어떤 해에나 가장 확실한 대비입니다."
    );
    Plan { head, body }
}

/// "아기 얘기는 누구 사주로 보는 거예요? 제 거요 남편 거요?", "누구 기준으로 해요?": whose chart a shared matter is
/// read from.
pub fn asks_whose_chart(question: &str) -> bool {
    ["누구 사주", "누구사주", "누구 기준", "누구기준", "누구 거", "누구꺼", "누구 꺼", "누구 걸"]
        .iter()
        .any(|w| question.contains(w))
}

/// Whose chart answers a matter two share: both, and why; for children the stars each reads.
pub fn whose_chart(chart: &Chart, partner: &Chart, names: (&str, &str), area: TimingTopic) -> Plan {
    if area != TimingTopic::Children {
        return Plan {
            head: "함께 하는 일은 어느 한 분이 아니라 두 분 사주를 모두 봐요.".into(),
            body: [
                "- 먼저 어느 한쪽에 충이 드는 날이나 해를 피하고, 그다음 두 분 모두에게 무난한 때를 고릅니다.",
                "- 집안의 가장이나 명의자 한 사람을 기준으로 삼는 관습도 있지만, 명리에서 정해진 규칙은 아니에요.",
                "- 앞의 답도 두 분의 사주를 나란히 놓고 본 것입니다.",
            ]
            .join("\n"),
        };
    }
    let count = |c: &Chart, g| super::findings::group_count(c, g);
    let star = |c: &Chart| match c.gender() {
        Some(crate::saju::chart::input::Gender::Male) => ("관성", count(c, TenGodGroup::GwanSeong)),
        _ => ("식상", count(c, TenGodGroup::SikSang)),
    };
    let hour =
        |c: &Chart| c.pillars.hour.as_ref().map_or("시주 모름".to_string(), |h| format!("시주 {}", h.hangul));
    let (sa, na) = star(chart);
    let (sb, nb) = star(partner);
    Plan {
        head: "아이는 어느 한 분이 아니라 두 분 사주를 함께 봐요.".into(),
        body: [
            "- 여성은 식상(내가 낳고 기르는 기운), 남성은 관성(나를 이어 가는 기운)을 자녀의 별로 보고, 두 사람 모두 시주를 자녀 자리로 봅니다.".to_string(),
            format!("- {}: {sa} {na}개, {}.", names.0, hour(chart)),
            format!("- {}: {sb} {nb}개, {}.", names.1, hour(partner)),
            "- 그래서 아이를 갖는 때도 한쪽 해만 좋은 때보다 두 분 모두에게 무난한 해를 먼저 꼽았어요. 다만 아이는 사주보다 두 분의 몸과 준비가 먼저입니다.".to_string(),
        ]
        .join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn an_element_claimed_by_its_one_syllable_name_is_checked_only_as_the_charts() {
        use crate::saju::ganzhi::Element;
        assert_eq!(element_claimed("제 사주에 화가 많다던데 맞아요?"), Some((Element::Fire, false)));
        assert_eq!(element_claimed("다들 성격이 불같대요. 화가 많아서 그런 거죠?"), Some((Element::Fire, false)));
        assert_eq!(element_claimed("사주에 수가 부족하대요"), Some((Element::Water, true)));
        assert_eq!(element_claimed("요즘 화가 많이 나요"), None);
        assert_eq!(element_claimed("사주 보다가 영화가 많이 생각나요"), None);
        // 1979-05-30 11:10 (기미 기사 정유 병오): 화 4.
        let p = elements(&chart("1979-05-30T11:10", "female"), "제 사주에 화가 많다던데 맞아요?");
        assert!(p.head.starts_with("네, 화(火)가 4개로"), "{}", p.head);
    }

    #[test]
    fn a_month_that_strikes_the_day_pillar_is_not_recommended_and_the_one_to_mind_says_why() {
        // 1990-07-14 10:20 (경진 일주, 월지 미): 2027년 1월 신축월 is 축미충 with the month branch.
        let text = months(&chart("1990-07-14T10:20", "female"), TimingTopic::General, 2027, "몇 월쯤부터", None);
        let (named, rest) = text.split_once('\n').expect("lines");
        assert!(!named.contains("1월·") && named.contains("1월 무렵(신축월)은 월지 미와 축이 충이라"), "{named}");
        assert!(!rest.contains("- 1월("), "{rest}");
    }

    #[test]
    fn a_feeling_gets_the_year_the_next_easing_and_someone_to_talk_to() {
        let c = chart("1979-09-05T06:00", "male");
        let p = comfort(&c, 2026, "요즘 너무 힘들어요");
        assert!(p.head.contains("2026년"), "{}", p.head);
        assert!(p.body.contains("1577-0199"), "{}", p.body);
    }

    #[test]
    fn a_childs_chart_is_not_read_for_marriage() {
        let c = chart("2021-05-20T14:30", "female");
        let p = child_love(&c, 2026);
        assert!(p.head.contains("5살") && p.head.contains("단정해 읽지는 않는"), "{}", p.head);
    }

    #[test]
    fn health_in_a_year_names_what_the_year_adds() {
        for c in [chart("1965-05-25T04:00", "male"), chart("1980-09-15T16:00", "female")] {
            for year in 2026..2036 {
                let p = health_in_year(&c, year);
                assert!(p.head.starts_with(&format!("{year}년")), "{}", p.head);
                assert!(p.body.contains("검진"), "{}", p.body);
                // 목(木) and 금(金) end in a consonant: 이, never 가.
                let text = format!("{}{}", p.head, p.body);
                assert!(!text.contains("(木)가") && !text.contains("(金)가"), "{text}");
            }
        }
    }

    #[test]
    fn timing_reasons_read_as_words_with_the_fact_in_brackets() {
        assert_eq!(
            reason_in_words("천간 병: 편관 — 도전과 변동, 새 자리의 별"),
            "도전과 변동, 새 자리의 별(병화·편관)"
        );
        assert_eq!(
            reason_in_words("천간 병: 식신, 지지 오: 상관 — 재능이 재물로 이어지는 기운"),
            "재능이 재물로 이어지는 기운(병화·식신, 오화·상관)"
        );
        assert_eq!(
            reason_in_words("천간이 용신 화(火), 지지가 용신 화(火) — 이 사주에 필요한 화(火) 기운"),
            "이 사주에 필요한 화(火) 기운"
        );
    }

    #[test]
    fn the_road_lists_every_cycle_of_a_lifetime_and_marks_the_running_one() {
        let c = chart("1990-05-15T15:30", "female");
        let p = daeun_road(&c, 2026);
        // Every cycle that begins by 85, none after.
        let lifetime = (0..c.daeun.pillars.len()).filter(|i| daeun_age(&c, *i) <= 85).count();
        assert!(lifetime >= 8 && lifetime < c.daeun.pillars.len(), "{lifetime}");
        assert_eq!(p.body.lines().filter(|l| l.starts_with("- ")).count(), lifetime);
        assert_eq!(p.body.matches("◀ 지금").count(), 1, "{}", p.body);
        let (now, next) = daeun_at(&c, 2026);
        assert!(p.head.contains(now.unwrap().hangul) && p.head.contains(next.unwrap().hangul), "{}", p.head);
    }

    #[test]
    fn asked_in_december_the_years_start_with_the_next() {
        for (birth, gender) in
            [("1990-05-15T15:30", "female"), ("1985-11-02T07:10", "male"), ("1972-02-20T22:00", "female")]
        {
            let c = chart(birth, gender);
            for area in [TimingTopic::Love, TimingTopic::Career, TimingTopic::Move, TimingTopic::Wealth] {
                let p = timing(&c, area, 2026, 12);
                assert!(!p.head.contains("2026년") && !p.body.contains("2026년 병오"), "{}\n{}", p.head, p.body);
                assert!(p.body.contains("2027년부터"), "{}", p.body);
                assert_ne!(best_year(&c, area, 2026, 12), 2026);
                // In June this year is still open: the range starts with it.
                assert!(!timing(&c, area, 2026, 6).body.contains("2027년부터"));
            }
        }
    }

    #[test]
    fn a_claimed_lack_or_excess_is_answered_from_the_counts() {
        // 1987-06-26 12:40 (standard time): 정묘 병오 병오 갑오 — 화 6.
        let c = chart("1987-06-26T12:40", "female");
        let p = elements(&c, "어디서 제가 불이 부족해서 빨간색 옷 입으라고 하던데 맞아요?");
        assert!(p.head.starts_with("아니요"), "{}", p.head);
        assert!(p.head.contains("6개"), "{}", p.head);
        let q = elements(&c, "제가 물이 부족한 사주예요?");
        assert!(q.head.starts_with("네"), "{}", q.head);
        assert!(element_claimed("엄마한테 물어보니까 그래요").is_none());
        assert!(element_claimed("불안해서요").is_none());
    }

    #[test]
    fn a_timing_headline_names_the_best_years() {
        let c = chart("1990-05-15T15:30", "female");
        let p = timing(&c, TimingTopic::Love, 2026, 6);
        let scores = score_years(&c, TimingTopic::Love, 2026, TIMING_YEARS);
        let top = best(&scores, 2);
        for s in top {
            assert!(p.head.contains(&format!("{}년", s.year)), "{} / {s:?}", p.head);
        }
    }

    #[test]
    fn two_years_compared_name_the_better_in_the_headline() {
        let c = chart("1990-05-15T15:30", "female");
        let scores = score_years(&c, TimingTopic::Love, 2026, 2);
        let p = compare_years(&c, TimingTopic::Love, 2026, 2027);
        let (a, b) = (&scores[0], &scores[1]);
        let better = if a.score > b.score { a.year } else { b.year };
        assert!((a.score - b.score).abs() >= 1.0, "{a:?} {b:?}");
        assert!(p.head.starts_with(&format!("결혼·연애로 보면 {better}년")), "{}", p.head);
        assert_eq!(p.body.lines().count(), 2);
    }

    #[test]
    fn samjae_years_follow_the_year_branch() {
        // 경오년생 (인오술) → 신유술: 2028 무신, 2029 기유, 2030 경술.
        let c = chart("1990-05-15T15:30", "female");
        let p = samjae(&c, 2026);
        assert!(p.head.starts_with("아니요"), "{}", p.head);
        assert!(p.body.contains("2028~2030년"), "{}", p.body);
        let p = samjae(&c, 2029);
        assert!(p.head.contains("눌삼재"), "{}", p.head);
    }

    #[test]
    fn a_named_star_is_answered_yes_or_no_with_where_it_sits() {
        // 1996-03-03 17:00: 도화 (유) sits in the hour branch, read from the year branch 자.
        let chart = crate::answer::test_chart("1996-03-03T17:00", "female");
        let yes = shinsal_question(&chart, "도화살 있나요?").expect("a plan");
        assert!(yes.head.starts_with("네, 이 사주의 시주에 도화살이 있습니다(연지 기준)"), "{}", yes.head);
        assert!(yes.body.contains("다른 신살") && !yes.body.contains("도화살("), "{}", yes.body);
        let no = shinsal_question(&chart, "백호살은요?").expect("a plan");
        assert!(no.head.starts_with("아니요, 이 사주에는 백호살이 없습니다"), "{}", no.head);
        let three = crate::answer::test_chart("1991-11-20", "male");
        let unknown = shinsal_question(&three, "역마살 있어요?").expect("a plan");
        assert!(unknown.head.contains("시주는 태어난 시각을 몰라"), "{}", unknown.head);
        assert!(shinsal_question(&chart, "올해 운세는요?").is_none());
    }

    #[test]
    fn each_daeun_row_reads_its_own_two_ten_gods() {
        assert_eq!(cycle_line("비견", "상관"), "자립과 내 힘에서 표현과 변화로 넘어가는 때");
        assert_eq!(cycle_line("정관", "정관"), "직장과 명예가 두드러지는 때");
        assert_ne!(cycle_line("비견", "상관"), cycle_line("겁재", "정재"));
    }

    #[test]
    fn an_outcome_question_gets_a_lean_and_what_decides_it() {
        let c = chart("1983-08-15T04:00", "female");
        let line = outcome_line(&c, TimingTopic::Study, 2026, 2026);
        assert!(line.starts_with("2026년(병오)은") && line.contains("합격은 기운보다 준비가 정합니다"), "{line}");
        assert!(asks_outcome("10월에 시험 보는데 붙을 수 있을까요?") && !asks_outcome("시험운은 어때요?"));
    }

    #[test]
    fn holding_on_is_weighed_against_the_nearest_better_year() {
        // 1988-06-10 13:20 (summer time removed): 병오 2026 is quiet for work, 2027 정미 reads better.
        let c = chart("1988-06-10T13:20", "female");
        let p = endure(&c, TimingTopic::Career, 2026);
        assert!(
            p.head.starts_with("네, 올해는 준비하며 버티는 쪽이 낫습니다") && p.head.contains("2027년"),
            "{}",
            p.head
        );
        assert!(asks_endure("그래도 올해는 버티는 게 맞을까요") && !asks_endure("올해 운세는요?"));
    }

    #[test]
    fn months_to_mind_lead_with_the_weakest() {
        let c = chart("1956-07-03T07:40", "male");
        let text = months(&c, TimingTopic::General, 2026, "올해 특히 조심하셔야 할 달이 있을까요?", None);
        assert!(text.starts_with("2026년에 조금 더 조심할 달은"), "{text}");
    }
}
