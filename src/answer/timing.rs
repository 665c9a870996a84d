//! The timing engine: which years of a range favour a life area, for this chart. Deterministic rules on
//! the year's pillar (세운) against the natal chart; every point a year gets comes with its reason. The rules
//! are documented in `docs/timing.md`; change them there and here together.

use super::topic::TimingTopic;
use crate::saju::chart::input::Gender;
use crate::saju::chart::model::Chart;
use crate::saju::derive::relations::{pair_relations, PillarPart, RelationKind};
use crate::saju::derive::ten_gods::{branch_ten_god, ten_god};
use crate::saju::derive::{TenGod, TenGodGroup};
use crate::saju::ganzhi::{Branch, Element, GanZhi, Stem};
use crate::saju::josa::with_particle;
use crate::saju::pillars::year_pillar;
use serde::Serialize;

/// One year of the range, scored for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearScore {
    pub year: i32,
    /// The year's pillar, e.g. `정미(丁未)`.
    pub pillar: String,
    /// The pillar in hangul only, e.g. `정미`.
    pub pillar_hangul: &'static str,
    /// Age at the end of that year (만 나이 once the birthday has passed).
    pub age: i32,
    /// The ten gods of the year's stem and branch for this day master.
    pub stem_ten_god: &'static str,
    pub branch_ten_god: &'static str,
    pub score: f32,
    /// Why, one short Korean phrase per rule that fired (points in the order they were added).
    pub reasons: Vec<String>,
    /// Strains the year's pillar puts on the day pillar and the month branch, whatever the area (a clash, a
    /// punishment, a 원진 with 일지; a 천간충 with the day master; a clash with 월지), e.g. "일지 미와 축이 충".
    /// They do not change the score; a reply that recommends the year names them.
    pub cautions: Vec<String>,
}

impl YearScore {
    /// The year's score in words, no longer "조용한 해" when the year brings help and burden that cancel out
    /// or a strain on the day pillar.
    pub fn verdict(&self) -> &'static str {
        verdict_of(self.score, !self.reasons.is_empty() || !self.cautions.is_empty())
    }
}

/// The life area's name in a sentence, e.g. "결혼·연애운".
pub fn area_name(area: TimingTopic) -> &'static str {
    match area {
        TimingTopic::Love => "결혼·연애운",
        TimingTopic::Career => "직업·이직·사업운",
        TimingTopic::Wealth => "재물운",
        TimingTopic::Children => "자녀운",
        TimingTopic::Move => "이사·이동운",
        TimingTopic::Study => "시험·공부운",
        TimingTopic::General => "전체 운",
    }
}

/// The chart's birth year (solar).
pub fn birth_year(chart: &Chart) -> i32 {
    chart.birth.solar_date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}

fn pillar_of(index: u8) -> GanZhi {
    GanZhi::new(index.into())
}

/// 도화 and 역마 of a branch's three-harmony group: 신자진 → 유, 인; 사유축 → 오, 해; 인오술 → 묘, 신;
/// 해묘미 → 자, 사.
fn dohwa_yeokma(b: Branch) -> (Branch, Branch) {
    let (dohwa, yeokma) = [(9, 2), (6, 11), (3, 8), (0, 5)][b.index() % 4];
    (Branch::new(dohwa), Branch::new(yeokma))
}

/// Points for a ten god in `area`, with its reason.
fn star(area: TimingTopic, god: TenGod, gender: Option<Gender>, has_wealth: bool, strong: bool) -> (f32, &'static str) {
    use TenGod::*;
    let male = gender == Some(Gender::Male);
    let female = gender == Some(Gender::Female);
    match area {
        TimingTopic::Love => match god {
            JeongJae if !female => (3.0, "정재 — 남성에게 아내의 별"),
            PyeonJae if !female => (2.0, "편재 — 남성에게 이성 인연의 별"),
            JeongGwan if !male => (3.0, "정관 — 여성에게 남편의 별"),
            PyeonGwan if !male => (2.0, "편관 — 여성에게 이성 인연의 별"),
            _ => (0.0, ""),
        },
        TimingTopic::Career => match god {
            JeongGwan => (2.5, "정관 — 자리와 책임, 승진·취업의 별"),
            PyeonGwan => (2.0, "편관 — 도전과 변동, 새 자리의 별"),
            SikSin | SangGwan => (1.0, "식상 — 재능을 펼치고 독립하는 기운"),
            JeongIn => (1.0, "정인 — 문서·자격의 기운"),
            _ => (0.0, ""),
        },
        TimingTopic::Wealth => match god {
            JeongJae => (3.0, "정재 — 꾸준히 모이는 재물의 별"),
            PyeonJae => (2.5, "편재 — 크게 움직이는 재물의 별"),
            SikSin if has_wealth => (1.5, "식신 — 재능이 재물로 이어지는 기운"),
            SangGwan if has_wealth => (1.0, "상관 — 재능이 재물로 이어지는 기운"),
            SikSin | SangGwan => (0.5, "식상 — 재물을 만드는 활동"),
            GeopJae if strong => (-1.5, "겁재 — 경쟁과 지출로 재물이 흩어지기 쉬운 기운"),
            BiGyeon if strong => (-1.0, "비견 — 나눠 쓰는 돈이 늘기 쉬운 기운"),
            BiGyeon | GeopJae => (0.5, "비겁 — 약한 일간이 재물을 감당할 힘"),
            _ => (0.0, ""),
        },
        TimingTopic::Children => match god {
            SikSin if !male => (3.0, "식신 — 여성에게 자녀의 별"),
            SangGwan if !male => (2.5, "상관 — 여성에게 자녀의 별"),
            PyeonGwan if !female => (3.0, "편관 — 남성에게 자녀의 별"),
            JeongGwan if !female => (2.5, "정관 — 남성에게 자녀의 별"),
            _ => (0.0, ""),
        },
        TimingTopic::Move => match god {
            JeongIn | PyeonIn => (1.0, "인성 — 문서·계약의 기운"),
            _ => (0.0, ""),
        },
        TimingTopic::Study => match god {
            JeongIn => (3.0, "정인 — 배움과 합격의 별"),
            PyeonIn => (2.5, "편인 — 깊이 파고드는 공부의 별"),
            JeongGwan => (1.5, "정관 — 시험·자격으로 인정받는 기운"),
            PyeonGwan => (1.0, "편관 — 긴장 속에 실력을 내는 기운"),
            _ => (0.0, ""),
        },
        TimingTopic::General => (0.0, ""),
    }
}

/// Points from the relation of the year's branch with one natal branch.
fn branch_relations(area: TimingTopic, year: GanZhi, natal: GanZhi, seat: &str) -> Vec<(f32, String)> {
    let mut out = Vec::new();
    let rels = pair_relations(year, natal);
    let kinds: Vec<RelationKind> =
        rels.iter().filter(|r| r.members.iter().all(|m| m.part == PillarPart::Branch)).map(|r| r.kind).collect();
    let (combine, harmony, clash) = (
        kinds.contains(&RelationKind::SixCombine),
        kinds.contains(&RelationKind::ThreeHarmony) || kinds.contains(&RelationKind::HalfHarmony),
        kinds.contains(&RelationKind::Clash),
    );
    let (yb, nb) = (year.branch().hangul(), natal.branch().hangul());
    let pair = format!("{} {}", with_particle(nb, "과", "와"), with_particle(yb, "이", "가"));
    match (area, seat) {
        (TimingTopic::Love, "일지") => {
            if combine {
                out.push((2.0, format!("배우자 자리 일지 {pair} 육합 — 인연이 묶이는 해")));
            }
            if harmony {
                out.push((1.5, format!("배우자 자리 일지 {pair} 삼합 — 인연이 모이는 해")));
            }
            if clash {
                out.push((1.0, format!("배우자 자리 일지 {pair} 충 — 관계에 변화가 오는 해")));
            }
        }
        (TimingTopic::Career, "월지") => {
            if clash {
                out.push((1.0, format!("사회 자리 월지 {pair} 충 — 직장의 변동")));
            }
            if combine || harmony {
                out.push((1.0, format!("사회 자리 월지 {pair} 합 — 일이 자리를 잡는 해")));
            }
        }
        (TimingTopic::Children, "시지") if combine || harmony => {
            out.push((1.5, format!("자녀 자리 시지 {pair} 합")));
        }
        (TimingTopic::Move, "일지") if clash => {
            out.push((2.0, format!("일지 {pair} 충 — 자리를 옮기는 해")));
        }
        (TimingTopic::Move, "년지") if clash => {
            out.push((1.0, format!("년지 {pair} 충 — 터전의 변화")));
        }
        _ => {}
    }
    out
}

fn element_word(e: Element) -> String {
    format!("{}({})", e.hangul(), e.hanja())
}

/// The chart's facts the rules read, gathered once per chart and area.
struct Rules {
    area: TimingTopic,
    dm: Stem,
    gender: Option<Gender>,
    has_wealth: bool,
    strong: bool,
    favourable: Element,
    unfavourable: Element,
    /// The natal pillars with their seat names (일지, 월지, 년지, 시지).
    seats: Vec<(GanZhi, &'static str)>,
    dohwa: [Branch; 2],
    yeokma: [Branch; 2],
}

impl Rules {
    fn new(chart: &Chart, area: TimingTopic) -> Rules {
        let counts = super::findings::group_counts(chart);
        let natal_year = pillar_of(chart.pillars.year.index);
        let natal_day = pillar_of(chart.pillars.day.index);
        let mut seats = vec![(natal_day, "일지"), (pillar_of(chart.pillars.month.index), "월지"), (natal_year, "년지")];
        if let Some(h) = &chart.pillars.hour {
            seats.push((pillar_of(h.index), "시지"));
        }
        let (dohwa_y, yeokma_y) = dohwa_yeokma(natal_year.branch());
        let (dohwa_d, yeokma_d) = dohwa_yeokma(natal_day.branch());
        Rules {
            area,
            dm: natal_day.stem(),
            gender: chart.gender(),
            has_wealth: counts.iter().any(|(g, n)| *g == TenGodGroup::JaeSeong && *n > 0),
            strong: chart.strength.verdict.is_strong(),
            favourable: chart.strength.favourable,
            unfavourable: chart.strength.unfavourable,
            seats,
            dohwa: [dohwa_y, dohwa_d],
            yeokma: [yeokma_y, yeokma_d],
        }
    }

    /// The strains a pillar puts on the day pillar and the month branch: 충, 형 and 원진 with 일지, 천간충 with the
    /// day master, 충 with 월지.
    fn cautions(&self, gz: GanZhi) -> Vec<String> {
        let mut out = Vec::new();
        let day = self.seats[0].0;
        for r in pair_relations(gz, day) {
            let on_stems = r.members.iter().all(|m| m.part == PillarPart::Stem);
            let on_branches = r.members.iter().all(|m| m.part == PillarPart::Branch);
            let (ours, theirs) = if on_stems {
                (day.stem().hangul(), gz.stem().hangul())
            } else {
                (day.branch().hangul(), gz.branch().hangul())
            };
            let pair = format!("{} {}", with_particle(ours, "과", "와"), with_particle(theirs, "이", "가"));
            match r.kind {
                RelationKind::StemClash if on_stems => out.push(format!("일간 {pair} 천간충")),
                RelationKind::Clash if on_branches => out.push(format!("일지 {pair} 충")),
                RelationKind::Punishment | RelationKind::SelfPunishment if on_branches => {
                    out.push(format!("일지 {pair} 형"))
                }
                RelationKind::Wonjin if on_branches => out.push(format!("일지 {pair} 원진")),
                _ => {}
            }
        }
        let month = self.seats[1].0;
        if pair_relations(gz, month)
            .iter()
            .any(|r| r.kind == RelationKind::Clash && r.members.iter().all(|m| m.part == PillarPart::Branch))
        {
            let (ours, theirs) = (month.branch().hangul(), gz.branch().hangul());
            out.push(format!("월지 {} {} 충", with_particle(ours, "과", "와"), with_particle(theirs, "이", "가")));
        }
        out
    }

    /// The points a pillar (a year's or a month's) gets, each with its reason; `unit` names it ("년", "월").
    fn score(&self, gz: GanZhi, unit: &str) -> (TenGod, TenGod, Vec<(f32, String)>) {
        let area = self.area;
        let (sg, bg) = (ten_god(self.dm, gz.stem()), branch_ten_god(self.dm, gz.branch()));
        let mut points: Vec<(f32, String)> = Vec::new();
        let (s_pts, s_why) = star(area, sg, self.gender, self.has_wealth, self.strong);
        if s_pts != 0.0 {
            points.push((s_pts, format!("천간 {}: {s_why}", gz.stem().hangul())));
        }
        let (b_pts, b_why) = star(area, bg, self.gender, self.has_wealth, self.strong);
        if b_pts != 0.0 {
            points.push((b_pts, format!("지지 {}: {b_why}", gz.branch().hangul())));
        }
        if area == TimingTopic::Study && sg.group() != bg.group() {
            let groups = [sg.group(), bg.group()];
            if groups.contains(&TenGodGroup::GwanSeong) && groups.contains(&TenGodGroup::InSeong) {
                points.push((1.0, "관인상생 — 시험과 인정이 함께 오는 짜임".into()));
            }
        }
        for (natal, seat) in &self.seats {
            points.extend(branch_relations(area, gz, *natal, seat));
        }
        let b = gz.branch();
        if area == TimingTopic::Love && self.dohwa.contains(&b) {
            points.push((1.0, format!("{}{unit}은 도화 — 이성의 눈에 띄는 때", b.hangul())));
        }
        if matches!(area, TimingTopic::Move | TimingTopic::Career) && self.yeokma.contains(&b) {
            let pts = if area == TimingTopic::Move { 3.0 } else { 1.5 };
            points.push((pts, format!("{}{unit}은 역마 — 움직임과 이동의 때", b.hangul())));
        }
        // The 용신 (and the 기신 against it) counts for every area, more for the general flow.
        let weight = if area == TimingTopic::General { 2.0 } else { 1.0 };
        for (part, e) in [("천간", gz.stem().element()), ("지지", gz.branch().element())] {
            if e == self.favourable {
                points.push((
                    weight,
                    format!(
                        "{} 용신 {} — 이 사주에 필요한 {} 기운",
                        with_particle(part, "이", "가"),
                        element_word(e),
                        element_word(e)
                    ),
                ));
            } else if e == self.unfavourable {
                points.push((
                    -weight,
                    format!(
                        "{} 기신 {} — 이 사주에 부담이 되는 {} 기운",
                        with_particle(part, "이", "가"),
                        element_word(e),
                        element_word(e)
                    ),
                ));
            }
        }
        (sg, bg, points)
    }
}

/// The years `from ..= from + count - 1` scored for `area`, in year order.
pub fn score_years(chart: &Chart, area: TimingTopic, from: i32, count: u32) -> Vec<YearScore> {
    let rules = Rules::new(chart, area);
    let born = birth_year(chart);
    (from..from + count as i32)
        .map(|year| {
            let gz = year_pillar(year);
            let (sg, bg, points) = rules.score(gz, "년");
            YearScore {
                year,
                pillar: format!("{}({})", gz.hangul(), gz.hanja()),
                pillar_hangul: gz.hangul(),
                age: year - born,
                stem_ten_god: sg.hangul(),
                branch_ten_god: bg.hangul(),
                // `+ 0.0` turns a sum of −0.0 into 0.0.
                score: points.iter().map(|p| p.0).sum::<f32>() + 0.0,
                reasons: points.into_iter().map(|p| p.1).collect(),
                cautions: rules.cautions(gz),
            }
        })
        .collect()
}

/// The points any pillar (a day's, say) gets for `area` in this chart, and their reasons; `unit` names it
/// ("일" → "자일은 도화 …").
pub fn score_pillar(chart: &Chart, area: TimingTopic, gz: GanZhi, unit: &str) -> (f32, Vec<String>) {
    let (_, _, points) = Rules::new(chart, area).score(gz, unit);
    (points.iter().map(|p| p.0).sum::<f32>() + 0.0, points.into_iter().map(|p| p.1).collect())
}

/// The strains any pillar (a day's, say) puts on the chart's day pillar and month branch (see
/// [`YearScore::cautions`]).
pub fn strains(chart: &Chart, gz: GanZhi) -> Vec<String> {
    Rules::new(chart, TimingTopic::General).cautions(gz)
}

/// One month (월운) of a saju year, scored for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthScore {
    /// 0 = 인월 (from 입춘, early February) … 11 = 축월 (from 소한, early January of the next year).
    pub number: u8,
    /// The solar month it mostly covers: 2 … 12, then 1 (of the next year).
    pub solar_month: u32,
    pub pillar_hangul: &'static str,
    pub score: f32,
    pub reasons: Vec<String>,
    /// As for a year: the month pillar's strains on the day pillar and the month branch.
    pub cautions: Vec<String>,
}

impl MonthScore {
    /// The month's weight for recommending it: what it brings the area, less its strains — a clash (충, 천간충)
    /// on the day or month pillar is the first thing a 상담가 avoids; a punishment, 원진 or harm counts less.
    pub fn recommend_weight(&self) -> f32 {
        self.score - self.cautions.iter().map(|c| if c.ends_with('충') { 2.0 } else { 0.75 }).sum::<f32>()
    }

    /// The month's score in words ("힘이 실리는 달").
    pub fn verdict(&self) -> String {
        let v = verdict_of(self.score, !self.reasons.is_empty() || !self.cautions.is_empty());
        format!("{}달", v.strip_suffix('해').unwrap_or(v))
    }
}

/// The twelve months of calendar year `year` as people name them, January to December, scored for `area`:
/// January is the 축월 that begins at 소한 in early January, the last month of the saju year before.
/// `number` orders them (0 = January).
pub fn calendar_months(chart: &Chart, area: TimingTopic, year: i32) -> Vec<MonthScore> {
    let january = score_months(chart, area, year - 1).pop();
    let mut rest = score_months(chart, area, year);
    rest.pop();
    january
        .map(|j| MonthScore { number: 0, ..j })
        .into_iter()
        .chain(rest.into_iter().map(|m| MonthScore { number: m.number + 1, ..m }))
        .collect()
}

/// The twelve months of saju year `year` (입춘 to 입춘) scored for `area`, in order.
pub fn score_months(chart: &Chart, area: TimingTopic, year: i32) -> Vec<MonthScore> {
    let rules = Rules::new(chart, area);
    let year_stem = year_pillar(year).stem();
    (0..12u8)
        .map(|number| {
            let gz = crate::saju::pillars::month_pillar(year_stem, number);
            let (_, _, points) = rules.score(gz, "월");
            MonthScore {
                number,
                solar_month: (u32::from(number) + 1) % 12 + 1,
                pillar_hangul: gz.hangul(),
                score: points.iter().map(|p| p.0).sum::<f32>() + 0.0,
                reasons: points.into_iter().map(|p| p.1).collect(),
                cautions: rules.cautions(gz),
            }
        })
        .collect()
}

/// The `n` best years (highest score, the earlier year on a tie), in year order.
pub fn best(scores: &[YearScore], n: usize) -> Vec<&YearScore> {
    let mut ranked: Vec<&YearScore> = scores.iter().collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.year.cmp(&b.year)));
    ranked.truncate(n);
    ranked.sort_by_key(|s| s.year);
    ranked
}

/// The first strain of a pillar in words, to follow a recommendation: "다만 일간 계와 정이 천간충이라, 마음이
/// 부딪히고 결정이 흔들리기 쉬우니 서두르지 마세요." `None` when the pillar strains nothing.
pub fn caution_text(cautions: &[String]) -> Option<String> {
    let first = cautions.first()?;
    let meaning = if first.ends_with("천간충") {
        "마음이 부딪히고 결정이 흔들리기 쉬우니"
    } else if first.starts_with("월지") {
        "일터와 집안에 변동이 크기 쉬우니"
    } else if first.ends_with('충') {
        "가까운 관계와 생활 자리가 흔들리기 쉬우니"
    } else if first.ends_with('형') {
        "다툼과 구설, 몸의 탈을 조심할 때라"
    } else {
        "작은 오해와 서운함이 쌓이기 쉬우니"
    };
    Some(format!("다만 {first}이라, {meaning} 큰 결정은 서두르지 마세요."))
}

/// A year's score in words.
pub fn verdict(score: f32) -> &'static str {
    verdict_of(score, false)
}

/// A score in words; `stirred` says the pillar brought something (a reason or a strain), so a zero is a
/// balance of help and burden, not a quiet year.
pub fn verdict_of(score: f32, stirred: bool) -> &'static str {
    if score == 0.0 && stirred {
        "도움과 부담이 엇갈리는 해"
    } else if score >= 4.0 {
        "기운이 뚜렷하게 들어오는 해"
    } else if score >= 2.0 {
        "힘이 실리는 해"
    } else if score > 0.0 {
        "무난하게 흐르는 해"
    } else if score == 0.0 {
        "크게 드러나는 기운 없이 조용한 해"
    } else {
        "서두르기보다 다지는 해"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn the_spouse_star_follows_the_gender() {
        // 경금 일간: 목 is 재성 (the wife's star for a man), 화 is 관성 (the husband's star for a woman).
        let man = chart("1990-05-15T15:30", "male");
        let woman = chart("1990-05-15T15:30", "female");
        assert_eq!(man.day_master.hangul, "경");
        let by_year = |c: &Chart, y: i32| score_years(c, TimingTopic::Love, y, 1).remove(0);
        // 2035 을묘: 정재 stem, 정재 branch → two wife stars for the man, none for the woman.
        let m = by_year(&man, 2035);
        assert_eq!((m.stem_ten_god, m.branch_ten_god), ("정재", "정재"));
        assert!(m.reasons.iter().filter(|r| r.contains("아내의 별")).count() == 2, "{m:?}");
        let w = by_year(&woman, 2035);
        assert!(!w.reasons.iter().any(|r| r.contains("별")), "{w:?}");
        // 2027 정미: 정관 stem → the husband's star for the woman.
        assert!(by_year(&woman, 2027).reasons.iter().any(|r| r.contains("남편의 별")));
    }

    #[test]
    fn every_point_has_a_reason_and_the_best_years_are_in_order() {
        let c = chart("1988-02-03T08:00", "female");
        for area in TimingTopic::ALL {
            let scores = score_years(&c, area, 2026, 10);
            assert_eq!(scores.len(), 10);
            assert_eq!(scores[0].age, 2026 - 1988);
            for s in &scores {
                assert_eq!(s.score == 0.0, s.reasons.is_empty() || s.score == 0.0, "{s:?}");
                assert!(s.score == 0.0 || !s.reasons.is_empty(), "{s:?}");
            }
            let top = best(&scores, 3);
            assert_eq!(top.len(), 3);
            assert!(top.windows(2).all(|w| w[0].year < w[1].year));
            let min_top = top.iter().map(|s| s.score).fold(f32::MAX, f32::min);
            assert!(scores.iter().filter(|s| !top.iter().any(|t| t.year == s.year)).all(|s| s.score <= min_top));
        }
    }

    #[test]
    fn the_months_of_a_year_follow_the_month_rule() {
        // 병오년 (2026): 병·신 → 경인월 first; 축월 (number 11) falls in January of the next year.
        let c = chart("1990-05-15T15:30", "female");
        let months = score_months(&c, TimingTopic::General, 2026);
        assert_eq!(months.len(), 12);
        assert_eq!((months[0].pillar_hangul, months[0].solar_month), ("경인", 2));
        assert_eq!((months[11].pillar_hangul, months[11].solar_month), ("신축", 1));
        // 용신 화 for this chart: 사월 (계사, 5월) has a fire branch, 자월 (경자, 12월) a water one (기신).
        assert_eq!(c.strength.favourable.hangul(), "화");
        assert!(months[3].score > months[10].score, "{:?} / {:?}", months[3], months[10]);
    }

    #[test]
    fn yeokma_counts_for_moving() {
        // 일지 진 (신자진) → 역마 인: 2034 갑인.
        let c = chart("1990-05-15T15:30", "male");
        assert_eq!(c.pillars.day.branch.hangul, "진");
        let s = score_years(&c, TimingTopic::Move, 2034, 1).remove(0);
        assert!(s.reasons.iter().any(|r| r.contains("역마")), "{s:?}");
        assert!(s.score >= 3.0);
    }
}
