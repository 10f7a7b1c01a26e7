//! The tray icon: Hearth lives here while its window is closed, so reminders can still fire.
//! Its words come from hearth-app (`TrayState`); its items become `Tray` events.

use std::sync::Mutex;

use hearth_app::desktop::{DesktopEvent, TrayItem, TrayState};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

const TRAY_ID: &str = "hearth";
const OPEN: &str = "open";
const QUIT: &str = "quit";
const PAUSE: &str = "pause";
const NEXT: &str = "next";
const PHONES_OFF: &str = "phones-off";

/// The tray's changing items, and the words they show now.
struct TrayItems<R: Runtime> {
    next: MenuItem<R>,
    pause: MenuItem<R>,
    phones_off: MenuItem<R>,
    shown: Mutex<Option<TrayState>>,
}

/// Sets the tray's words. Each look sends them; unchanged words are not sent on to the tray
/// (each change is work on the main thread, and an idle Hearth should not wake it).
pub fn show<R: Runtime>(app: &AppHandle<R>, state: &TrayState) {
    if let Some(items) = app.try_state::<TrayItems<R>>() {
        if let Ok(mut shown) = items.shown.lock() {
            if shown.as_ref() == Some(state) {
                return;
            }
            *shown = Some(state.clone());
        }
        let _ = items.next.set_text(&state.next);
        let _ = items.pause.set_text(&state.pause_item);
        let _ = items.phones_off.set_text(&state.phones_off_item);
    }
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = tray.set_tooltip(Some(&state.tooltip));
    }
}

fn item_for(id: &str) -> Option<TrayItem> {
    match id {
        OPEN => Some(TrayItem::Open),
        PAUSE => Some(TrayItem::PauseOrResume),
        PHONES_OFF => Some(TrayItem::PhonesOff),
        QUIT => Some(TrayItem::Quit),
        _ => None,
    }
}

/// Creates the tray icon; its first words come with the loop's first look.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let next = MenuItem::with_id(app, NEXT, "Hearth", false, None::<&str>)?;
    let pause = MenuItem::with_id(app, PAUSE, "Pause reminders", true, None::<&str>)?;
    let phones_off = MenuItem::with_id(app, PHONES_OFF, "Phones off", true, None::<&str>)?;
    let open = MenuItem::with_id(app, OPEN, "Open Hearth", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, "Quit Hearth", true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&next, &pause, &phones_off, &separator, &open, &quit])?;
    app.manage(TrayItems {
        next: next.clone(),
        pause: pause.clone(),
        phones_off: phones_off.clone(),
        shown: Mutex::new(None),
    });
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(tauri::include_image!("icons/tray-64x64.png"))
        .tooltip("Hearth")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| {
            if let Some(item) = item_for(event.id.as_ref()) {
                crate::send_event(app, DesktopEvent::Tray(item));
            }
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::send_event(tray.app_handle(), DesktopEvent::Tray(TrayItem::Open));
            }
        })
        .build(app)?;
    Ok(())
}
