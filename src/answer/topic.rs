//! The topics a reply can be about: the vocabulary shared by understanding (which detects them, in
//! `chat::understand::intent`) and answers (which are planned by them).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Personality,
    Career,
    Wealth,
    Love,
    Health,
    /// 올해 운세 / 세운 ("내년 운세" too: see [`year_offset`]).
    YearFortune,
    /// 오늘의 운세: today's day pillar (일진) against the chart.
    TodayFortune,
    Daeun,
    /// 궁합: the user's chart with a second person's.
    Compatibility,
    /// "편관이 뭐예요?": the meaning of a term, answered from the knowledge base with or without a chart.
    Term,
    /// 인사, 감사, "넌 누구야": a short kind answer that steers back to 사주.
    SmallTalk,
    /// 날씨, 코딩, 주식 종목 …: not something a 사주 상담 answers.
    OutOfScope,
    /// Nothing specific (often a message that only gives birth data): an overview of the chart.
    General,
}

impl Topic {
    /// The code used by the knowledge base's `intent:` conditions and the NLU test set.
    pub fn code(self) -> &'static str {
        match self {
            Topic::Personality => "personality",
            Topic::Career => "career",
            Topic::Wealth => "wealth",
            Topic::Love => "love",
            Topic::Health => "health",
            Topic::YearFortune => "year_fortune",
            Topic::TodayFortune => "today_fortune",
            Topic::Daeun => "daeun",
            Topic::Compatibility => "compatibility",
            Topic::Term => "term",
            Topic::SmallTalk => "small_talk",
            Topic::OutOfScope => "out_of_scope",
            Topic::General => "general",
        }
    }

    /// Whether answering needs the user's chart.
    pub fn needs_chart(self) -> bool {
        !matches!(self, Topic::Term | Topic::SmallTalk | Topic::OutOfScope)
    }

    /// The topic with this [`Topic::code`].
    pub fn from_code(code: &str) -> Option<Topic> {
        [
            Topic::Personality,
            Topic::Career,
            Topic::Wealth,
            Topic::Love,
            Topic::Health,
            Topic::YearFortune,
            Topic::TodayFortune,
            Topic::Daeun,
            Topic::Compatibility,
            Topic::Term,
            Topic::SmallTalk,
            Topic::OutOfScope,
            Topic::General,
        ]
        .into_iter()
        .find(|t| t.code() == code)
    }
}
