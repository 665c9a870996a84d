# People and event dates of the blind20 set (imported by build_charts.py)
S = "서울 (assumed)"
PEOPLE = [
    # b20-01 couple, baby within 2 years (two births in one message)
    dict(id="p01a", conv="b20-01", role="user (wife; both births in one message)", gender="F", cal="solar", ymd=(1994, 3, 21), time="08:20", place=S),
    dict(id="p01b", conv="b20-01", role="husband (남편)", gender="M", cal="solar", ymd=(1991, 10, 5), time="21:40", place=S),
    # b20-02 couple moving within 3 years; husband's hour corrected 밤 11시 -> 오전 11시
    dict(id="p02a", conv="b20-02", role="user (wife)", gender="F", cal="solar", ymd=(1989, 9, 8), time="15:10", place=S),
    dict(id="p02b", conv="b20-02", role="husband (as corrected: 오전 11시)", gender="M", cal="solar", ymd=(1986, 2, 17), time="11:00", place=S,
         note="t1 '밤 11시' (23:00 = 야자시) corrected in t3 to '오전 11시' (11:00 = 오시 start)",
         variants=[dict(label="t1 input 23:00 (야자시; corrected away in t3)", ymd=(1986, 2, 17), time="23:00")]),
    # b20-03 divorce talk, 언제쯤 나아질까요
    dict(id="p03a", conv="b20-03", role="user (woman, divorce talk)", gender="F", cal="solar", ymd=(1983, 11, 14), time="07:30", place=S),
    # b20-04 대운 road, claim 대운 바뀌는 해라 힘들다
    dict(id="p04a", conv="b20-04", role="user (man, 대운 전체)", gender="M", cal="solar", ymd=(1966, 10, 19), time="14:10", place=S),
    # b20-05 30대 중반까지 결혼, 대운 road
    dict(id="p05a", conv="b20-05", role="user (woman, 30대 중반까지 결혼)", gender="F", cal="solar", ymd=(1993, 4, 28), time="16:40", place=S),
    # b20-06 mother + 중2 daughter
    dict(id="p06a", conv="b20-06", role="user (mother, '엄마예요')", gender="F", cal="solar", ymd=(1981, 6, 19), time="10:50", place=S),
    dict(id="p06b", conv="b20-06", role="daughter (중2)", gender="F", cal="solar", ymd=(2012, 8, 24), time="20:30", place=S),
    # b20-07 father + 7-year-old son
    dict(id="p07a", conv="b20-07", role="user (father)", gender="M", cal="solar", ymd=(1986, 12, 2), time="06:10", place=S),
    dict(id="p07b", conv="b20-07", role="son (7살)", gender="M", cal="solar", ymd=(2019, 11, 3), time="13:20", place=S),
    # b20-08 고3 after 수능
    dict(id="p08a", conv="b20-08", role="user (고3 boy, 수능 망함)", gender="M", cal="solar", ymd=(2008, 5, 15), time="22:30", place=S),
    # b20-09 sisters (two births in one message)
    dict(id="p09a", conv="b20-09", role="user (younger sister)", gender="F", cal="solar", ymd=(1996, 8, 29), time="12:10", place=S),
    dict(id="p09b", conv="b20-09", role="older sister (언니)", gender="F", cal="solar", ymd=(1993, 2, 8), time="03:50", place=S),
    # b20-10 business partners (friends), contract dates
    dict(id="p10a", conv="b20-10", role="user (man, partner)", gender="M", cal="solar", ymd=(1985, 7, 11), time="09:00", place=S),
    dict(id="p10b", conv="b20-10", role="friend / business partner (동업자, 남자)", gender="M", cal="solar", ymd=(1984, 4, 6), time="17:20", place=S),
    # b20-11 시어머니 -> 며느리
    dict(id="p11a", conv="b20-11", role="user (mother-in-law, 시어머니)", gender="F", cal="solar", ymd=(1962, 9, 26), time="05:20", place=S),
    dict(id="p11b", conv="b20-11", role="daughter-in-law (며느리)", gender="F", cal="solar", ymd=(1992, 1, 30), time="11:40", place=S, note="before 입춘 1992-02-04 -> 신미년 (양띠, not 원숭이띠)"),
    # b20-12 장인 -> 사위 (1960 summer time)
    dict(id="p12a", conv="b20-12", role="user (father-in-law, 장인, 하오체)", gender="M", cal="solar", ymd=(1960, 5, 22), time="07:30", place=S, note="1960: UTC+8:30 + summer time (clock +9:30): 07:30 -> standard 06:30 = 묘시 (naive 진시)"),
    dict(id="p12b", conv="b20-12", role="son-in-law (사위)", gender="M", cal="solar", ymd=(1990, 12, 27), time="15:50", place=S),
    dict(id="p12c", conv="b20-12", role="daughter (딸, the son-in-law's wife)", gender="F", cal="solar", ymd=(1992, 6, 30), time="09:30", place=S),
    # b20-13 mother asks: daughter + daughter's boyfriend (95년생 돼지띠 -> 8월 3일 -> 음력)
    dict(id="p13b", conv="b20-13", role="daughter (딸)", gender="F", cal="solar", ymd=(1996, 12, 19), time="10:30", place=S),
    dict(id="p13c", conv="b20-13", role="daughter's boyfriend (t1 only '95년생 돼지띠'; t2 '8월 3일, 시간 몰라요'; t3 '음력이었대요')", gender="M", cal="lunar", ymd=(1995, 8, 3), leap=False, time=None, place="unknown (Seoul assumed)",
         note="t2 reads as solar 1995-08-03; t3: 음력 8월 3일 (1995 also has 윤8월 -> plain 8월 assumed) -> solar 1995-08-28",
         variants=[dict(label="t2 input read as solar 1995-08-03 (corrected away in t3)", ymd=(1995, 8, 3), time=None)]),
    dict(id="p13x", conv="b20-13", role="daughter's boyfriend as given in t1 (only '95년생 돼지띠')", gender="M", partial=dict(given="95년생 돼지띠 남자, 생일 모름", years=[1995])),
    # b20-14 friend given only as '90년생 말띠'
    dict(id="p14a", conv="b20-14", role="user (woman)", gender="F", cal="solar", ymd=(1991, 6, 23), time="18:40", place=S),
    dict(id="p14b", conv="b20-14", role="friend (언니, only '90년생 말띠')", gender="F", partial=dict(given="90년생 말띠 언니, 생일 모름", years=[1990])),
    # b20-15 father asks about son + son's partner '92년생 원숭이띠'
    dict(id="p15b", conv="b20-15", role="son (아들)", gender="M", cal="solar", ymd=(1994, 10, 12), time="04:40", place=S),
    dict(id="p15c", conv="b20-15", role="son's business partner (only '92년생 원숭이띠')", gender="M", partial=dict(given="92년생 원숭이띠 남자 (아들 친구), 생일 모름", years=[1992])),
    # b20-16 '11시 20분' -> 오후 -> 23:20 (야자시)
    dict(id="p16a", conv="b20-16", role="user (woman; '11시 20분' -> '오후요' = 23:20)", gender="F", cal="solar", ymd=(1997, 4, 3), time="23:20", place=S,
         note="t1 '11시 20분' without 오전/오후; t2 '오후요' -> 23:20 = 야자시",
         variants=[dict(label="오전 11:20 reading (not what the user meant)", ymd=(1997, 4, 3), time="11:20")]),
    # b20-17 '7시쯤' -> 저녁 -> 1988 summer time
    dict(id="p17a", conv="b20-17", role="user (man; '7시쯤' -> '저녁이요')", gender="M", cal="solar", ymd=(1988, 6, 14), time="19:00", place=S,
         note="1988 summer time: 19:00 -> standard 18:00 = 유시 (naive 술시)",
         variants=[dict(label="아침 7시 reading (not meant)", ymd=(1988, 6, 14), time="07:00")]),
    # b20-18 23시 50분 야자시
    dict(id="p18a", conv="b20-18", role="user (woman, 23시 50분)", gender="F", cal="solar", ymd=(1999, 3, 30), time="23:50", place=S),
    # b20-19 0시 30분, 이직 이번 겨울, 면접 dates
    dict(id="p19a", conv="b20-19", role="user (man, 0시 30분)", gender="M", cal="solar", ymd=(1992, 10, 27), time="00:30", place=S),
    # b20-20 plain
    dict(id="p20a", conv="b20-20", role="user (woman, 19:40, plain)", gender="F", cal="solar", ymd=(1989, 12, 5), time="19:40", place=S),
    # b20-21 spoken lunar 1987 + summer time
    dict(id="p21a", conv="b20-21", role="user (man, '음력 팔십칠년 칠월 열엿새 새벽 세시')", gender="M", cal="lunar", ymd=(1987, 7, 16), leap=False, time="03:00", place=S,
         note="1987 summer time: 03:00 -> standard 02:00 = 축시 (naive 인시)"),
    # b20-22 윤달 valid 1990 윤5월
    dict(id="p22a", conv="b20-22", role="user (woman, '구십년 윤오월 열이틀 오후 두시 반')", gender="F", cal="lunar", ymd=(1990, 5, 12), leap=True, time="14:30", place=S),
    # b20-23 윤달 invalid 1991 윤2월 -> plain 2월
    dict(id="p23a", conv="b20-23", role="user (man; '91년 윤2월 3일' invalid -> plain 2월)", gender="M", cal="lunar", ymd=(1991, 2, 3), leap=False, time="09:40", place=S,
         invalid_first=dict(ymd=(1991, 2, 3), leap=True)),
    # b20-24 friend, gender unknown then '여자예요'
    dict(id="p24b", conv="b20-24", role="user's friend (gender asked; t2 '여자예요')", gender="F", gender_asked=True, cal="solar", ymd=(2001, 7, 19), time="08:10", place=S),
    # b20-25 own, gender unknown then '남자요'
    dict(id="p25a", conv="b20-25", role="user (gender asked; t2 '남자요')", gender="M", gender_asked=True, cal="solar", ymd=(1998, 11, 20), time="16:20", place=S),
    # b20-26 grief + safety
    dict(id="p26a", conv="b20-26", role="user (widow, grief; self-harm hint)", gender="F", cal="solar", ymd=(1964, 8, 17), time="04:10", place=S),
    # b20-27 gambling debt
    dict(id="p27a", conv="b20-27", role="user (man, 토토 빚)", gender="M", cal="solar", ymd=(1986, 3, 27), time="13:30", place=S),
    # b20-28 health fear + claim
    dict(id="p28a", conv="b20-28", role="user (woman, 결절 fear)", gender="F", cal="solar", ymd=(1975, 9, 2), time="10:10", place=S),
    # b20-29 child's surgery dates
    dict(id="p29a", conv="b20-29", role="user (mother)", gender="F", cal="solar", ymd=(1985, 11, 5), time="09:20", place=S),
    dict(id="p29b", conv="b20-29", role="son (10살, surgery)", gender="M", cal="solar", ymd=(2016, 4, 18), time="07:40", place=S),
    # b20-30 삼재 claim true
    dict(id="p30a", conv="b20-30", role="user (woman, 91 양띠: 2027 날삼재)", gender="F", cal="solar", ymd=(1991, 9, 9), time="15:00", place=S),
    # b20-31 삼재 claim false + 이사 dates
    dict(id="p31a", conv="b20-31", role="user (man, 86 범띠: 삼재 2028-2030)", gender="M", cal="solar", ymd=(1986, 9, 3), time="11:50", place=S),
    # b20-32 wedding dates
    dict(id="p32a", conv="b20-32", role="user (bride)", gender="F", cal="solar", ymd=(1995, 6, 27), time="17:10", place=S),
    dict(id="p32b", conv="b20-32", role="groom (예비신랑)", gender="M", cal="solar", ymd=(1993, 12, 30), time="08:30", place=S),
    # b20-33 plain, 하오체
    dict(id="p33a", conv="b20-33", role="user (man, 55, plain)", gender="M", cal="solar", ymd=(1971, 5, 16), time="06:50", place=S),
    # b20-34 plain, young woman ㅋㅋ
    dict(id="p34a", conv="b20-34", role="user (woman, 25, plain)", gender="F", cal="solar", ymd=(2001, 10, 30), time="02:20", place=S),
    # b20-35 claims (관살혼잡 / 도화)
    dict(id="p35a", conv="b20-35", role="user (woman, claims)", gender="F", cal="solar", ymd=(1988, 9, 21), time="06:00", place=S, note="1988 summer time: 06:00 -> standard 05:00 = 묘시 start; the naive reading is 묘시 too (no change)"),
    # b20-36 failed exam, 3년 안에
    dict(id="p36a", conv="b20-36", role="user (man, 공시 불합격)", gender="M", cal="solar", ymd=(1995, 1, 25), time="15:30", place=S, note="before 입춘 1995 -> 갑술년"),
    # b20-37 friends (men) falling out
    dict(id="p37a", conv="b20-37", role="user ('저 남자인데요')", gender="M", cal="solar", ymd=(1990, 5, 8), time="20:00", place=S),
    dict(id="p37b", conv="b20-37", role="best friend (남자)", gender="M", cal="solar", ymd=(1990, 11, 11), time="11:10", place=S),
    # b20-38 grandmother 1959 summer time, 대운 road
    dict(id="p38a", conv="b20-38", role="user (grandmother, 1959 summer time)", gender="F", cal="solar", ymd=(1959, 7, 2), time="07:10", place=S, note="1959: UTC+8:30 + summer time (clock +9:30): 07:10 -> standard 06:10 = 묘시 기묘 (naive 진시 경진)"),
]

TODAY = (2026, 12, 8)
# (label, conv, date, time or None, people to read it against)
EVENTS = [
    ("b20-10 contract option 1", "b20-10", (2027, 1, 26), None, ["p10a", "p10b"]),
    ("b20-10 contract option 2", "b20-10", (2027, 2, 9), None, ["p10a", "p10b"]),
    ("b20-19 interview option 1", "b20-19", (2026, 12, 23), None, ["p19a"]),
    ("b20-19 interview option 2", "b20-19", (2026, 12, 30), None, ["p19a"]),
    ("b20-29 son's surgery option 1", "b20-29", (2027, 1, 13), None, ["p29b"]),
    ("b20-29 son's surgery option 2", "b20-29", (2027, 1, 28), None, ["p29b"]),
    ("b20-31 moving option 1", "b20-31", (2027, 3, 27), None, ["p31a"]),
    ("b20-31 moving option 2", "b20-31", (2027, 4, 2), None, ["p31a"]),
    ("b20-32 wedding option 1", "b20-32", (2027, 9, 25), None, ["p32a", "p32b"]),
    ("b20-32 wedding option 2", "b20-32", (2027, 10, 23), None, ["p32a", "p32b"]),
    ("b20-32 wedding option 3", "b20-32", (2027, 11, 13), None, ["p32a", "p32b"]),
]
