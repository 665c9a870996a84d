//! The topics a reply can be about: the vocabulary shared by understanding (which detects them, in
//! `chat::understand::intent`) and answers (which are planned by them).

/// What a timing question ("언제쯤 …?", "몇 살쯤", "좋은 해") is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingTopic {
    Love,
    Career,
    Wealth,
    Children,
    Move,
    Study,
    General,
}

impl TimingTopic {
    pub const ALL: [TimingTopic; 7] = [
        TimingTopic::Love,
        TimingTopic::Career,
        TimingTopic::Wealth,
        TimingTopic::Children,
        TimingTopic::Move,
        TimingTopic::Study,
        TimingTopic::General,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TimingTopic::Love => "love",
            TimingTopic::Career => "career",
            TimingTopic::Wealth => "wealth",
            TimingTopic::Children => "children",
            TimingTopic::Move => "move",
            TimingTopic::Study => "study",
            TimingTopic::General => "general",
        }
    }

    pub fn from_code(code: &str) -> Option<TimingTopic> {
        TimingTopic::ALL.into_iter().find(|t| t.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Personality,
    Career,
    Wealth,
    Love,
    Health,
    /// 올해 운세 / 세운 ("내년 운세" too: see `chat::understand::year_offset`).
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
    /// "언제쯤 결혼할까요?", "이직하기 좋은 해는?": when, about a life area.
    Timing(TimingTopic),
    /// 자녀운, 자식복, 임신.
    Children,
    /// 공부운, 시험운, 합격.
    Study,
    /// 삼재 in the user's own chart ("제가 삼재인가요?"; "삼재가 뭐예요?" is a term).
    Samjae,
    /// 말년운, 노후.
    LateLife,
    /// "죽고 싶어요", "사라지고 싶어요": care and the help lines, never a birth-data form.
    Crisis,
}

impl Topic {
    /// The timing area a topic stands for, when a later "언제쯤?" asks about it.
    pub fn timing_area(self) -> Option<TimingTopic> {
        Some(match self {
            Topic::Love | Topic::Compatibility => TimingTopic::Love,
            Topic::Career => TimingTopic::Career,
            Topic::Wealth => TimingTopic::Wealth,
            Topic::Children => TimingTopic::Children,
            Topic::Study => TimingTopic::Study,
            Topic::Timing(t) => t,
            _ => return None,
        })
    }

    /// Whether the answer depends on the gender: an overview and 대운 (its direction), 연애, 궁합, 자녀,
    /// 말년, and when about love or children; not personality, career, wealth, health, a year's or today's fortune, study,
    /// 삼재 or other timing.
    pub fn needs_gender(self) -> bool {
        matches!(
            self,
            Topic::General
                | Topic::Daeun
                | Topic::Love
                | Topic::Compatibility
                | Topic::Children
                | Topic::LateLife
                | Topic::Timing(TimingTopic::Love)
                | Topic::Timing(TimingTopic::Children)
        )
    }

    /// The code with its timing area (`timing:love`), as a follow-up keeps it between turns.
    pub fn key(self) -> String {
        match self {
            Topic::Timing(t) => format!("timing:{}", t.code()),
            t => t.code().to_string(),
        }
    }

    /// The timing area's code for a timing question.
    pub fn timing_code(self) -> Option<&'static str> {
        match self {
            Topic::Timing(t) => Some(t.code()),
            _ => None,
        }
    }

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
            Topic::Timing(_) => "timing",
            Topic::Children => "children",
            Topic::Study => "study",
            Topic::Samjae => "samjae",
            Topic::LateLife => "late_life",
            Topic::Crisis => "crisis",
        }
    }

    /// The topic as a reply names it ("연애·결혼운"), for headlines of follow-ups.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Personality => "성격",
            Topic::Career => "직업운",
            Topic::Wealth => "재물운",
            Topic::Love | Topic::Compatibility => "연애·결혼운",
            Topic::Health => "건강운",
            Topic::YearFortune => "한 해의 운",
            Topic::TodayFortune => "하루의 운",
            Topic::Daeun => "대운",
            Topic::Children => "자녀운",
            Topic::Study => "공부운",
            Topic::Samjae => "삼재",
            Topic::LateLife => "말년운",
            Topic::Timing(t) => super::timing::area_name(t),
            _ => "이 사주",
        }
    }

    /// Whether answering needs the user's chart.
    pub fn needs_chart(self) -> bool {
        !matches!(self, Topic::Term | Topic::SmallTalk | Topic::OutOfScope | Topic::Crisis)
    }

    /// The topic with this [`Topic::code`] or [`Topic::key`] (`timing:love`; `timing` alone is general timing).
    pub fn from_code(code: &str) -> Option<Topic> {
        if let Some(t) = code.strip_prefix("timing") {
            return match t.strip_prefix(':') {
                Some(area) => TimingTopic::from_code(area).map(Topic::Timing),
                None if t.is_empty() => Some(Topic::Timing(TimingTopic::General)),
                None => None,
            };
        }
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
            Topic::Children,
            Topic::Study,
            Topic::Samjae,
            Topic::LateLife,
            Topic::Crisis,
        ]
        .into_iter()
        .find(|t| t.code() == code)
    }
}

/// Whether a message names this year outright ("올해 연애운", "올해 운세는요?", "금년은?"): a life area in this
/// year, and after a turn about next year this one, not the year carried over.
pub fn says_this_year(q: &str) -> bool {
    ["올해", "금년", "이번 해", "이번해", "올 한 해", "올 한해"].iter().any(|w| q.contains(w))
}
