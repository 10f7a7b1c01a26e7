//! Sync benchmarks: two computers through an exchange folder, each figure printed beside its
//! baseline and budget. Run with `make bench-sync`.
//!
//! Baselines are measured in the same run on the same notebook: the JSON export and import that
//! `hearth-cli journal export --plaintext --format json` and `journal import` run. Sending is
//! computer A's `sync now` writing the segments for 10,000 entries added since its last round;
//! applying is computer B's `sync now` applying them. Each repetition pairs two fresh computers
//! (the folder then holds only those entries), and the order of Hearth and baseline alternates
//! between repetitions. The fixture comes from a fixed seed, in the shape of the journal
//! benchmark's (about 1,000 characters an entry). Percentiles come from plain timing loops.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use hearth_app::input::{EntryKind, NewEntry};
use hearth_app::{
    Clock as _, Hearth, KdfStrength, Passphrase, PlainFormat, SyncReport, SystemClock,
};
use zeroize::Zeroizing;

const WORDS: &[&str] = &[
    "walk", "river", "dinner", "laugh", "tired", "morning", "coffee", "garden", "rain", "music",
    "quiet", "talk", "kitchen", "tea", "sunday", "work", "bread", "window", "hands", "sleep",
    "friends", "letter", "train", "bicycle", "market", "candle", "blanket", "story", "ocean",
    "hill",
];

const ENTRIES: usize = 10_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
}

/// `count` entries as a couple writes them: about 1,000 characters each, every kind, both
/// authors, a mood and a tag.
fn fixture(count: usize, seed: u64) -> Vec<NewEntry> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| {
            let mut text = String::with_capacity(1100);
            while text.len() < 1000 {
                text.push_str(WORDS[rng.below(WORDS.len())]);
                text.push(' ');
            }
            text.push_str("together");
            NewEntry {
                text,
                kind: EntryKind::ALL[i % EntryKind::ALL.len()],
                author: if i % 2 == 0 { "Sam" } else { "Alex" }.into(),
                mood: Some(u8::try_from(1 + i % 5).unwrap()),
                closeness: None,
                tags: vec![WORDS[i % WORDS.len()].to_owned()],
                occurrence: None,
                score: None,
            }
        })
        .collect()
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn row(what: &str, value: String, baseline: String, ratio: Option<f64>, budget: &str) {
    let ratio = ratio.map_or_else(|| "".to_owned(), |r| format!("{r:.2}"));
    println!("{what:34} {value:>12} {baseline:>12} {ratio:>6}  {budget}");
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mib(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / f64::from(1 << 20))
}

/// One computer: its own data folder, a notebook set up (at the KDF's floor, as in the tests)
/// and kept unlocked for the whole run.
struct Computer {
    dir: tempfile::TempDir,
    hearth: Hearth,
}

impl Computer {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let hearth = Hearth::open(dir.path()).unwrap();
        let passphrase = Passphrase::new(Zeroizing::new("benchmark passphrase".into()));
        hearth
            .journal()
            .set_up(&passphrase, KdfStrength::Floor, SystemClock.now())
            .unwrap();
        hearth.journal().set_idle_lock(Duration::from_secs(86_400));
        Self { dir, hearth }
    }

    fn sync(&self) -> SyncReport {
        let now = SystemClock.now();
        self.hearth
            .journal()
            .with_journal(now, |j| self.hearth.sync_now(Some(j), now))
            .unwrap()
    }

    /// Adds `entries` a thousand to a transaction (a notebook refuses more than 4,096 sharing
    /// one millisecond).
    fn add_all(&self, entries: &[NewEntry]) {
        for batch in entries.chunks(1000) {
            let now = SystemClock.now();
            self.hearth
                .journal()
                .with_journal(now, |j| j.add_all(batch.to_vec(), now))
                .unwrap();
        }
    }

    fn write(&self, text: &str) -> String {
        let now = SystemClock.now();
        self.hearth
            .journal()
            .with_journal(now, |j| {
                j.add(
                    NewEntry {
                        text: text.into(),
                        kind: EntryKind::Note,
                        author: "Sam".into(),
                        mood: None,
                        closeness: None,
                        tags: Vec::new(),
                        occurrence: None,
                        score: None,
                    },
                    now,
                )
            })
            .unwrap()
            .id
    }

    fn has(&self, id: &str) -> bool {
        let now = SystemClock.now();
        self.hearth
            .journal()
            .with_journal(now, |j| j.entry(id))
            .is_ok_and(|entry| entry.id == id)
    }

    /// `hearth-cli journal export --plaintext --format json`, timed without the unlock.
    fn export(&self, out: &Path) -> Duration {
        let now = SystemClock.now();
        self.hearth
            .journal()
            .with_journal(now, |j| {
                let started = Instant::now();
                let count = j.export_plain(out, PlainFormat::Json)?;
                assert_eq!(count, ENTRIES);
                Ok(started.elapsed())
            })
            .unwrap()
    }

    /// `hearth-cli journal import`, timed without the unlock.
    fn import(&self, path: &Path) -> Duration {
        let now = SystemClock.now();
        self.hearth
            .journal()
            .with_journal(now, |j| {
                let started = Instant::now();
                let (added, _) = j.import_json(path)?;
                assert_eq!(added, ENTRIES);
                Ok(started.elapsed())
            })
            .unwrap()
    }
}

/// Two computers paired through `folder` (setup, invite, join, a round on each).
fn paired(folder: &Path) -> (Computer, Computer) {
    let (a, b) = (Computer::new(), Computer::new());
    let now = SystemClock.now();
    a.hearth
        .journal()
        .with_journal(now, |j| a.hearth.sync_setup(j, folder, now))
        .unwrap();
    let code = a
        .hearth
        .journal()
        .with_journal(now, |j| a.hearth.sync_invite(j, now))
        .unwrap();
    let now = SystemClock.now();
    b.hearth
        .journal()
        .with_journal(now, |j| b.hearth.sync_join(j, folder, &code, now))
        .unwrap();
    assert!(a.sync().joined, "A takes B in");
    b.sync();
    (a, b)
}

/// Bytes in regular files under `dir`, recursively (what a sync engine carries).
fn bytes_under(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                bytes_under(&entry.path())
            } else if kind.is_file() {
                entry.metadata().unwrap().len()
            } else {
                0
            }
        })
        .sum()
}

/// What one repetition of the 10k figures measured.
struct Bulk {
    send: Duration,
    apply: Duration,
    export: Duration,
    import: Duration,
    segments: u32,
    folder_bytes: u64,
    export_bytes: u64,
    deflated_bytes: u64,
}

/// Pairs two fresh computers, adds the fixture on A, and times A's round against the export
/// and B's round against the import. Returns the pair too, holding the entries.
fn bulk(repetition: usize, entries: &[NewEntry]) -> (Bulk, Computer, Computer, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = paired(folder.path());
    a.add_all(entries);
    let export_path = a.dir.path().join("export.json");
    let hearth_first = repetition.is_multiple_of(2);

    let (send, report, export) = if hearth_first {
        let started = Instant::now();
        let report = a.sync();
        let send = started.elapsed();
        (send, report, a.export(&export_path))
    } else {
        let export = a.export(&export_path);
        let started = Instant::now();
        let report = a.sync();
        (started.elapsed(), report, export)
    };
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let fresh = Computer::new();
    let apply_round = || {
        let started = Instant::now();
        let report = b.sync();
        let apply = started.elapsed();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
        assert_eq!(report.changes, ENTRIES as u64, "{report:?}");
        apply
    };
    let (apply, import) = if hearth_first {
        let apply = apply_round();
        (apply, fresh.import(&export_path))
    } else {
        let import = fresh.import(&export_path);
        (apply_round(), import)
    };

    let json = std::fs::read(&export_path).unwrap();
    let mut deflate =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    deflate.write_all(&json).unwrap();
    let deflated_bytes = deflate.finish().unwrap().len() as u64;
    let measured = Bulk {
        send,
        apply,
        export,
        import,
        segments: report.written,
        folder_bytes: bytes_under(folder.path()),
        export_bytes: json.len() as u64,
        deflated_bytes,
    };
    (measured, a, b, folder)
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let repetitions = env_count("HEARTH_BENCH_REPEATS", 3).max(1);
    let rounds = env_count("HEARTH_BENCH_ROUNDS", 200).max(1);
    let entries = fixture(ENTRIES, 0x5eed);
    let mut over = Vec::new();
    println!(
        "{:34} {:>12} {:>12} {:>6}  budget",
        "figure", "Hearth", "baseline", "ratio"
    );

    let mut runs = Vec::new();
    let mut last = None;
    for repetition in 0..repetitions {
        let (measured, a, b, folder) = bulk(repetition, &entries);
        println!(
            "  (run {}: send {}, export {}, apply {}, import {}, {} segments)",
            repetition + 1,
            ms(measured.send),
            ms(measured.export),
            ms(measured.apply),
            ms(measured.import),
            measured.segments
        );
        runs.push(measured);
        last = Some((a, b, folder));
    }
    let figure = |pick: fn(&Bulk) -> Duration| {
        let mut samples: Vec<Duration> = runs.iter().map(pick).collect();
        percentile(&mut samples, 0.5)
    };
    // Ratios are medians of each repetition's own ratio (same notebook, same minute).
    let ratio = |hearth: fn(&Bulk) -> Duration, baseline: fn(&Bulk) -> Duration| {
        let mut ratios: Vec<f64> = runs
            .iter()
            .map(|run| hearth(run).as_secs_f64() / baseline(run).as_secs_f64())
            .collect();
        median(&mut ratios)
    };
    let send_ratio = ratio(|r| r.send, |r| r.export);
    row(
        "send 10k entries (A's sync now)",
        ms(figure(|r| r.send)),
        ms(figure(|r| r.export)),
        Some(send_ratio),
        "budget <= 2.0 x JSON export",
    );
    if send_ratio > 2.0 {
        over.push("send");
    }
    let apply_ratio = ratio(|r| r.apply, |r| r.import);
    row(
        "apply 10k entries (B's sync now)",
        ms(figure(|r| r.apply)),
        ms(figure(|r| r.import)),
        Some(apply_ratio),
        "budget <= 2.0 x JSON import",
    );
    if apply_ratio > 2.0 {
        over.push("apply");
    }
    let sizes = &runs[runs.len() - 1];
    let size_ratio = sizes.folder_bytes as f64 / sizes.export_bytes as f64;
    row(
        "exchange folder, 10k entries",
        mib(sizes.folder_bytes),
        mib(sizes.export_bytes),
        Some(size_ratio),
        "budget <= 1.5 x JSON export",
    );
    if size_ratio > 1.5 {
        over.push("folder size");
    }
    row(
        "  the same, vs the export deflated",
        mib(sizes.folder_bytes),
        mib(sizes.deflated_bytes),
        Some(sizes.folder_bytes as f64 / sizes.deflated_bytes as f64),
        "context: what is not compression",
    );

    // One new entry from A's notebook to B's: A's round, B's round, B reads it by id. On the
    // pair that holds the 10k entries, its folder growing by a segment each round.
    let (a, b, _folder) = last.unwrap();
    let mut reached = Vec::with_capacity(rounds);
    let mut sends = Vec::with_capacity(rounds);
    let mut receives = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let id = a.write(&format!("One more evening, number {round}."));
        let started = Instant::now();
        let sent = a.sync();
        let send = started.elapsed();
        let applied = b.sync();
        let there = b.has(&id);
        let total = started.elapsed();
        reached.push(total);
        sends.push(send);
        receives.push(total - send);
        assert_eq!((sent.written, applied.applied), (1, 1));
        assert!(there, "round {round}: B does not have {id}");
    }
    let p50 = percentile(&mut reached, 0.5);
    let p95 = percentile(&mut reached, 0.95);
    row(
        "one entry to the other db, p50",
        ms(p50),
        String::new(),
        None,
        "",
    );
    row(
        "one entry to the other db, p95",
        ms(p95),
        String::new(),
        None,
        "budget <= 50 ms",
    );
    println!(
        "  ({rounds} rounds over a 10k notebook; of which A's round p50 {}, B's round and read p50 {})",
        ms(percentile(&mut sends, 0.5)),
        ms(percentile(&mut receives, 0.5))
    );
    if p95 > Duration::from_millis(50) {
        over.push("one entry p95");
    }

    if !over.is_empty() {
        println!("over budget: {}", over.join(", "));
        std::process::exit(1);
    }
}
