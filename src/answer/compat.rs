//! 궁합: two charts side by side, as findings. Day stems (천간합·충, 상생·상극, 같은 오행), day branches —
//! the 배우자궁 (육합, 삼합·반합, 충, 형, 파, 해, 원진) — each one's missing element against the other's
//! plenty, 용신 met, and whether the partner's day stem is the spouse star (재성 for a man, 관성 for a woman).
//! Every code maps to the knowledge passages of [`passages_for`].

use super::findings::Finding;
use crate::saju::chart::model::Chart;
use crate::saju::derive::relations::pair_relations;
use crate::saju::derive::ten_gods::{ten_god, TenGodGroup};
use crate::saju::ganzhi::{Element, GanZhi};
use crate::saju::josa::with_particle;

/// The day pillar of a chart.
pub(super) fn day(chart: &Chart) -> GanZhi {
    GanZhi::new(chart.pillars.day.index.into())
}

/// `목(木)`: an element's name with its hanja.
pub(super) fn element_name(e: Element) -> String {
    format!("{}({})", e.hangul(), e.hanja())
}

/// `목(木)이`, `화(火)가`: the element's name with the particle its hangul calls for.
fn element_with(e: Element, after_consonant: &str, after_vowel: &str) -> String {
    let word = with_particle(e.hangul(), after_consonant, after_vowel);
    format!("{}({}){}", e.hangul(), e.hanja(), &word[e.hangul().len()..])
}

/// Findings about `me` (the user) and `partner`; texts say "나" and "상대".
pub fn compatibility(me: &Chart, partner: &Chart) -> Vec<Finding> {
    let (a, b) = (day(me), day(partner));
    let (sa, sb) = (a.stem(), b.stem());
    let mut out = vec![Finding {
        code: format!("compat:day_pillars:{}-{}", a.hangul(), b.hangul()),
        text: format!("나의 일주 {}({}) · 상대의 일주 {}({})", a.hangul(), a.hanja(), b.hangul(), b.hanja()),
    }];
    for r in pair_relations(a, b) {
        out.push(Finding {
            code: format!("compat:{}", r.kind.code()),
            text: format!("나의 일주 {} · 상대 일주 {} → {}", a.hangul(), b.hangul(), r.hangul_name),
        });
    }
    let (ea, eb) = (sa.element(), sb.element());
    let (code, how) = if ea == eb {
        ("same_element", format!("같은 {}", element_name(ea)))
    } else if ea.produces() == eb {
        (
            "generating",
            format!("나의 {} 상대의 {} 생함(상생)", element_with(ea, "이", "가"), element_with(eb, "을", "를")),
        )
    } else if eb.produces() == ea {
        (
            "generating",
            format!("상대의 {} 나의 {} 생함(상생)", element_with(eb, "이", "가"), element_with(ea, "을", "를")),
        )
    } else if ea.controls() == eb {
        (
            "controlling",
            format!("나의 {} 상대의 {} 극함(상극)", element_with(ea, "이", "가"), element_with(eb, "을", "를")),
        )
    } else {
        (
            "controlling",
            format!("상대의 {} 나의 {} 극함(상극)", element_with(eb, "이", "가"), element_with(ea, "을", "를")),
        )
    };
    out.push(Finding {
        code: format!("compat:{code}"),
        text: format!("일간 {} {}: {how}", with_particle(sa.hangul(), "과", "와"), sb.hangul()),
    });
    let god = ten_god(sa, sb);
    let spouse = match me.input.gender {
        "male" => Some((TenGodGroup::JaeSeong, "남성에게 재성은 배우자의 별")),
        "female" => Some((TenGodGroup::GwanSeong, "여성에게 관성은 배우자의 별")),
        _ => None,
    };
    let is_spouse_star = spouse.is_some_and(|(g, _)| god.group() == g);
    out.push(Finding {
        code: if is_spouse_star { "compat:spouse_star".into() } else { format!("compat:ten_god:{}", god.hangul()) },
        text: format!(
            "상대 일간 {} 나(일간 {})에게 {}{}",
            with_particle(sb.hangul(), "은", "는"),
            sa.hangul(),
            god.hangul(),
            spouse.filter(|_| is_spouse_star).map_or(String::new(), |(_, why)| format!(" — {why}"))
        ),
    });
    for (who, lacking, other, has) in [("나", me, "상대", partner), ("상대", partner, "나", me)] {
        for e in lacking.elements.elements.iter().filter(|e| e.plain == 0) {
            let theirs = has.elements.get(e.element).plain;
            if theirs >= 2 {
                out.push(Finding {
                    code: format!("compat:complement:{}", e.element.code()),
                    text: format!(
                        "{who}의 사주에 없는 {} {other}의 사주가 {}개 가짐(보완)",
                        element_with(e.element, "을", "를"),
                        theirs
                    ),
                });
            }
        }
    }
    for (who, seeker, other, giver) in [("나", me, "상대", partner), ("상대", partner, "나", me)] {
        if day(giver).stem().element() == seeker.strength.favourable {
            out.push(Finding {
                code: "compat:yongsin".into(),
                text: format!(
                    "{who}의 용신(추정) {} {other}의 일간 오행",
                    element_with(seeker.strength.favourable, "이", "가")
                ),
            });
        }
    }
    out
}

/// The findings of two people who are not a couple (a parent and child, siblings, friends): the other's day
/// stem is read as its ten god only, never as the user's spouse star.
pub fn without_spouse_star(found: Vec<Finding>) -> Vec<Finding> {
    found
        .into_iter()
        .map(|f| match f.code.as_str() {
            "compat:spouse_star" => {
                let text = f.text.split(" — ").next().unwrap_or(&f.text).to_string();
                let god = text.rsplit("에게 ").next().unwrap_or("").to_string();
                Finding { code: format!("compat:ten_god:{god}"), text }
            }
            _ => f,
        })
        .collect()
}

/// Knowledge passages for compatibility findings, most specific first; the overview always comes last.
pub fn passages_for(findings: &[Finding]) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for f in findings {
        let kind = f.code.strip_prefix("compat:").unwrap_or("");
        let id = match kind.split(':').next().unwrap_or("") {
            "stem_combine" => "topics.compat.stem_combine",
            "six_combine" | "three_harmony" | "half_harmony" => "topics.compat.day_branch_combine",
            "clash" => "topics.compat.day_branch_clash",
            "generating" => "topics.compat.generating",
            "controlling" | "stem_clash" => "topics.compat.controlling",
            "same_element" => "topics.compat.same_element",
            "yongsin" | "complement" => "topics.compat.yongsin",
            "wonjin" => "relations.wonjin",
            "harm" => "relations.harm",
            "punishment" => "relations.punishment",
            // 유유, 오오: the 자형 passage, not the one about 삼형 and 상형.
            "self_punishment" => "relations.self_punishment",
            "break" => "relations.break",
            "spouse_star" => "topics.love.spouse_palace",
            _ => continue,
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.push("topics.compat.overview");
    ids
}

/// A 궁합 finding as a line of the reply: the relation of the two day pillars with what it tends to mean, the
/// other findings as they read; `None` for the day pillars themselves (the reply shows both charts).
pub fn line_of(f: &Finding) -> Option<String> {
    let kind = f.code.strip_prefix("compat:")?;
    if kind.starts_with("day_pillars") {
        return None;
    }
    let relation = f.text.split(" → ").nth(1);
    let meaning = match kind {
        "stem_combine" => "일간끼리 합하니 처음부터 끌림이 강한 인연",
        "six_combine" | "three_harmony" | "half_harmony" | "directional" => "생활의 결이 잘 맞물리는 사이",
        "clash" | "stem_clash" => "부딪힘이 있지만 서로를 움직이게 하는 사이, 속도를 맞추는 대화가 필요",
        "punishment" | "self_punishment" => "가까울수록 마찰이 생기기 쉬워 서로의 방식을 존중해야 하는 사이",
        "harm" | "break" => "작은 서운함이 쌓이기 쉬우니 그때그때 푸는 것이 좋은 사이",
        "wonjin" => "이유 없이 미운 마음이 들 때가 있어, 감정이 올라올 때 한 박자 쉬어 가면 좋은 사이",
        _ => "",
    };
    Some(match relation {
        Some(r) if !meaning.is_empty() => format!("두 사람의 일주가 {r} — {meaning}"),
        _ => f.text.clone(),
    })
}
