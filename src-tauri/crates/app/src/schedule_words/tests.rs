//! Tests of picks, schedules and words: every pick makes the schedule the core stores and comes
//! back from it, and each reads the way a person would say it.

use super::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn rule_of(pick: &SchedulePick) -> String {
    schedule_from_pick(pick).unwrap().to_text()
}

fn words(rule: &str, start: &str, time: &str) -> String {
    schedule_words(&Schedule::parse(rule).unwrap(), date(start), time)
}

#[test]
fn picks_make_the_stored_schedules_and_come_back_from_them() {
    let start = date("2026-11-29"); // a Sunday
    let weekly = default_pick(start);
    assert_eq!(weekly.days, [Weekday::Su]);
    assert_eq!(rule_of(&weekly), "FREQ=WEEKLY;BYDAY=SU");
    let cases = [
        SchedulePick {
            repeat: Repeat::Daily,
            ..weekly.clone()
        },
        SchedulePick {
            interval: 2,
            days: vec![Weekday::Th, Weekday::Tu],
            ..weekly.clone()
        },
        SchedulePick {
            repeat: Repeat::MonthlyDay,
            month_day: -1,
            end: ScheduleEnd::Count,
            count: 12,
            ..weekly.clone()
        },
        SchedulePick {
            repeat: Repeat::MonthlyWeekday,
            nth: 2,
            weekday: Weekday::Su,
            end: ScheduleEnd::Until,
            until: "2027-06-30".into(),
            ..weekly.clone()
        },
        SchedulePick {
            repeat: Repeat::TimesPerWeek,
            times: 3,
            remind_on: Weekday::Fr,
            ..weekly.clone()
        },
    ];
    let rules: Vec<String> = cases.iter().map(rule_of).collect();
    assert_eq!(
        rules,
        [
            "FREQ=DAILY",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
            "FREQ=MONTHLY;COUNT=12;BYMONTHDAY=-1",
            "FREQ=MONTHLY;UNTIL=20270630T235959;BYDAY=2SU",
            "TIMES_PER_WEEK=3;REMIND_ON=FR",
        ]
    );
    for rule in &rules {
        let schedule = Schedule::parse(rule).unwrap();
        let pick = pick_from_schedule(&schedule, start).unwrap_or_else(|| panic!("{rule}"));
        assert_eq!(&rule_of(&pick), rule);
    }
}

#[test]
fn rules_beyond_the_picker_are_said_so() {
    for rule in [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14",
        "FREQ=MONTHLY;BYDAY=MO,TU",
    ] {
        let schedule = Schedule::parse(rule).unwrap();
        assert_eq!(
            pick_from_schedule(&schedule, date("2026-02-14")),
            None,
            "{rule}"
        );
    }
}

#[test]
fn a_pick_out_of_range_is_refused_by_name() {
    let pick = default_pick(date("2026-11-29"));
    for (bad, problem) in [
        (
            SchedulePick {
                days: vec![],
                ..pick.clone()
            },
            "at least one day",
        ),
        (
            SchedulePick {
                interval: 0,
                ..pick.clone()
            },
            "every 1 to 999",
        ),
        (
            SchedulePick {
                repeat: Repeat::TimesPerWeek,
                times: 9,
                ..pick.clone()
            },
            "times a week",
        ),
        (
            SchedulePick {
                end: ScheduleEnd::Until,
                until: "soon".into(),
                ..pick.clone()
            },
            "end date",
        ),
        (
            SchedulePick {
                repeat: Repeat::MonthlyDay,
                month_day: 40,
                ..pick.clone()
            },
            "day of the month",
        ),
    ] {
        let error = schedule_from_pick(&bad).unwrap_err();
        assert!(error.message.contains(problem), "{}", error.message);
    }
}

#[test]
fn schedules_read_like_a_person_would_say_them() {
    assert_eq!(
        words("FREQ=WEEKLY;BYDAY=SU", "2026-11-29", "10:00"),
        "Every Sunday at 10:00"
    );
    assert_eq!(
        words("FREQ=DAILY", "2026-11-29", "21:30"),
        "Every day at 21:30"
    );
    assert_eq!(
        words("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-30", "07:15"),
        "Every weekday at 07:15"
    );
    assert_eq!(
        words("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "2026-12-01", "19:00"),
        "Every 2 weeks on Tuesday and Thursday at 19:00"
    );
    assert_eq!(
        words("FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27", "18:00"),
        "Every month on the last Friday at 18:00"
    );
    assert_eq!(
        words("FREQ=MONTHLY;BYMONTHDAY=1;COUNT=6", "2026-12-01", "09:00"),
        "Every month on the 1st at 09:00, 6 times"
    );
    assert_eq!(
        words("TIMES_PER_WEEK=2;REMIND_ON=FR", "2026-11-27", "18:00"),
        "Twice a week, any day; a reminder on Friday at 18:00 if not yet"
    );
    assert_eq!(
        words("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14", "2026-02-14", "19:00"),
        "On a custom schedule at 19:00"
    );
}
