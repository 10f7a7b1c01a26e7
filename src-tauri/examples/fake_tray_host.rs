//! A stand-in StatusNotifier host for the end-to-end tests: it owns
//! `org.kde.StatusNotifierWatcher` on the session bus, says a host is registered, and keeps the
//! items that register (as a panel would), so the real app under Xvfb sees a desktop that shows
//! tray icons. Prints `ready` once the name is owned; runs until killed.

#[cfg(target_os = "linux")]
fn main() -> zbus::Result<()> {
    use std::io::Write as _;

    let watcher = watcher::Watcher::default();
    let _connection = zbus::blocking::connection::Builder::session()?
        .name("org.kde.StatusNotifierWatcher")?
        .serve_at("/StatusNotifierWatcher", watcher)?
        .build()?;
    println!("ready");
    std::io::stdout().flush().ok();
    loop {
        std::thread::park();
    }
}

#[cfg(not(target_os = "linux"))]
fn main() {}

#[cfg(target_os = "linux")]
mod watcher {
    use zbus::interface;
    use zbus::message::Header;
    use zbus::object_server::SignalEmitter;

    #[derive(Default)]
    pub struct Watcher {
        items: Vec<String>,
    }

    #[interface(name = "org.kde.StatusNotifierWatcher")]
    impl Watcher {
        /// An item registers with its bus name or object path (then the sender's name counts).
        async fn register_status_notifier_item(
            &mut self,
            service: &str,
            #[zbus(header)] header: Header<'_>,
            #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
        ) {
            let item = if service.starts_with('/') {
                let sender = header.sender().map(ToString::to_string).unwrap_or_default();
                format!("{sender}{service}")
            } else {
                service.to_owned()
            };
            if !self.items.contains(&item) {
                self.items.push(item.clone());
            }
            Self::status_notifier_item_registered(&emitter, &item)
                .await
                .ok();
            self.registered_status_notifier_items_changed(&emitter)
                .await
                .ok();
        }

        fn register_status_notifier_host(&mut self, _service: &str) {}

        #[zbus(property)]
        fn registered_status_notifier_items(&self) -> Vec<String> {
            self.items.clone()
        }

        #[zbus(property)]
        fn is_status_notifier_host_registered(&self) -> bool {
            true
        }

        #[zbus(property)]
        fn protocol_version(&self) -> i32 {
            0
        }

        #[zbus(signal)]
        async fn status_notifier_item_registered(
            emitter: &SignalEmitter<'_>,
            service: &str,
        ) -> zbus::Result<()>;

        #[zbus(signal)]
        async fn status_notifier_host_registered(emitter: &SignalEmitter<'_>) -> zbus::Result<()>;
    }
}
