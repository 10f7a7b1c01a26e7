//! The desktop's rules on a fixed clock with a fake desktop: reminders, their buttons, the
//! tray, locks, closing the window and starting at login. No window, no tray, no D-Bus.

use std::time::Duration;

use chrono::{DateTime, TimeZone as _, Utc};
use chrono_tz::Europe::London;
use hearth_app::desktop::{DesktopEvent, Effect, LockReason, NoticeChoice, TrayItem};
use hearth_app::dto::{Practice, RitualInput};
use hearth_app::{Clock as _, Hearth, KdfStrength, Passphrase, ReminderNotice};
use zeroize::Zeroizing;

use crate::support::{FakeDesktop, FixedClock};

fn at(hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, hour, minute, second)
        .unwrap()
}

struct Desk {
    _dir: tempfile::TempDir,
    hearth: Hearth,
    clock: FixedClock,
    desktop: FakeDesktop,
}

impl Desk {
    fn new(desktop: FakeDesktop) -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self {
            hearth: Hearth::open(dir.path()).unwrap(),
            _dir: dir,
            clock: FixedClock::new(at(18, 0, 0), London),
            desktop,
        }
    }

    fn event(&self, event: DesktopEvent) -> Vec<Effect> {
        self.hearth
            .on_desktop_event(event, &self.clock, &self.desktop)
    }

    /// A look after `seconds` on both clocks (the computer did not sleep).
    fn look(&self) -> Vec<Effect> {
        self.event(DesktopEvent::Look {
            monotonic: Duration::from_secs(30),
            wall: chrono::Duration::seconds(30),
        })
    }
}

fn notices(effects: &[Effect]) -> Vec<&ReminderNotice> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Notify(notice) => Some(notice),
            _ => None,
        })
        .collect()
}

fn tray(effects: &[Effect]) -> &hearth_app::desktop::TrayState {
    effects
        .iter()
        .find_map(|effect| match effect {
            Effect::SetTray(state) => Some(state),
            _ => None,
        })
        .expect("every look sets the tray")
}

fn next_look(effects: &[Effect]) -> Duration {
    effects
        .iter()
        .find_map(|effect| match effect {
            Effect::LookAgainIn(nap) => Some(*nap),
            _ => None,
        })
        .expect("every look says when to look again")
}

/// A ritual is due, one notice goes out, Start opens the practice's page and a phones-off
/// ritual starts its hour.
#[test]
fn a_due_ritual_gives_one_notice_and_start_opens_its_page_and_starts_the_hour() {
    let desk = Desk::new(FakeDesktop::default());
    desk.hearth
        .add_ritual(
            &RitualInput {
                title: "Phones away".into(),
                practice: Some(hearth_app::dto::Practice::PhonesOffHour),
                schedule: hearth_app::dto::ScheduleInput::Rule {
                    rule: "FREQ=DAILY".into(),
                },
                start: "2026-11-30T19:00".into(),
                tz: None,
                duration_minutes: 60,
                reminders: vec![0],
                paused_until: None,
            },
            desk.clock.now(),
        )
        .unwrap();

    let early = desk.look();
    assert!(notices(&early).is_empty());
    assert_eq!(tray(&early).next, "Next: Phones away at 19:00");
    assert_eq!(
        next_look(&early),
        Duration::from_secs(60),
        "never more than a minute"
    );

    desk.clock.set(at(18, 59, 30));
    let close = desk.look();
    assert_eq!(
        next_look(&close),
        Duration::from_millis(30_002),
        "wakes just after the due time"
    );

    desk.clock.set(at(19, 0, 0));
    let due = desk.look();
    let shown = notices(&due);
    assert_eq!(shown.len(), 1, "{due:?}");
    let notice = shown[0].clone();
    assert_eq!(notice.summary, "Phones away");
    assert_eq!(
        notice.practice,
        Some(hearth_core::ritual::Practice::PhonesOffHour)
    );

    desk.clock.set(at(19, 0, 40));
    assert!(notices(&desk.look()).is_empty(), "one notice, never two");

    let started = desk.event(DesktopEvent::Notice {
        notice,
        choice: NoticeChoice::Start,
    });
    assert_eq!(
        started,
        [
            Effect::ShowWindow,
            Effect::LookNow,
            Effect::OpenPage("#/open/phones_off_hour".into())
        ]
    );
    let hour = desk
        .hearth
        .phones_off(desk.clock.now(), London)
        .unwrap()
        .running;
    assert!(hour.is_some(), "the hour started");
    let after = desk.look();
    assert_eq!(
        tray(&after).phones_off_item,
        "Phones off: 60 min left (end now)"
    );
    assert!(
        tray(&after)
            .tooltip
            .starts_with("Hearth · Phones off: 60 min left")
    );
    let _ = Practice::PhonesOffHour;
}

#[test]
fn snooze_and_skip_mark_the_occurrence_and_open_shows_its_card() {
    let desk = Desk::new(FakeDesktop::default());
    let ritual = desk
        .hearth
        .add_ritual(
            &RitualInput {
                title: "Walk".into(),
                practice: Some(hearth_app::dto::Practice::WalkQuestions),
                schedule: hearth_app::dto::ScheduleInput::Rule {
                    rule: "FREQ=DAILY".into(),
                },
                start: "2026-11-30T18:00".into(),
                tz: None,
                duration_minutes: 30,
                reminders: vec![0],
                paused_until: None,
            },
            at(17, 0, 0),
        )
        .unwrap();
    let notice = notices(&desk.look())[0].clone();
    assert_eq!(
        desk.event(DesktopEvent::Notice {
            notice: notice.clone(),
            choice: NoticeChoice::Open
        }),
        [
            Effect::ShowWindow,
            Effect::OpenPage(format!("#/ritual/{}/2026-11-30T18:00", ritual.id))
        ]
    );
    assert_eq!(
        desk.event(DesktopEvent::Notice {
            notice: notice.clone(),
            choice: NoticeChoice::Skip
        }),
        [Effect::LookNow]
    );
    let today = desk
        .hearth
        .occurrences(at(18, 0, 0).date_naive(), at(18, 0, 0).date_naive(), London)
        .unwrap();
    assert_eq!(
        today[0].state,
        Some(hearth_app::dto::OccurrenceState::Skipped)
    );
}

#[test]
fn the_tray_pauses_and_resumes_and_starts_and_ends_an_hour() {
    let desk = Desk::new(FakeDesktop::default());
    assert_eq!(
        desk.event(DesktopEvent::Tray(TrayItem::PauseOrResume)),
        [Effect::LookNow]
    );
    assert_eq!(tray(&desk.look()).pause_item, "Resume reminders");
    desk.event(DesktopEvent::Tray(TrayItem::PauseOrResume));
    assert_eq!(tray(&desk.look()).pause_item, "Pause reminders for an hour");
    desk.event(DesktopEvent::Tray(TrayItem::PhonesOff));
    assert!(tray(&desk.look()).phones_off_item.ends_with("(end now)"));
    desk.event(DesktopEvent::Tray(TrayItem::PhonesOff));
    assert_eq!(
        tray(&desk.look()).phones_off_item,
        "Start a phones-off hour"
    );
    assert_eq!(
        desk.event(DesktopEvent::Tray(TrayItem::Open)),
        [Effect::ShowWindow]
    );
    assert_eq!(
        desk.event(DesktopEvent::Tray(TrayItem::Quit)),
        [Effect::Quit]
    );
}

fn passphrase() -> Passphrase {
    Passphrase::new(Zeroizing::new("correct horse battery".into()))
}

#[test]
fn the_notebook_locks_when_the_desktop_locks_or_sleeps_and_the_page_reloads() {
    let desk = Desk::new(FakeDesktop::default());
    let journal = desk.hearth.journal();
    journal
        .set_up(&passphrase(), KdfStrength::Floor, desk.clock.now())
        .unwrap();
    for reason in [
        LockReason::ScreenLocked,
        LockReason::SessionLocked,
        LockReason::AboutToSleep,
    ] {
        journal.unlock(&passphrase(), desk.clock.now()).unwrap();
        assert_eq!(
            desk.event(DesktopEvent::Locked(reason)),
            [Effect::ReloadPage]
        );
        assert!(!journal.is_unlocked());
        assert!(
            desk.event(DesktopEvent::Locked(reason)).is_empty(),
            "nothing to reload"
        );
    }
    // A look that finds the wall clock far ahead of the monotonic one: the computer slept.
    journal.unlock(&passphrase(), desk.clock.now()).unwrap();
    let effects = desk.event(DesktopEvent::Look {
        monotonic: Duration::from_secs(60),
        wall: chrono::Duration::hours(8),
    });
    assert_eq!(effects[0], Effect::ReloadPage);
    assert!(!journal.is_unlocked());
}

#[test]
fn closing_explains_once_then_hides_or_minimises_or_quits() {
    let desk = Desk::new(FakeDesktop::default());
    assert_eq!(
        desk.event(DesktopEvent::CloseRequested),
        [Effect::ShowWindow, Effect::OpenPage("#/closing".into())]
    );
    let cx_effects = {
        let cx = hearth_app::api::Cx::new(Ok(&desk.hearth), &desk.desktop, &desk.clock);
        hearth_app::api::dispatch(
            &cx,
            "window_close_choice",
            serde_json::json!({"keepRunning": true}),
        )
        .unwrap();
        cx.take_effects()
    };
    assert_eq!(cx_effects, [Effect::HideWindow]);
    assert_eq!(
        desk.event(DesktopEvent::CloseRequested),
        [Effect::HideWindow]
    );

    // Where the desktop shows no tray icons, hiding would strand the window: it minimises.
    let no_tray = Desk::new(FakeDesktop {
        no_tray_host: true,
        ..FakeDesktop::default()
    });
    let mut settings = no_tray.hearth.app_settings().unwrap();
    settings.close_explained = true;
    no_tray.hearth.set_app_settings(settings).unwrap();
    assert_eq!(
        no_tray.event(DesktopEvent::CloseRequested),
        [Effect::MinimiseWindow]
    );
    assert_eq!(
        no_tray.event(DesktopEvent::Started { minimised: true }),
        [Effect::MinimiseWindow]
    );
    assert_eq!(
        no_tray.event(DesktopEvent::LaunchedAgain),
        [Effect::ShowWindow]
    );

    settings.close_to_tray = false;
    no_tray.hearth.set_app_settings(settings).unwrap();
    assert_eq!(no_tray.event(DesktopEvent::CloseRequested), [Effect::Quit]);
}

#[test]
fn leave_now_takes_the_window_off_the_screen_first_then_locks_the_notebook_and_comes_back_on_today()
{
    let leave = |desk: &Desk| {
        let cx = hearth_app::api::Cx::new(Ok(&desk.hearth), &desk.desktop, &desk.clock);
        hearth_app::api::dispatch(&cx, "window_leave_now", serde_json::json!({})).unwrap();
        cx.take_effects()
    };
    let desk = Desk::new(FakeDesktop::default());
    let journal = desk.hearth.journal();
    journal
        .set_up(&passphrase(), KdfStrength::Floor, desk.clock.now())
        .unwrap();
    assert!(journal.is_unlocked());
    // Nothing on the command's own path waits for the notebook: the lock is the last effect,
    // which the shell sends on as an event.
    assert_eq!(
        leave(&desk),
        [
            Effect::HideWindow,
            Effect::OpenPage("#/today".into()),
            Effect::Lock(LockReason::LeftNow)
        ]
    );
    assert!(journal.is_unlocked(), "not locked on the command's path");
    assert_eq!(
        desk.event(DesktopEvent::Locked(LockReason::LeftNow)),
        [Effect::ReloadPage]
    );
    assert!(!journal.is_unlocked(), "the notebook locked");
    // Already locked: the page still reloads, fresh, on Today.
    assert_eq!(
        desk.event(DesktopEvent::Locked(LockReason::LeftNow)),
        [Effect::ReloadPage]
    );

    // Where no panel shows tray icons, a hidden window could not be found again: it minimises.
    let no_tray = Desk::new(FakeDesktop {
        no_tray_host: true,
        ..FakeDesktop::default()
    });
    assert_eq!(leave(&no_tray)[0], Effect::MinimiseWindow);

    // Even when the data folder could not be opened, the window leaves.
    let broken = hearth_app::ApiError::internal("no data folder");
    let cx = hearth_app::api::Cx::new(Err(&broken), &desk.desktop, &desk.clock);
    hearth_app::api::dispatch(&cx, "window_leave_now", serde_json::json!({})).unwrap();
    assert_eq!(cx.take_effects()[0], Effect::HideWindow);

    // And the shell does not log that it ran, not even its name.
    assert!(!hearth_app::api::command_may_be_logged("window_leave_now"));
    assert!(hearth_app::api::command_may_be_logged("journal_lock"));
}

#[test]
fn at_start_the_login_item_is_written_again_when_it_should_exist() {
    let desk = Desk::new(FakeDesktop::default());
    assert_eq!(desk.event(DesktopEvent::Started { minimised: false }), []);
    assert_eq!(
        *desk.desktop.login_item.lock().unwrap(),
        None,
        "off: left alone"
    );
    let mut settings = desk.hearth.app_settings().unwrap();
    settings.start_at_login = true;
    desk.hearth.set_app_settings(settings).unwrap();
    assert_eq!(
        desk.event(DesktopEvent::Started { minimised: true }),
        [Effect::HideWindow]
    );
    assert_eq!(
        *desk.desktop.login_item.lock().unwrap(),
        Some(true),
        "repaired"
    );
}
