//! 조후 in words: why a summer chart wants 수 and a winter chart 화, said beside the 억부 reading, and a claim
//! about the chart's temperature ("사주가 차갑대요", "불이 너무 많대요") checked against the computed climate.
//! The engine decides ([`crate::saju::derive::climate`]); this file only says it.

use super::plans::Plan;
use crate::saju::chart::model::Chart;
use crate::saju::derive::Season;
use crate::saju::ganzhi::Element;
use crate::saju::josa::with_particle;

fn word(e: Element) -> String {
    format!("{}({})", e.hangul(), e.hanja())
}

/// "한여름 오월에 태어나 수(水) 기운이 거의 없어": the season and the tempering element's weight, or `None` when
/// the season asks for nothing.
fn why_tempering(chart: &Chart) -> Option<(Element, String)> {
    let c = &chart.strength.climate;
    let need = c.need?;
    let month = chart.pillars.month.branch.hangul;
    let scarce = if c.urgent { "거의 없어" } else { "적어" };
    Some((need, format!("{} {}월에 태어나 {} 기운이 {scarce}", c.season_words, month, word(need),)))
}

/// The 용신 said with its method: "이 사주의 용신은 수(水)입니다." for 억부; for 조후 first, why the season puts it
/// ahead of the 억부 choice.
pub fn yongsin_head(chart: &Chart) -> String {
    let st = &chart.strength;
    match why_tempering(chart) {
        Some((need, why)) if st.method == "johu" => format!(
            "이 사주의 용신은 {}입니다. {why}, 사주의 온도를 맞춰 주는 조후가 먼저예요. 억부(강약의 균형)로만 보면 {} 필요한 사주라, 두 기운을 함께 챙기면 좋습니다.",
            word(need),
            with_particle(&word(st.eokbu), "이", "가")
        ),
        _ => format!("이 사주의 용신은 {}입니다.", word(st.favourable)),
    }
}

/// One line for a chart whose season asks for an element the 용신 is not: "조후로는 수(水)도 도움이 됩니다".
/// `None` when 조후 asks nothing, when it already is the 용신, or when it agrees with 억부.
pub fn second_help(chart: &Chart) -> Option<String> {
    let st = &chart.strength;
    let (need, why) = why_tempering(chart)?;
    if need == st.favourable {
        return (st.method == "eokbu")
            .then(|| format!("{why}, 계절로 보는 조후로도 {} 같은 답이에요.", with_particle(&word(need), "이", "가")));
    }
    Some(format!("{why}, 계절로 보는 조후로는 {}도 함께 도움이 됩니다.", word(need)))
}

/// When 조후 made the 용신: "한여름 오월에 태어나 수(水) 기운이 거의 없어 조후로 본 용신" — to say wherever the 용신
/// is named with its reason.
pub fn johu_reason(chart: &Chart) -> Option<String> {
    if chart.strength.method != "johu" {
        return None;
    }
    why_tempering(chart).map(|(_, why)| format!("{why} 계절의 온도를 맞추는 조후로 본 용신"))
}

const COLD_WORDS: &[&str] = &["차갑", "차가운", "추운 사주", "춥대", "춥다", "한습", "냉한 사주", "얼어"];
const HOT_WORDS: &[&str] = &["뜨겁", "뜨거운", "더운 사주", "덥대", "덥다", "조열", "메마른 사주", "건조한 사주"];

/// "제 사주가 차갑대요", "불이 너무 많다던데": yes or no from the season and the weighted 화·수, then what tempers it.
pub fn climate_claim(chart: &Chart, question: &str) -> Option<Plan> {
    let cold = COLD_WORDS.iter().any(|w| question.contains(w));
    let hot = !cold && HOT_WORDS.iter().any(|w| question.contains(w));
    if !cold && !hot {
        return None;
    }
    // "요즘 몸이 차가워요", "날이 더워서": a body or the weather, not the chart.
    if !["사주", "팔자", "원국", "명식"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let c = &chart.strength.climate;
    let (heat, wet) = (c.heat, c.cold);
    let fact = format!(
        "{}({}월)에 태어났고, 오행을 자리 무게로 재면 화(火) {:.1}, 수(水) {:.1}입니다.",
        c.season_words, chart.pillars.month.branch.hangul, heat, wet
    );
    let true_claim = if cold {
        c.season == Season::Winter && heat < 1.0 || wet >= heat + 2.0
    } else {
        c.season == Season::Summer && wet < 1.0 || heat >= wet + 2.0
    };
    let head = match (cold, true_claim) {
        (true, true) => "네, 차가운 쪽으로 기운 사주라는 말이 맞아요.".to_string(),
        (true, false) => "아니요, 이 사주는 차갑다고 보기 어려워요.".to_string(),
        (false, true) => "네, 뜨겁고 건조한 쪽으로 기운 사주라는 말이 맞아요.".to_string(),
        (false, false) => "아니요, 이 사주는 뜨겁다고 보기 어려워요.".to_string(),
    };
    let mut lines = vec![format!("- {fact}")];
    match (c.need, true_claim) {
        (Some(need), true) => lines.push(format!(
            "- 그래서 온도를 맞춰 주는 {} 기운이 필요해요(조후). {}",
            word(need),
            if chart.strength.method == "johu" {
                "이 사주에서는 조후가 급해 이것을 용신으로 봅니다.".to_string()
            } else {
                format!("강약의 균형(억부)으로 본 용신 {}와 함께 챙기면 좋습니다.", word(chart.strength.favourable))
            }
        )),
        _ => lines.push(format!(
            "- 온도는 크게 치우치지 않아, 이 사주는 계절보다 강약의 균형(억부)으로 보는 용신 {}을 먼저 봅니다.",
            word(chart.strength.favourable)
        )),
    }
    lines.push("- 차갑다, 뜨겁다는 성격이나 건강의 판정이 아니라 기운의 온도를 말하는 명리의 표현이에요.".to_string());
    Some(Plan { head, body: lines.join("\n") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart;

    #[test]
    fn a_midsummer_chart_without_water_names_the_johu_yongsin_and_the_eokbu_one() {
        // 1990-07-10 12:00 (남): 경오 계미 ... — find one whose method is 조후 among summer births.
        let hit = (1..=28)
            .map(|d| test_chart(&format!("1990-06-{d:02}T12:00"), "male"))
            .find(|c| c.strength.method == "johu");
        let c = hit.expect("a midsummer 1990 noon birth with 조후 first");
        let head = yongsin_head(&c);
        assert!(head.contains("조후가 먼저") && head.contains("억부"), "{head}");
        assert!(head.contains(c.strength.favourable.hangul()), "{head}");
        assert!(johu_reason(&c).is_some());
    }

    #[test]
    fn a_temperature_claim_is_checked() {
        let winter = (1980..2000)
            .flat_map(|y| (10..=28).map(move |d| format!("{y}-12-{d:02}T00:30")))
            .map(|dt| test_chart(&dt, "female"))
            .find(|c| c.strength.climate.need == Some(Element::Fire))
            .expect("a December birth wanting 화");
        let p = climate_claim(&winter, "제 사주가 차갑대요 맞아요?").expect("a claim");
        assert!(p.head.starts_with("네"), "{}", p.head);
        let p = climate_claim(&winter, "제 사주가 뜨거운 사주래요").expect("a claim");
        assert!(p.head.starts_with("아니요"), "{}", p.head);
        assert!(climate_claim(&winter, "요즘 손발이 차가워요").is_none());
    }
}
