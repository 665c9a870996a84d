//! The answer context for a question: the chart's findings and the topic's own (세운, 일진, 궁합, plugins),
//! and the knowledge passages they call for. Passages come from two places: those whose `applies_when`
//! matches the chart's findings (most specific first) and those the question's own words retrieve.

use super::compat::{self, compatibility};
use super::context::{AnswerContext, HistoryTurn, PassageRef};
use super::fortune::{seun_findings, today_findings};
use super::{Finding, Topic};
use crate::knowledge::KnowledgeBase;
use crate::saju::chart::model::Chart;

/// Passages given to a generator at most.
pub const MAX_PASSAGES: usize = 6;

/// The knowledge base's `intent:` code for a topic.
pub fn intent_code(topic: Topic) -> &'static str {
    match topic {
        Topic::General | Topic::SmallTalk | Topic::OutOfScope => "personality",
        other => other.code(),
    }
}

/// Passages for a context: selected by findings (and gender, intent), then retrieved by the question.
pub fn passages_for(kb: &KnowledgeBase, ctx: &AnswerContext) -> Vec<PassageRef> {
    let mut codes: Vec<String> = ctx.findings.iter().map(|f| f.code.clone()).collect();
    if let Some(chart) = &ctx.chart {
        if let Some(gender) = chart.gender() {
            codes.push(format!("gender:{}", gender.code()));
        }
    }
    let intent = intent_code(ctx.intent);
    let mut ids: Vec<String> = Vec::new();
    let mut push = |id: &str| {
        if ids.len() < MAX_PASSAGES && !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    };
    let selected: Vec<String> = kb.select(&codes, Some(intent)).into_iter().map(|p| p.id.clone()).collect();
    // A retrieved passage written for a condition (`applies_when`) is quoted only when the chart meets it: a
    // passage on a missing element must not reach a chart that has plenty of it.
    // A term question with a chart known ("도화살 있으면 연애 어떻게 돼요?") keeps the definitions (`intent:term`
    // passages) but not readings of conditions this chart lacks.
    let fits_chart = |id: &String| {
        ctx.chart.is_none()
            || kb.get(id).is_some_and(|p| {
                p.applies_when.is_empty() || p.applies_when.iter().any(|a| a.split('&').any(|c| c == "intent:term"))
            })
            || selected.contains(id)
    };
    let searched: Vec<String> = kb
        .search(&ctx.question, MAX_PASSAGES * 2)
        .into_iter()
        .map(|h| h.id)
        .filter(fits_chart)
        .take(MAX_PASSAGES)
        .collect();
    // A term question is about the words asked; otherwise the chart's passages lead, at most half of them,
    // so the question's own subject always gets room.
    if ctx.intent == Topic::Term {
        // "역마 있으면 해외 나가야 돼요? 워홀 고민중": the passages tagged with a term the question names come
        // before ones that only share a word ("고민").
        let names_term = |id: &String| {
            kb.get(id)
                .is_some_and(|p| p.tags.iter().any(|t| t.chars().count() >= 2 && ctx.question.contains(t.as_str())))
        };
        let (tagged, rest): (Vec<&String>, Vec<&String>) = searched.iter().partition(|id| names_term(id));
        tagged.into_iter().chain(rest).chain(&selected).for_each(|id| push(id));
    } else {
        selected.iter().take(MAX_PASSAGES / 2).chain(&searched).for_each(|id| push(id));
    }
    ids.iter().filter_map(|id| kb.get(id)).map(passage_ref).collect()
}

/// Everything a turn knows when it asks for an answer.
#[derive(Debug, Clone)]
pub struct Question {
    pub text: String,
    pub topic: Topic,
    pub chart: Option<Chart>,
    /// The second person's chart for 궁합.
    pub partner: Option<Chart>,
    /// Findings of the enabled interpretation plugins (`plugin:<id>:<code>`), after the built-in ones.
    pub plugin_findings: Vec<Finding>,
    /// This year.
    pub year: i32,
    /// The year a fortune question is about, relative to this year (내년 → 1).
    pub year_offset: i32,
    /// The civil date in Korea a day's fortune is about (today, or 내일 …).
    pub today: (i32, u32, u32),
    pub history: Vec<HistoryTurn>,
    /// The message voices a feeling.
    pub emotion: bool,
    /// The chart is the second person's, named so ("그분", "남자친구분"), asked about in a follow-up.
    pub about: Option<String>,
    /// The second chart is this person's (see [`AnswerContext::partner_about`]).
    pub partner_about: Option<String>,
}

/// The context for a question: the chart's findings plus those of the topic (세운, 일진, 궁합), and the
/// passages for them.
pub fn context_for(kb: &KnowledgeBase, q: Question) -> AnswerContext {
    let mut ctx = AnswerContext::new(q.text, q.topic, q.chart, q.year);
    ctx.history = q.history;
    ctx.year_offset = q.year_offset;
    ctx.month = q.today.1;
    ctx.today = q.today;
    ctx.emotion = q.emotion;
    ctx.about = q.about;
    ctx.partner_about = q.partner_about;
    if let Some(chart) = &ctx.chart {
        let extra = match q.topic {
            Topic::YearFortune => seun_findings(chart, q.year + q.year_offset),
            Topic::TodayFortune => today_findings(chart, q.today),
            Topic::Compatibility => {
                let found = q.partner.as_ref().map(|p| compatibility(chart, p)).unwrap_or_default();
                // (Family, a friend or a colleague: the other's day stem is not a spouse star to the user.)
                let romantic = ctx.partner_about.as_deref().is_none_or(super::relation_advice::is_romantic);
                if romantic {
                    found
                } else {
                    compat::without_spouse_star(found)
                }
            }
            _ => Vec::new(),
        };
        // The topic's own facts lead: they are what the question is about; plugins' readings come last.
        ctx.findings = extra.into_iter().chain(ctx.findings).chain(q.plugin_findings).collect();
    }
    ctx.partner = q.partner;
    ctx.passages = passages_for(kb, &ctx);
    let first = topic_passages(kb, &ctx);
    if !first.is_empty() {
        let mut passages: Vec<PassageRef> = first.iter().filter_map(|id| kb.get(id)).map(passage_ref).collect();
        passages.extend(ctx.passages.drain(..).filter(|p| !first.contains(&p.id)));
        passages.truncate(MAX_PASSAGES);
        ctx.passages = passages;
    }
    // For a life-area question, the passages written for that area come first (a stable partition: the
    // chart's other passages stay, after them).
    if let Some(area) = life_area(ctx.intent) {
        let about = |p: &PassageRef| kb.get(&p.id).is_some_and(|full| full.topics.iter().any(|t| t == area));
        let (mut first, rest): (Vec<PassageRef>, Vec<PassageRef>) = ctx.passages.drain(..).partition(about);
        first.extend(rest);
        ctx.passages = first;
    }
    // A reading of a chart quotes only what speaks to its question (a career paragraph has no place in a
    // marriage-timing answer, a 신살 not asked about none in a 대운 answer), and definitions go last: they
    // are for term questions.
    if ctx.chart.is_some() && ctx.intent != Topic::Term {
        let star = super::plans::star_named(&ctx.question);
        let intent = ctx.intent;
        ctx.passages.retain(|p| kb.get(&p.id).is_some_and(|full| speaks_to(intent, &p.id, &full.topics, star)));
        let (mut readings, definitions): (Vec<PassageRef>, Vec<PassageRef>) =
            ctx.passages.drain(..).partition(|p| !is_definition(&p.id));
        // The day master's portrait fits every chart with that day master: outside a question of character
        // it follows the passages about this chart's own configuration.
        if !matches!(intent, Topic::Personality | Topic::General) {
            let (own, portraits): (Vec<PassageRef>, Vec<PassageRef>) =
                readings.drain(..).partition(|p| !p.id.starts_with("stems."));
            readings = own;
            readings.extend(portraits);
        }
        readings.extend(definitions);
        ctx.passages = readings;
    }
    ctx
}

/// A passage that defines a term or a rule of calculation (대운이란…, 순행·역행, 월운이란…, how to read a
/// 신년운세): quoted for term questions only, never as a reading.
pub fn is_definition(id: &str) -> bool {
    id.starts_with("terms.")
        || (id.starts_with("luck.") && id.ends_with(".reading"))
        || [".direction", ".stem_branch", ".how_to_read", ".overview", ".definition", "reading.schools", ".planning"]
            .iter()
            .any(|s| id.ends_with(s))
}

/// Whether passage `id` (about `topics`) speaks to a question of `intent`: its life area for the areas and
/// their timing, the luck passages for 대운 and 세운, the day's guides for 일진; a 신살 only when the
/// question names it or asks about the person.
fn speaks_to(intent: Topic, id: &str, topics: &[String], star: Option<&str>) -> bool {
    use super::TimingTopic as T;
    let about = |t: &str| topics.iter().any(|x| x == t);
    if let Some(code) = id.strip_prefix("shinsal.") {
        let named = star.is_some_and(|s| code.starts_with(super::findings::star_knowledge_code(s)));
        return named || matches!(intent, Topic::Personality | Topic::General);
    }
    match intent {
        Topic::Personality | Topic::General => about("성격") || id.starts_with("elements."),
        Topic::Career | Topic::Timing(T::Career) => about("직업"),
        Topic::Wealth | Topic::Timing(T::Wealth) => about("재물"),
        Topic::Love | Topic::Timing(T::Love) => {
            (about("연애") && !id.starts_with("ten_gods.")) || id.contains(".day_branch")
        }
        Topic::Health => about("건강") || id.starts_with("elements."),
        Topic::Compatibility => about("궁합") || id.starts_with("relations.") || id.starts_with("topics.love"),
        Topic::Daeun => id.starts_with("luck.daeun"),
        Topic::YearFortune => id.starts_with("luck.seun") || id.starts_with("luck.wolun"),
        Topic::TodayFortune => id.starts_with("topics.today"),
        _ => id.starts_with("luck.") || id.starts_with("topics."),
    }
}

/// The corpus's `topics:` word for the life areas a question can ask about.
fn life_area(topic: Topic) -> Option<&'static str> {
    Some(match topic {
        Topic::Career => "직업",
        Topic::Wealth => "재물",
        Topic::Love => "연애",
        Topic::Health => "건강",
        _ => return None,
    })
}

/// Romanized day stem as the knowledge base's `stems.<stem>.<topic>` ids spell it.
fn stem_id(hangul: &str) -> Option<&'static str> {
    let names = ["gap", "eul", "byeong", "jeong", "mu", "gi", "gyeong", "sin", "im", "gye"];
    ["갑", "을", "병", "정", "무", "기", "경", "신", "임", "계"].iter().position(|s| *s == hangul).map(|i| names[i])
}

/// The passages that speak to the question itself, to lead the chart's: the day master's own passage for
/// personality, career and love; the 세운 passages of this year's findings; the guides for today and 궁합.
fn topic_passages(kb: &KnowledgeBase, ctx: &AnswerContext) -> Vec<String> {
    let Some(chart) = &ctx.chart else { return Vec::new() };
    let own =
        |topic: &str| stem_id(chart.day_master.hangul).map(|s| vec![format!("stems.{s}.{topic}")]).unwrap_or_default();
    let by_findings = |prefixes: &[&str]| -> Vec<String> {
        let codes: Vec<String> = ctx
            .findings
            .iter()
            .filter(|f| prefixes.iter().any(|p| f.code.starts_with(p)))
            .map(|f| f.code.clone())
            .collect();
        let mut ids: Vec<String> =
            kb.select(&codes, Some(intent_code(ctx.intent))).into_iter().map(|p| p.id.clone()).collect();
        ids.retain(|id| !id.starts_with("topics."));
        ids
    };
    // The topic's own guides among the passages the chart's findings select.
    let guides = |prefix: &str| -> Vec<String> {
        let codes: Vec<String> = ctx.findings.iter().map(|f| f.code.clone()).collect();
        let mut ids: Vec<String> = kb
            .select(&codes, Some(intent_code(ctx.intent)))
            .into_iter()
            .map(|p| p.id.clone())
            .filter(|id| id.starts_with(prefix))
            .collect();
        ids.truncate(2);
        ids
    };
    // A star the question names and the chart has: its own passage leads (none when the chart lacks it, so
    // the reply never reads out a star that is not there).
    let star: Vec<String> = super::plans::star_named(&ctx.question)
        .filter(|code| chart.shinsal.iter().any(|s| s.code == *code))
        .map(|code| vec![format!("shinsal.{}", super::findings::star_knowledge_code(code))])
        .unwrap_or_default();
    let mut ids = match ctx.intent {
        _ if !star.is_empty() => star,
        Topic::Personality | Topic::General => own("personality"),
        Topic::Career => own("career").into_iter().chain(guides("topics.career")).collect(),
        // A relationship under strain ("자꾸 싸워요", "이혼해야 되나요") is not asked about dating style.
        Topic::Love if strained(&ctx.question) => {
            std::iter::once("topics.love.strained".to_string()).chain(guides("topics.love")).collect()
        }
        Topic::Love => own("love").into_iter().chain(guides("topics.love")).collect(),
        Topic::Wealth => guides("topics.wealth"),
        Topic::Health => guides("topics.health"),
        Topic::Daeun => guides("luck.daeun"),
        Topic::YearFortune => {
            let mut ids = by_findings(&["seun:", "seun_relation:"]);
            ids.push("topics.year_fortune.planning".into());
            ids
        }
        // The day's own ten god's passage (a 상관 day reads the 식상 day), then how to read a day.
        Topic::TodayFortune => {
            let codes: Vec<String> =
                ctx.findings.iter().filter(|f| f.code.starts_with("today:")).map(|f| f.code.clone()).collect();
            let mut ids: Vec<String> = kb.select(&codes, None).into_iter().map(|p| p.id.clone()).collect();
            ids.push("topics.today.how_to_read".into());
            ids
        }
        Topic::Compatibility if ctx.partner.is_some() => {
            compat::passages_for(&ctx.findings).into_iter().map(str::to_string).collect()
        }
        _ => Vec::new(),
    };
    ids.retain(|id| kb.get(id).is_some());
    ids.truncate(MAX_PASSAGES / 2 + 1);
    ids
}

/// Whether a love question is about a relationship under strain: fights, a divorce weighed.
fn strained(question: &str) -> bool {
    super::wording::considers_divorce(question)
        || super::wording::speaks_of_fights(question)
        || ["이혼", "별거", "헤어질까"].iter().any(|w| question.contains(w))
}

fn passage_ref(p: &crate::knowledge::Passage) -> PassageRef {
    PassageRef {
        id: p.id.clone(),
        title: p.title.clone(),
        source: p.source.clone(),
        body: p.body.clone(),
        tags: p.tags.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn chart() -> Chart {
        crate::answer::test_chart("1990-05-15T15:30", "female")
    }

    #[test]
    fn a_life_area_question_puts_that_area_s_passages_first() {
        let kb = KnowledgeBase::embedded();
        for (question, topic, area) in [
            ("건강은 어때요?", Topic::Health, "건강"),
            ("재물운은요?", Topic::Wealth, "재물"),
            ("직업은 뭐가 맞을까요?", Topic::Career, "직업"),
        ] {
            let q = Question {
                text: question.into(),
                topic,
                chart: Some(chart()),
                partner: None,
                plugin_findings: Vec::new(),
                year: 2026,
                year_offset: 0,
                today: (2026, 11, 26),
                history: Vec::new(),
                emotion: false,
                about: None,
                partner_about: None,
            };
            let ctx = context_for(&kb, q);
            // Definitions go last whatever their area: they are quoted for term questions only.
            let about: Vec<bool> = ctx
                .passages
                .iter()
                .filter(|p| !is_definition(&p.id))
                .map(|p| kb.get(&p.id).unwrap().topics.iter().any(|t| t == area))
                .collect();
            let any_about = ctx.passages.iter().any(|p| kb.get(&p.id).unwrap().topics.iter().any(|t| t == area));
            assert!(
                any_about && about.first() != Some(&false),
                "{question}: {:?}",
                ctx.passages.iter().map(|p| &p.id).collect::<Vec<_>>()
            );
            assert!(about.windows(2).all(|w| w[0] || !w[1]), "{area} passages lead: {about:?}");
        }
    }

    #[test]
    fn passages_come_from_the_chart_and_the_question() {
        let kb = KnowledgeBase::embedded();
        let mut ctx = AnswerContext::new("남편복이 있을까요?", Topic::Love, Some(chart()), 2026);
        let passages = passages_for(&kb, &ctx);
        assert!(!passages.is_empty() && passages.len() <= MAX_PASSAGES);
        let selected: Vec<String> = {
            let codes: Vec<String> = ctx.findings.iter().map(|f| f.code.clone()).collect();
            kb.select(&codes, Some(intent_code(ctx.intent))).iter().map(|p| p.id.clone()).collect()
        };
        assert!(passages.iter().any(|p| selected.contains(&p.id)), "a chart-selected passage");
        let searched: Vec<String> = kb.search("남편복이 있을까요?", 6).into_iter().map(|h| h.id).collect();
        assert!(passages.iter().any(|p| searched.contains(&p.id)), "a question-retrieved passage");
        // Without a chart only the question and the topic guides (`intent:` conditions) count.
        ctx.chart = None;
        ctx.findings.clear();
        let guides: Vec<String> = kb.select(&[], Some(intent_code(ctx.intent))).iter().map(|p| p.id.clone()).collect();
        assert!(passages_for(&kb, &ctx).iter().all(|p| searched.contains(&p.id) || guides.contains(&p.id)));
    }
}
