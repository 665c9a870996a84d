//! 신강/신약 and an 억부 용신 estimate.
//!
//! Method (balancing, 억부법), an estimate and marked as such:
//! 1. Every known character except the day stem itself carries a weight:
//!    year stem 0.8 (farthest from the day master), month stem 1.0, hour stem 1.0;
//!    month branch 3.0 (월령, the season rules), day branch 1.5 (the day master's seat), year and hour
//!    branches 1.0 each. A full chart weighs 9.3 in total, a three-pillar chart 7.3.
//! 2. A branch's weight is split over its hidden stems by the shares of
//!    [`hidden_stem_shares`](super::element_balance::hidden_stem_shares) (정기 0.6–0.7).
//! 3. Each stem's weight goes to its ten-god group by element: support = 비겁 (same element) + 인성
//!    (the element producing the day master); drain = 식상 + 재성 + 관성.
//! 4. score = 100 × support ÷ total, so 50 means support and drain are equal. Verdict bands,
//!    symmetric about 50: below 25 극신약, below 45 신약, 45–55 중화, up to 75 신강, above 75 극신강.
//!    Two of the five elements support, so low scores are more common: over all 518,400
//!    year × month × day × hour combinations the bands hold about 20 % / 41 % / 20 % / 17 % / 2 %.
//! 5. 용신 (favourable) by 억부: a chart leaning strong (score ≥ 50) needs weakening: if 인성 outweighs
//!    비겁, 재성 (controls 인성); otherwise 관성 (controls 비겁), or 식상 (drains 비겁) when no 관성 is
//!    present at all. A chart leaning weak needs help: 비겁 when 재성 is the largest drain (비겁 controls
//!    재성), otherwise 인성 (it controls 식상 and turns 관성 into support).
//! 6. 조후 ([`climate`](super::climate)): when a summer chart has (almost) no 수 or a winter chart no 화, that
//!    tempering element is the 용신 instead ("조후가 급하면 조후가 먼저"); the 억부 choice stays in `eokbu`.
//! 7. 기신 (unfavourable) is the element that controls the 용신.

use serde::Serialize;

use super::climate::{climate, Climate};
use super::element_balance::hidden_stem_shares;
use super::hidden_stems::main_hidden_stem;
use super::ser;
use super::ten_gods::{ten_god, TenGodGroup};
use crate::saju::ganzhi::{Element, GanZhi, Stem};
use crate::saju::pillars::{FourPillars, Position};

/// Verdict on the day master's strength. Serializes as its code (`very_weak`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrengthVerdict {
    VeryWeak,
    Weak,
    Balanced,
    Strong,
    VeryStrong,
}

impl StrengthVerdict {
    /// 신강 or 극신강.
    pub const fn is_strong(self) -> bool {
        matches!(self, StrengthVerdict::Strong | StrengthVerdict::VeryStrong)
    }

    /// 신약 or 극신약.
    pub const fn is_weak(self) -> bool {
        matches!(self, StrengthVerdict::Weak | StrengthVerdict::VeryWeak)
    }

    pub const fn hangul(self) -> &'static str {
        match self {
            StrengthVerdict::VeryWeak => "극신약",
            StrengthVerdict::Weak => "신약",
            StrengthVerdict::Balanced => "중화",
            StrengthVerdict::Strong => "신강",
            StrengthVerdict::VeryStrong => "극신강",
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            StrengthVerdict::VeryWeak => "very_weak",
            StrengthVerdict::Weak => "weak",
            StrengthVerdict::Balanced => "balanced",
            StrengthVerdict::Strong => "strong",
            StrengthVerdict::VeryStrong => "very_strong",
        }
    }

    /// The verdict for a score on the 0–100 scale (see the module doc for the bands).
    pub fn from_score(score: f64) -> StrengthVerdict {
        if score < 25.0 {
            StrengthVerdict::VeryWeak
        } else if score < 45.0 {
            StrengthVerdict::Weak
        } else if score <= 55.0 {
            StrengthVerdict::Balanced
        } else if score <= 75.0 {
            StrengthVerdict::Strong
        } else {
            StrengthVerdict::VeryStrong
        }
    }
}

/// Day-master strength and the favourable element, an estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Strength {
    /// 0–100; 50 = support and drain balanced. One decimal.
    pub score: f64,
    pub verdict: StrengthVerdict,
    /// 용신 estimate: by 억부, or by 조후 when the climate's need is urgent (see `method`).
    #[serde(serialize_with = "ser::element")]
    pub favourable: Element,
    /// The 용신 by 억부 alone (equal to `favourable` unless 조후 came first).
    #[serde(serialize_with = "ser::element")]
    pub eokbu: Element,
    /// `eokbu` or `johu`: which reading gave `favourable`.
    pub method: &'static str,
    /// The season and what tempers it.
    pub climate: Climate,
    /// 기신: the element controlling the 용신.
    #[serde(serialize_with = "ser::element")]
    pub unfavourable: Element,
    /// Always true: strength and 용신 are judgements, not facts.
    pub is_estimate: bool,
    /// Weighted support (비겁 + 인성) and drain (식상 + 재성 + 관성). Two decimals.
    pub support: f64,
    pub drain: f64,
    /// Short Korean sentences naming the facts used.
    pub reasoning: Vec<String>,
}

/// Weight of the stem at `pos` (the day stem is the subject and weighs nothing).
pub const fn stem_weight(pos: Position) -> f64 {
    match pos {
        Position::Year => 0.8,
        Position::Month | Position::Hour => 1.0,
        Position::Day => 0.0,
    }
}

/// Weight of the branch at `pos`, before it is split over hidden stems.
pub const fn branch_weight(pos: Position) -> f64 {
    match pos {
        Position::Month => 3.0,
        Position::Day => 1.5,
        Position::Year | Position::Hour => 1.0,
    }
}

/// Weighted totals per ten-god group, indexed like [`TenGodGroup::ALL`].
fn group_weights(p: &FourPillars) -> [f64; 5] {
    let dm = p.day_master();
    let mut w = [0f64; 5];
    let mut add = |stem: Stem, weight: f64| w[group_index(ten_god(dm, stem).group())] += weight;
    for (pos, g) in p.known() {
        add(g.stem(), stem_weight(pos));
        for (stem, share) in hidden_stem_shares(g.branch()) {
            add(stem, share * branch_weight(pos));
        }
    }
    w
}

fn group_index(g: TenGodGroup) -> usize {
    TenGodGroup::ALL.iter().position(|&x| x == g).unwrap_or(0)
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Estimates the day master's strength and favourable element.
pub fn strength(p: &FourPillars) -> Strength {
    use TenGodGroup::{BiGeop, GwanSeong, InSeong, JaeSeong, SikSang};
    let w = group_weights(p);
    let at = |g: TenGodGroup| w[group_index(g)];
    let support = at(BiGeop) + at(InSeong);
    let drain = at(SikSang) + at(JaeSeong) + at(GwanSeong);
    let total = support + drain;
    let score = if total > 0.0 { round(100.0 * support / total, 1) } else { 50.0 };
    let verdict = StrengthVerdict::from_score(score);

    let (favourable_group, why) = if score >= 50.0 {
        if at(InSeong) > at(BiGeop) {
            (JaeSeong, "인성이 비겁보다 많아 재성으로 인성을 누름")
        } else if at(GwanSeong) > 0.0 {
            (GwanSeong, "비겁이 많아 관성으로 비겁을 다스림")
        } else {
            (SikSang, "비겁이 많고 관성이 없어 식상으로 기운을 뺌")
        }
    } else if at(JaeSeong) >= at(SikSang) && at(JaeSeong) >= at(GwanSeong) {
        (BiGeop, "재성이 가장 많이 빼므로 비겁으로 재성을 감당함")
    } else if at(GwanSeong) >= at(SikSang) {
        (InSeong, "관성이 가장 강해 인성으로 관성의 기운을 일간에 이어 줌")
    } else {
        (InSeong, "식상이 가장 많이 빼므로 인성으로 식상을 누르고 일간을 도움")
    };
    let dm_element = p.day_master().element();
    let eokbu = favourable_group.element_for(dm_element);
    let climate = climate(p);
    let johu_first = climate.urgent && climate.need.is_some_and(|e| e != eokbu);
    let favourable = if johu_first { climate.need.unwrap_or(eokbu) } else { eokbu };
    let unfavourable = Element::from_index(favourable.index() + 3);

    let mut reasoning = Vec::with_capacity(8);
    let dm = p.day_master();
    reasoning.push(format!(
        "일간 {}{}({}{}), {}간.",
        dm.hangul(),
        dm_element.hangul(),
        dm.hanja(),
        dm_element.hanja(),
        dm.polarity().hangul()
    ));
    reasoning.push(seat_sentence("월지", p.month, dm, "득령(得令)", "실령(失令)"));
    reasoning.push(seat_sentence("일지", p.day, dm, "득지(得地)", "실지(失地)"));
    if p.hour.is_none() {
        reasoning.push("태어난 시를 몰라 년·월·일 세 기둥만으로 계산함.".to_string());
    }
    reasoning.push(format!(
        "돕는 기운 {} (비겁 {}, 인성 {}) 대 빼는 기운 {} (식상 {}, 재성 {}, 관성 {}), 월지 가중 3배.",
        Tenths(support),
        Tenths(at(BiGeop)),
        Tenths(at(InSeong)),
        Tenths(drain),
        Tenths(at(SikSang)),
        Tenths(at(JaeSeong)),
        Tenths(at(GwanSeong))
    ));
    reasoning.push(format!("점수 {}/100 → {} (추정).", Tenths(score), verdict.hangul()));
    let label = if johu_first { "억부로 본 용신" } else { "용신 추정" };
    reasoning.push(format!("{label} {}({}): {}.", eokbu.hangul(), favourable_group.hangul(), why));
    if let Some(need) = climate.need {
        let scarce = if need == Element::Water { climate.cold } else { climate.heat };
        let tail = if johu_first {
            format!(
                "조후가 급해 용신을 {}({})로 봄 (억부로는 {}).",
                need.hangul(),
                TenGodGroup::of_element(dm_element, need).hangul(),
                eokbu.hangul()
            )
        } else if need == eokbu {
            "억부와 조후가 같은 기운을 가리킴.".to_string()
        } else {
            format!("조후로는 {}도 도움.", need.hangul())
        };
        reasoning.push(format!(
            "조후: {} {}월생, {} 기운 {} → {tail}",
            climate.season_words,
            p.month.branch().hangul(),
            need.hangul(),
            Tenths(scarce),
        ));
    }
    reasoning.push(format!(
        "기신 추정 {}({}): {}극{}, 용신을 극함.",
        unfavourable.hangul(),
        TenGodGroup::of_element(dm_element, unfavourable).hangul(),
        unfavourable.hangul(),
        favourable.hangul()
    ));

    Strength {
        score,
        verdict,
        favourable,
        eokbu,
        method: if johu_first { "johu" } else { "eokbu" },
        climate,
        unfavourable,
        is_estimate: true,
        support: round(support, 2),
        drain: round(drain, 2),
        reasoning,
    }
}

/// A number shown with one decimal, formatted through integers (float formatting was a hot spot).
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = (self.0 * 10.0).round() as i64;
        let sign = if t < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{}", t.abs() / 10, t.abs() % 10)
    }
}

/// "월지 자수: 정기 계수 = 정관 → 실령(失令)."
fn seat_sentence(label: &str, pillar: GanZhi, dm: Stem, yes: &str, no: &str) -> String {
    let b = pillar.branch();
    let main = main_hidden_stem(b);
    let god = ten_god(dm, main);
    let helps = matches!(god.group(), TenGodGroup::BiGeop | TenGodGroup::InSeong);
    format!(
        "{label} {}{}: 정기 {}{} = {} → {}.",
        b.hangul(),
        b.element().hangul(),
        main.hangul(),
        main.element().hangul(),
        god.hangul(),
        if helps { yes } else { no }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(y: &str, m: &str, d: &str, h: Option<&str>) -> FourPillars {
        FourPillars::parse(y, m, d, h).unwrap()
    }

    #[test]
    fn wood_day_master_in_a_wood_chart_is_very_strong() {
        // 갑 일간, 인월 인일 갑자시, 해수·계수 인성; 관성(금) 없음 → 식상(화) 용신, 기신 수.
        // Support: 계 0.8 + 갑 1.0 + 갑 1.0 + 해 (갑 0.2 + 임 0.6) + 인월 3 × 0.6 + 인일 1.5 × 0.6 + 자 1.0
        // = 7.3; drain: 해 무 0.2 + 인 병·무 (3 + 1.5) × 0.4 = 2.0 → 78.5.
        let s = strength(&chart("계해", "갑인", "갑인", Some("갑자")));
        assert!((s.score - 78.5).abs() < 0.05, "{}", s.score);
        assert_eq!(s.verdict, StrengthVerdict::VeryStrong);
        assert_eq!(s.favourable, Element::Fire);
        assert_eq!(s.unfavourable, Element::Water);
        assert!(s.is_estimate);
        assert!(s.reasoning.iter().any(|r| r.contains("득령")));
    }

    #[test]
    fn strong_by_resource_wants_wealth_but_the_winter_wants_fire_first() {
        // 갑 일간 surrounded by 임·자 water (인성) → by 억부 재성 토; born in 자월 with no 화 at all, 조후 is
        // urgent and comes first: 화 용신, 기신 수.
        let s = strength(&chart("임자", "임자", "갑자", Some("갑자")));
        assert!(s.score > 55.0, "{}", s.score);
        assert_eq!(s.eokbu, Element::Earth);
        assert_eq!((s.favourable, s.method), (Element::Fire, "johu"));
        assert_eq!(s.unfavourable, Element::Water);
        assert!(
            s.reasoning.iter().any(|r| r.contains("조후가 급해") && r.contains("억부로는 토")),
            "{:?}",
            s.reasoning
        );
    }

    #[test]
    fn a_tempered_chart_keeps_the_eokbu_choice() {
        // 경신 을유 갑신 계유: autumn, no 조후 asked.
        let s = strength(&chart("경신", "을유", "갑신", Some("계유")));
        assert_eq!((s.favourable, s.eokbu, s.method), (Element::Water, Element::Water, "eokbu"));
        assert_eq!(s.climate.need, None);
    }

    #[test]
    fn weak_by_officers_wants_resource() {
        // 갑 일간 in 신·유 금 (관성) → 인성 수 용신, 기신 토 (재극인).
        let s = strength(&chart("경신", "을유", "갑신", Some("계유")));
        assert!(matches!(s.verdict, StrengthVerdict::Weak | StrengthVerdict::VeryWeak), "{}", s.score);
        assert_eq!(s.favourable, Element::Water);
        assert_eq!(s.unfavourable, Element::Earth);
        assert!(s.reasoning.iter().any(|r| r.contains("실령")));
    }

    #[test]
    fn weak_by_wealth_wants_companions() {
        // 갑 일간 in 토 (재성) → 비겁 목 용신, 기신 금.
        let s = strength(&chart("무술", "기미", "갑술", Some("무진")));
        assert_eq!(s.verdict, StrengthVerdict::VeryWeak);
        assert_eq!(s.favourable, Element::Wood);
        assert_eq!(s.unfavourable, Element::Metal);
    }

    /// Primer example: 일간 병화, 월지 자수 → 정관, 실령.
    #[test]
    fn month_seat_sentence_names_the_ten_god() {
        let s = strength(&chart("갑자", "병자", "병오", None));
        assert!(s.reasoning.iter().any(|r| r == "월지 자수: 정기 계수 = 정관 → 실령(失令)."), "{:?}", s.reasoning);
        assert!(s.reasoning.iter().any(|r| r.contains("세 기둥")));
    }

    #[test]
    fn totals_follow_the_documented_weights() {
        let full = strength(&chart("갑자", "병인", "무오", Some("임자")));
        assert!((full.support + full.drain - 9.3).abs() < 0.02);
        let three = strength(&chart("갑자", "병인", "무오", None));
        assert!((three.support + three.drain - 7.3).abs() < 0.02);
    }

    #[test]
    fn every_chart_gives_a_sane_estimate() {
        for d in 0..60 {
            for m in (0..60).step_by(7) {
                for hour in [None, Some(GanZhi::new(d * 7 + 3))] {
                    let p = FourPillars { year: GanZhi::new(m + 13), month: GanZhi::new(m), day: GanZhi::new(d), hour };
                    let s = strength(&p);
                    assert!((0.0..=100.0).contains(&s.score));
                    assert_eq!(s.verdict, StrengthVerdict::from_score(s.score));
                    assert_ne!(s.favourable, s.unfavourable);
                    assert_eq!(s.unfavourable.controls(), s.favourable);
                    assert!(s.reasoning.len() >= 6);
                }
            }
        }
    }

    #[test]
    fn serializes_with_codes() {
        let s = strength(&chart("계해", "갑인", "갑인", Some("갑자")));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["verdict"], "very_strong");
        assert_eq!(json["favourable"], "fire");
        assert_eq!(json["is_estimate"], true);
    }
}
