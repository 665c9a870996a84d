//! Understanding a message: what it asks ([`Topic`]) and what it says about a birth ([`BirthFacts`]);
//! across turns the facts add up ([`BirthFacts::merge`]) until nothing is [`Missing`], and the
//! [`follow_up`] question asks for what is.

pub mod birth;
pub mod intent;
pub mod numbers;

pub use birth::{gender_in, BirthFacts, Missing};
pub use intent::{year_offset, Topic};

/// What the composer asks while only the gender is missing.
pub const ASK_FOR_GENDER: &str =
    "대운의 방향이 성별에 따라 달라져서, 성별을 알려 주시면 바로 풀어 드릴게요. (예: \"남자\" 또는 \"여자\")";

/// What one message says.
#[derive(Debug, Clone, PartialEq)]
pub struct Understanding {
    pub topic: Topic,
    /// The fortune's year relative to this one (내년 → 1).
    pub year_offset: i32,
    pub birth: BirthFacts,
}

/// Reads `text`, with `this_year` for two-digit years.
pub fn understand(text: &str, this_year: i32) -> Understanding {
    Understanding {
        topic: Topic::detect(text),
        year_offset: year_offset(text),
        birth: BirthFacts::parse(text, this_year),
    }
}

/// The short question asking for what is missing; `partner` when the facts are the second person's (궁합).
pub fn follow_up(missing: Missing, facts: &BirthFacts, partner: bool) -> String {
    let whose = if partner { "상대분의 " } else { "" };
    let gender_too = facts.gender.is_none();
    match missing {
        Missing::Date if partner => "궁합을 보려면 상대분의 생년월일과 태어난 시각, 성별을 알려 주세요.\n예: \"1992년 3월 4일 오전 10시, 여자\" (시각을 모르시면 \"시간 모름\")".into(),
        Missing::Date => crate::llm::composer::ASK_FOR_BIRTH.into(),
        Missing::Year => format!(
            "{whose}{}월 {}일은 알겠어요. 몇 년생이신가요? (예: 1990년 또는 90년생)",
            facts.month.unwrap_or(0),
            facts.day.unwrap_or(0)
        ),
        Missing::MonthDay => format!(
            "{whose}태어난 해({}년)는 알겠어요. 태어난 월과 일도 알려 주세요. 음력이면 \"음력\"이라고 함께 적어 주세요.",
            facts.year.unwrap_or(0)
        ),
        Missing::AmPm => {
            let h = facts.hour.unwrap_or(0);
            let alt = if h == 12 { "밤 12시(자정)인가요, 낮 12시(정오)인가요?".to_string() } else { format!("오전 {h}시인가요, 오후 {h}시인가요?") };
            format!("{whose}태어난 시각이 {alt} 시주가 달라져서 여쭤봐요.")
        }
        Missing::Hour if gender_too => format!(
            "{whose}태어난 시각과 성별을 알려 주세요. (예: \"오후 3시 30분, 여자\") 시각을 모르시면 \"시간 모름\"이라고 적어 주시면 시주 없이 세 기둥으로 풀어 드릴게요."
        ),
        Missing::Hour => format!(
            "{whose}태어난 시각도 아시나요? (예: \"오후 3시 30분\", \"새벽 2시\", \"축시\") 모르시면 \"시간 모름\"이라고 적어 주세요. 시주 없이 세 기둥으로 풀어 드릴게요."
        ),
        Missing::Gender => ASK_FOR_GENDER.replace("성별을", &format!("{whose}성별을")),
    }
}
