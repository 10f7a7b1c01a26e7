//! The tray icon: Hearth lives here while its window is closed, so reminders can still fire.

use hearth_app::{Clock as _, SystemClock};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::show_main_window;

const OPEN: &str = "open";
const QUIT: &str = "quit";
const PAUSE: &str = "pause";
const NEXT: &str = "next";
const PHONES_OFF: &str = "phones-off";

/// The tray's changing items.
pub struct TrayItems<R: Runtime> {
    next: MenuItem<R>,
    pause: MenuItem<R>,
    phones_off: MenuItem<R>,
}

/// Shows the next reminder in the tray menu and tooltip (`label` from hearth-app), and the time
/// left of a running phones-off hour (`phones_off`, which then leads the tooltip).
pub fn show_next<R: Runtime>(app: &AppHandle<R>, label: Option<&str>, phones_off: Option<&str>) {
    let next = label.map_or_else(
        || "No reminders coming up".to_owned(),
        |label| format!("Next: {label}"),
    );
    let text = phones_off.map_or_else(|| next.clone(), |left| format!("{left} · {next}"));
    if let Some(items) = app.try_state::<TrayItems<R>>() {
        let _ = items.next.set_text(&next);
        let _ = items.phones_off.set_text(match phones_off {
            Some(left) => format!("{left} (end now)"),
            None => "Start a phones-off hour".to_owned(),
        });
        let paused = app
            .state::<crate::Shell>()
            .hearth()
            .ok()
            .and_then(|hearth| hearth.reminders_paused_until().ok().flatten())
            .is_some_and(|until| until > SystemClock.now());
        let _ = items.pause.set_text(if paused {
            "Resume reminders"
        } else {
            "Pause reminders for an hour"
        });
    }
    if let Some(tray) = app.tray_by_id("hearth") {
        let _ = tray.set_tooltip(Some(format!("Hearth · {text}")));
    }
}

/// Pauses reminders for an hour, or resumes them if they are paused.
fn toggle_pause<R: Runtime>(app: &AppHandle<R>) {
    let shell = app.state::<crate::Shell>();
    let Ok(hearth) = shell.hearth() else { return };
    let now = SystemClock.now();
    let paused = hearth
        .reminders_paused_until()
        .ok()
        .flatten()
        .is_some_and(|until| until > now);
    let until = (!paused).then(|| now + chrono::Duration::hours(1));
    if let Err(error) = hearth.pause_reminders(until) {
        tracing::warn!(%error, "could not pause reminders");
    }
    app.state::<crate::scheduler::SchedulerWake>().wake();
}

/// Starts a phones-off hour of the usual length, or ends the one running.
fn toggle_phones_off<R: Runtime>(app: &AppHandle<R>) {
    let shell = app.state::<crate::Shell>();
    let Ok(hearth) = shell.hearth() else { return };
    let now = SystemClock.now();
    let done = match hearth.end_phones_off(now) {
        Ok(true) => Ok(()),
        Ok(false) => hearth
            .start_phones_off(hearth_app::PHONES_OFF_DEFAULT_MINUTES, now)
            .map(|_| ()),
        Err(error) => Err(error),
    };
    if let Err(error) = done {
        tracing::warn!(%error, "could not start or end the phones-off hour");
    }
    app.state::<crate::scheduler::SchedulerWake>().wake();
}

/// Creates the tray icon with the next reminder, a pause switch, Open and Quit.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let next = MenuItem::with_id(app, NEXT, "No reminders coming up", false, None::<&str>)?;
    let pause = MenuItem::with_id(
        app,
        PAUSE,
        "Pause reminders for an hour",
        true,
        None::<&str>,
    )?;
    let phones_off = MenuItem::with_id(
        app,
        PHONES_OFF,
        "Start a phones-off hour",
        true,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(app, OPEN, "Open Hearth", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, "Quit Hearth", true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&next, &pause, &phones_off, &separator, &open, &quit])?;
    app.manage(TrayItems {
        next: next.clone(),
        pause: pause.clone(),
        phones_off: phones_off.clone(),
    });
    let builder = TrayIconBuilder::with_id("hearth")
        .icon(tauri::include_image!("icons/tray-64x64.png"))
        .tooltip("Hearth")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            OPEN => show_main_window(app),
            PAUSE => toggle_pause(app),
            PHONES_OFF => toggle_phones_off(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_main_window(tray.app_handle());
            }
        });
    builder.build(app)?;
    Ok(())
}
