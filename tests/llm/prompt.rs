//! The prompt: chart facts equal the engine's, passages by id, the forbidding instructions, the budget.

use crate::{chart, ctx, passage, plain_chart, YEAR};
use saju::answer::grounding::{allowed_pillars, named_pillars};
use saju::answer::{HistoryTurn, Speaker};
use saju::llm::prompt::{build, build_within, chart_facts};

fn system(messages: &[saju::llm::ChatMessage]) -> &str {
    assert_eq!(messages[0].role, "system");
    &messages[0].content
}

#[test]
fn the_pillars_in_the_prompt_are_the_charts() {
    for c in [plain_chart(), chart("1990-05-15", "female"), chart("1984-02-04T23:40", "female")] {
        let p = c.pillars.clone();
        let cx = ctx("제 성격은 어떤가요?", Some(c));
        let messages = build(&cx);
        let s = system(&messages);
        assert!(s.contains(&format!("년주: {}({})", p.year.hangul, p.year.hanja)), "{s}");
        assert!(s.contains(&format!("월주: {}({})", p.month.hangul, p.month.hanja)));
        assert!(s.contains(&format!("일주: {}({})", p.day.hangul, p.day.hanja)));
        match &p.hour {
            Some(h) => assert!(s.contains(&format!("시주: {}({})", h.hangul, h.hanja))),
            None => {
                assert!(s.contains("시주: 모름"));
                assert!(s.contains("세 기둥(년·월·일주)에 기댄 것임을 답에 밝힙니다"), "unknown hour instruction");
            }
        }
        assert!(s.contains(&format!("일간: {}", cx.chart.as_ref().unwrap().day_master.name)));
        // Every 간지 the prompt names is one an answer may name: the prompt and the check agree.
        let allowed = allowed_pillars(&cx);
        for g in named_pillars(s) {
            assert!(allowed.contains(&g.index()), "{} named in the prompt but not allowed", g.hangul());
        }
        // No other 간지 sits in the facts in hanja.
        let facts = chart_facts(&cx);
        let hanja_named: Vec<_> = named_pillars(&facts).into_iter().map(|g| g.index()).collect();
        for i in [p.year.index, p.month.index, p.day.index] {
            assert!(hanja_named.contains(&(i as usize)));
        }
    }
}

#[test]
fn the_facts_carry_strength_elements_daeun_and_seun() {
    let c = plain_chart();
    let current = c.daeun.pillars.iter().find(|d| d.start_year <= YEAR && YEAR <= d.end_year).unwrap().clone();
    let verdict = c.strength.verdict.hangul();
    let cx = ctx("올해 운세가 궁금해요", Some(c));
    let s = build(&cx).remove(0).content;
    assert!(s.contains(&format!("신강·신약(추정): {verdict}")), "{s}");
    assert!(s.contains("오행(드러난 8자): 목 "));
    assert!(s.contains(&format!("현재({YEAR}년) {}({}) 대운", current.hangul, current.hanja)));
    assert!(s.contains("2025년 을사(乙巳)") && s.contains("2026년 병오(丙午)"), "this and next year's 세운");
    // Findings with their codes, and the conventions.
    for f in &cx.findings {
        assert!(s.contains(&format!("- {} ({})", f.text, f.code)));
    }
    assert!(s.contains("[계산 기준]") && s.contains("자시 처리: 야자시"));
}

#[test]
fn years_in_the_question_get_their_pillar() {
    let cx = ctx("2030년 운세는 어떤가요?", Some(plain_chart()));
    let s = build(&cx).remove(0).content;
    assert!(s.contains("2030년 경술(庚戌)"), "{s}");
    assert!(allowed_pillars(&cx).contains(&saju::saju::ganzhi::GanZhi::parse("경술").unwrap().index()));
}

#[test]
fn passages_are_given_with_their_ids() {
    let mut cx = ctx("직업운이 궁금합니다", Some(plain_chart()));
    cx.passages = vec![
        passage("pyeongwan-career", "편관은 조직 안의 책임을 뜻합니다."),
        passage("siksang-talent", "식상은 표현력입니다."),
    ];
    let s = build(&cx).remove(0).content;
    assert!(s.contains("<자료 id=\"pyeongwan-career\">") && s.contains("편관은 조직 안의 책임을 뜻합니다."));
    assert!(s.contains("<자료 id=\"siksang-talent\">"));
    assert!(s.contains("[id]처럼 밝힙니다"), "asks to cite ids");
    assert!(s.find("pyeongwan-career").unwrap() < s.find("siksang-talent").unwrap(), "relevance order kept");
}

#[test]
fn the_forbidding_instructions_are_there() {
    let mut cx = ctx("건강이 걱정돼요", Some(plain_chart()));
    let s = build(&cx).remove(0).content;
    for must in [
        "사주를 다시 계산하거나 기둥을 지어내지 마세요",
        "간지(干支) 이름은 [사주 정보]에 나온 것만",
        "확신하는 말을 하지 마세요",
        "'반드시', '틀림없이', '100%'",
        "단정하여 예언하지 않습니다",
        "존댓말",
        "한 줄 요약",
        "전문가의 조언을 대신하지 않는다",
    ] {
        assert!(s.contains(must), "missing {must:?}");
    }
    assert!(s.contains(cx.caution.as_deref().unwrap()), "the health caution is required");

    cx.chart = None;
    let s = build(&cx).remove(0).content;
    assert!(s.contains("출생 정보가 아직 없습니다") && s.contains("[사주 정보]\n- 아직 없음"));

    // Born 10 minutes before 입춘 2024: the boundary warning and the instruction to mention it.
    let c = chart("2024-02-04T17:10", "male");
    assert!(c.warnings.iter().any(|w| w.code == "near_jie"));
    let cx = ctx("제 사주 봐 주세요", Some(c));
    let s = build(&cx).remove(0).content;
    assert!(s.contains("경계 경고:") && s.contains("어느 기둥이 바뀔 수 있는지"), "{s}");
}

#[test]
fn history_and_question_follow_the_system_message() {
    let mut cx = ctx("그럼 내년은요?", Some(plain_chart()));
    cx.history = vec![
        HistoryTurn { speaker: Speaker::User, text: "올해 운세 알려 주세요".into() },
        HistoryTurn { speaker: Speaker::Assistant, text: "올해는 차분한 해입니다.".into() },
    ];
    let m = build(&cx);
    let roles: Vec<&str> = m.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, ["system", "user", "assistant", "user"]);
    assert_eq!(m[1].content, "올해 운세 알려 주세요");
    assert_eq!(m[3].content, "그럼 내년은요?");
}

#[test]
fn the_budget_drops_passages_from_the_least_relevant_then_old_turns() {
    let mut cx = ctx("직업운이 궁금합니다", Some(plain_chart()));
    cx.passages = (0..10).map(|i| passage(&format!("p{i}"), &"가나다라마바사 ".repeat(40))).collect();
    cx.history = (0..8)
        .map(|i| HistoryTurn {
            speaker: if i % 2 == 0 { Speaker::User } else { Speaker::Assistant },
            text: format!("{i}번째 말 ") + &"아".repeat(300),
        })
        .collect();
    let full = build_within(&cx, usize::MAX);
    assert_eq!(full.passages.len(), 10);
    assert_eq!(full.turns, 8);

    let floor = build_within(&cx, 0).chars;
    assert!(floor < full.chars / 2, "fixed part {floor} of {}", full.chars);
    let mut previous = full.chars;
    let mut seen_turn_drop = false;
    for max in (floor..full.chars).rev().step_by(150) {
        let p = build_within(&cx, max);
        let actual: usize = p.messages.iter().map(|m| m.content.chars().count()).sum();
        assert_eq!(actual, p.chars);
        assert!(p.chars <= max, "{} > {max}", p.chars);
        assert!(p.chars <= previous);
        previous = p.chars;
        // Passages kept are the most relevant ones; turns kept are the most recent ones.
        let ids: Vec<String> = (0..p.passages.len()).map(|i| format!("p{i}")).collect();
        assert_eq!(p.passages, ids);
        if p.turns < 8 {
            assert!(p.passages.is_empty(), "turns are dropped only after every passage");
            seen_turn_drop = true;
        }
        let kept: Vec<&str> = p.messages[1..p.messages.len() - 1].iter().map(|m| m.content.as_str()).collect();
        let expected: Vec<&str> = cx.history[8 - p.turns..].iter().map(|t| t.text.as_str()).collect();
        assert_eq!(kept, expected);
        // The facts and the question are never dropped.
        assert!(p.messages[0].content.contains("[사주 정보]"));
        assert_eq!(p.messages.last().unwrap().content, "직업운이 궁금합니다");
    }
    assert!(seen_turn_drop);
    // Below what the fixed part needs, everything optional is gone and the question survives.
    let tiny = build_within(&cx, 100);
    assert!(tiny.passages.is_empty() && tiny.turns == 0);
    assert_eq!(tiny.messages.len(), 2);
}
