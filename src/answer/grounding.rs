//! The check a model's answer must pass before it is shown: it may name only the 간지 the prompt gave it,
//! and it may not claim certainty.
//!
//! **Pillar names.** The allowed 간지 are the chart's four pillars, every 대운 pillar, the 세운/월운 the
//! chart carries, the alternative pillars of its boundary warnings, and the year pillars of
//! [`mentioned_years`] (last year, this year, next year, and years written in the question), the partner's
//! pillars in a 궁합, and the 간지 the findings name (today's 일진, a 세운 the question asked about). The prompt
//! lists exactly these. A 간지 counts as *named* when it is written
//! - in hanja (`甲子`) — always a claim;
//! - in hangul followed by a pillar word: `갑자일주`, `갑자 일주`, `갑자년`, `갑자월`, `갑자일`, `갑자시`,
//!   `갑자대운`, `갑자 세운`, `갑자운` (the one-syllable words 년/연/월/일/시/운 must be attached);
//! - in hangul after a pillar label: `일주는 갑자`, `월주: 갑자`, `대운 갑자`.
//!
//! In the last two forms the name must end its word (followed by a non-hangul character, or by a particle
//! such as 이/가/은/는/의/에/로/와/과/도/생/인/입/였/라), so that ordinary words that contain a 간지 —
//! 갑자기, 임신, 기사, 신사, 정해진, 무인, 기미, 무술, 신축 — are not taken for pillars.
//!
//! **Certainty.** The words of [`CERTAINTY_WORDS`] are forbidden outright (the prompt says so), even in
//! advice: "반드시 병원에 가세요" fails too. A rejected answer costs only a fallback to the next generator.

use super::context::AnswerContext;
use crate::saju::ganzhi::GanZhi;
use crate::saju::pillars::year_pillar;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Words that claim certainty; an answer containing one is rejected.
pub const CERTAINTY_WORDS: &[&str] =
    &["반드시", "틀림없이", "100%", "100 %", "백퍼센트", "백 퍼센트", "무조건", "필연적으로"];

/// Syllables that may follow a 간지 name and still leave it a word of its own (particles and 생 of 갑자생).
const PARTICLES: &str = "이가은는을를의에로와과도생인입였라";

/// Years whose 세운 pillar a model may name: last, this and next year, and 4-digit years (1900–2100) in
/// the question, at most 8 in all, sorted.
pub fn mentioned_years(ctx: &AnswerContext) -> Vec<i32> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let re = YEAR.get_or_init(|| Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2}|2100)(?:[^0-9]|$)").expect("valid"));
    let mut years: BTreeSet<i32> = [ctx.year - 1, ctx.year, ctx.year + 1].into_iter().collect();
    for c in re.captures_iter(&ctx.question) {
        if years.len() >= 8 {
            break;
        }
        if let Ok(y) = c[1].parse() {
            years.insert(y);
        }
    }
    years.into_iter().collect()
}

/// The 간지 (by cycle index) an answer about `ctx` may name.
pub fn allowed_pillars(ctx: &AnswerContext) -> BTreeSet<usize> {
    let mut out: BTreeSet<usize> = mentioned_years(ctx).into_iter().map(|y| year_pillar(y).index()).collect();
    let Some(chart) = &ctx.chart else { return out };
    let mut add = |name: &str| {
        if let Some(g) = GanZhi::parse(name) {
            out.insert(g.index());
        }
    };
    for c in std::iter::once(chart).chain(ctx.partner.as_ref()) {
        let p = &c.pillars;
        for pillar in [Some(&p.year), Some(&p.month), Some(&p.day), p.hour.as_ref()].into_iter().flatten() {
            add(pillar.hangul);
        }
    }
    // Findings are engine facts; a 간지 they write (hangul or hanja) was computed, not invented.
    for f in &ctx.findings {
        let chars: Vec<char> = f.text.chars().collect();
        for pair in chars.windows(2) {
            add(&pair.iter().collect::<String>());
        }
    }
    chart.daeun.pillars.iter().for_each(|d| add(d.hangul));
    chart.seun.iter().flatten().for_each(|s| add(s.hangul));
    chart.wolun.iter().flat_map(|w| &w.months).for_each(|m| add(m.hangul));
    for alt in chart.warnings.iter().filter_map(|w| w.alternative.as_ref()) {
        [Some(alt.year), Some(alt.month), Some(alt.day), alt.hour].into_iter().flatten().for_each(&mut add);
    }
    out
}

fn names_alternation() -> String {
    (0..60).map(|i| GanZhi::new(i).hangul()).collect::<Vec<_>>().join("|")
}

fn after_ends_word(after: Option<char>) -> bool {
    match after {
        None => true,
        Some(c) => !is_hangul_syllable(c) || PARTICLES.contains(c),
    }
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The 간지 the text names (see the module doc for what counts), in order of appearance.
pub fn named_pillars(text: &str) -> Vec<GanZhi> {
    static HANJA: OnceLock<Regex> = OnceLock::new();
    static SUFFIXED: OnceLock<Regex> = OnceLock::new();
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    let hanja = HANJA.get_or_init(|| Regex::new("[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]").expect("valid"));
    let suffixed = SUFFIXED.get_or_init(|| {
        let names = names_alternation();
        Regex::new(&format!(r"({names})(?:\s?(?:년주|연주|월주|일주|시주|대운|세운|월운)|(?:년|연|월|일|시|운))(.)?"))
            .expect("valid")
    });
    let labelled = LABELLED.get_or_init(|| {
        let names = names_alternation();
        Regex::new(&format!(
            r"(?:년주|연주|월주|일주|시주|대운|세운|월운|일진)\s*(?:은|는|이|가|을|를|:|로|으로)?\s*({names})(.)?"
        ))
        .expect("valid")
    });
    let mut found: Vec<(usize, GanZhi)> = Vec::new();
    for m in hanja.find_iter(text) {
        if let Some(g) = GanZhi::parse(m.as_str()) {
            found.push((m.start(), g));
        }
    }
    for re in [suffixed, labelled] {
        for c in re.captures_iter(text) {
            let after = c.get(2).and_then(|m| m.as_str().chars().next());
            if after_ends_word(after) {
                let name = c.get(1).expect("group 1 always matches");
                if let Some(g) = GanZhi::parse(name.as_str()) {
                    found.push((name.start(), g));
                }
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.dedup();
    found.into_iter().map(|(_, g)| g).collect()
}

/// Why an answer may not be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Violation {
    #[error("claims certainty ({0:?})")]
    Certainty(&'static str),
    #[error("names pillars the chart does not have: {}", .0.join(", "))]
    InventedPillars(Vec<&'static str>),
}

/// `Err` when `text` names a 간지 outside [`allowed_pillars`] or uses a [`CERTAINTY_WORDS`] word.
pub fn check(ctx: &AnswerContext, text: &str) -> Result<(), Violation> {
    check_against(&allowed_pillars(ctx), text)
}

/// [`check`] with the allowed set computed once (the chain checks the growing text at every token).
pub fn check_against(allowed: &BTreeSet<usize>, text: &str) -> Result<(), Violation> {
    if let Some(word) = CERTAINTY_WORDS.iter().find(|w| text.contains(*w)) {
        return Err(Violation::Certainty(word));
    }
    let invented: Vec<&str> =
        named_pillars(text).into_iter().filter(|g| !allowed.contains(&g.index())).map(GanZhi::hangul).collect();
    if !invented.is_empty() {
        return Err(Violation::InventedPillars(invented));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        named_pillars(text).into_iter().map(GanZhi::hangul).collect()
    }

    #[test]
    fn pillar_claims_are_found() {
        assert_eq!(names("일간은 경금이고 갑자일주입니다."), ["갑자"]);
        assert_eq!(names("월주 을축, 시주는 병인이며"), ["을축", "병인"]);
        assert_eq!(names("정묘(丁卯)년생"), ["정묘"]);
        assert_eq!(names("무진 대운에는"), ["무진"]);
        assert_eq!(names("甲子 일주"), ["갑자"]);
        assert_eq!(names("2026년 병오년에는"), ["병오"]);
    }

    #[test]
    fn ordinary_words_are_not_pillars() {
        for text in [
            "갑자기 일이 몰릴 수 있습니다.",
            "임신 시기에는 무리하지 마세요.",
            "정해진 길은 없습니다.",
            "신문 기사를 보듯 차분히",
            "무인 매장 창업",
            "기미가 보이면",
            "신축 아파트",
            "기묘한 인연",
            "甲丑",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn partner_pillars_and_findings_pillars_may_be_named() {
        use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
        let chart = |dt: &str| {
            let r = ChartRequest { datetime: dt.into(), gender: "female".into(), ..Default::default() };
            build_chart(&r.parse().unwrap(), &ChartExtras::default()).unwrap()
        };
        let mut ctx = AnswerContext::new(
            "우리 궁합은요?",
            crate::answer::Topic::Compatibility,
            Some(chart("1990-05-15T15:30")),
            2026,
        );
        let partner = chart("1988-11-03T14:20");
        let partner_day = format!("{}일주", partner.pillars.day.hangul);
        let own: BTreeSet<usize> = allowed_pillars(&ctx);
        let partner_index = GanZhi::parse(partner.pillars.day.hangul).unwrap().index();
        assert!(!own.contains(&partner_index), "the test needs a partner day pillar the user's chart lacks");
        assert!(check(&ctx, &format!("상대는 {partner_day}입니다.")).is_err());
        ctx.partner = Some(partner);
        assert!(check(&ctx, &format!("상대는 {partner_day}입니다.")).is_ok());
        // A 간지 only a finding names (today's 일진, say) is allowed once the finding is there.
        let today = (0..60).map(GanZhi::new).find(|g| !allowed_pillars(&ctx).contains(&g.index())).unwrap();
        let claim = format!("오늘은 {}일이라", today.hangul());
        assert!(check(&ctx, &claim).is_err());
        ctx.findings
            .push(crate::answer::Finding { code: "today:x".into(), text: format!("오늘 일진 {}", today.hanja()) });
        assert!(check(&ctx, &claim).is_ok(), "{claim}");
    }

    #[test]
    fn certainty_words_fail() {
        let allowed = BTreeSet::new();
        assert!(check_against(&allowed, "반드시 부자가 됩니다").unwrap_err().to_string().contains("certainty"));
        assert!(check_against(&allowed, "100% 맞습니다").is_err());
        assert!(check_against(&allowed, "그럴 가능성이 있습니다").is_ok());
    }
}
