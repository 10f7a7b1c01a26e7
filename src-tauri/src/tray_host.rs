//! Whether the desktop shows tray icons. On Linux that needs a StatusNotifier host (KDE, most
//! panels; GNOME only with the AppIndicator extension): one is there when the session bus has a
//! `org.kde.StatusNotifierWatcher` that says a host registered with it. Without one, a window
//! hidden to the tray could not be found again, so hearth-app's rules minimise instead. macOS
//! and Windows always show them.

/// Whether tray icons can be seen now (asked each time: an extension may be turned on later).
pub fn present() -> bool {
    #[cfg(target_os = "linux")]
    {
        match linux::host_registered() {
            Ok(present) => present,
            Err(error) => {
                tracing::info!(%error, "no StatusNotifier watcher; treating the tray as absent");
                false
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    true
}

#[cfg(target_os = "linux")]
mod linux {
    use zbus::blocking::Connection;
    use zbus::blocking::fdo::DBusProxy;
    use zbus::names::BusName;

    const WATCHER: &str = "org.kde.StatusNotifierWatcher";
    const WATCHER_PATH: &str = "/StatusNotifierWatcher";

    pub fn host_registered() -> zbus::Result<bool> {
        let connection = Connection::session()?;
        let name = BusName::try_from(WATCHER)?;
        if !DBusProxy::new(&connection)?.name_has_owner(name)? {
            return Ok(false);
        }
        let proxy = zbus::blocking::Proxy::new(&connection, WATCHER, WATCHER_PATH, WATCHER)?;
        proxy.get_property::<bool>("IsStatusNotifierHostRegistered")
    }
}
