//! File I/O edges of the CLI: pipes read on purpose (`ARCHCOST_ALLOW_SPECIAL_FILES=1`) whose
//! writer is slower than archcost, temporary files a killed `--out` run left behind, and paths
//! longer than the system allows.
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn three_tier() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/three-tier.toml")
}

/// Bytes written to a pipe and not read yet (Linux answers FIONREAD on either end).
#[cfg(target_os = "linux")]
fn unread(fd: &impl std::os::unix::io::AsRawFd) -> i32 {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int into `n`, which outlives the call.
    let rc = unsafe { libc::ioctl(fd.as_raw_fd(), libc::FIONREAD, &mut n) };
    assert_eq!(rc, 0, "FIONREAD: {}", std::io::Error::last_os_error());
    n
}

#[cfg(target_os = "linux")]
#[test]
fn a_pipe_allowed_on_purpose_waits_for_a_slow_writer() {
    let text = std::fs::read(three_tier()).unwrap();
    let (first, rest) = text.split_at(text.len() / 2);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("archcost"))
        .args(["validate", "/dev/stdin"])
        .env("ARCHCOST_ALLOW_SPECIAL_FILES", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(first).unwrap();
    // Wait until archcost has read the first half: the pipe is then empty while its writer is
    // still open, which is where a non-blocking read failed with EAGAIN. (The deadline only
    // keeps a broken build from hanging the test.)
    let deadline = Instant::now() + Duration::from_secs(60);
    while unread(&stdin) > 0 {
        assert!(Instant::now() < deadline, "archcost never read its input");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(50));
    // The writer finishes (if archcost already gave up, the pipe is closed: that fails below).
    let _ = stdin.write_all(rest);
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// A named pipe read on purpose whose writer starts after archcost: the open waits for the
/// writer like `cat` does, instead of reading "end of file" from a pipe nobody has opened yet.
#[cfg(target_os = "linux")]
#[test]
fn a_named_pipe_allowed_on_purpose_waits_for_a_late_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("scenario.toml");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success(), "mkfifo failed");
    let child = Command::new(assert_cmd::cargo::cargo_bin("archcost"))
        .arg("validate")
        .arg(&fifo)
        .env("ARCHCOST_ALLOW_SPECIAL_FILES", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let archcost reach its open first (a reader that opened without waiting would now see
    // end of file and fail below). The write end is opened non-blocking: it opens while a
    // reader waits, and fails at once (instead of hanging the test) when archcost has gone.
    std::thread::sleep(Duration::from_millis(300));
    let text = std::fs::read(three_tier()).unwrap();
    let writer = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
    };
    if let Ok(mut writer) = writer {
        use std::os::unix::io::AsRawFd;
        // SAFETY: fcntl on a descriptor `writer` owns; back to blocking writes.
        unsafe { libc::fcntl(writer.as_raw_fd(), libc::F_SETFL, 0) };
        let _ = writer.write_all(&text);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[cfg(unix)]
#[test]
fn the_next_out_run_removes_what_a_killed_run_left_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    // What a run killed while writing `--out` leaves: `.archcost-tmp-PID-RANDOM.json` whose
    // PID has ended (a child that already exited).
    let mut gone = Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let leftover = dir.path().join(format!(".archcost-tmp-{pid}-k1Ll3d.json"));
    std::fs::write(&leftover, b"{\"half\": ").unwrap();
    // Not ours or not stale: kept.
    let running = dir
        .path()
        .join(format!(".archcost-tmp-{}-alive.json", std::process::id()));
    std::fs::write(&running, b"in progress").unwrap();
    let other = dir.path().join("archcost-tmp-notes.txt");
    std::fs::write(&other, b"mine").unwrap();

    let out = dir.path().join("out.json");
    let status = Command::new(assert_cmd::cargo::cargo_bin("archcost"))
        .args(["compare", "--format", "json", "--out"])
        .arg(&out)
        .arg(three_tier())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.is_file());
    assert!(
        !leftover.exists(),
        "the killed run's temporary file is gone"
    );
    assert!(running.exists() && other.exists());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            format!(".archcost-tmp-{}-alive.json", std::process::id()),
            "archcost-tmp-notes.txt".to_string(),
            "out.json".to_string(),
        ]
    );
}

/// A catalog path longer than the system allows (a 40,000-character `assumptions.pricing`;
/// issue 21's "any string over 32,767 characters") is the user's input: exit 2 at the key's line,
/// in both languages — it was exit 1 with the location printed twice.
#[test]
fn an_over_long_pricing_path_is_an_input_error_at_its_key() {
    let text = std::fs::read_to_string(three_tier()).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("pricing = \"bundled\""))
        .unwrap();
    let long = "p".repeat(40_000);
    let changed = text.replace("pricing = \"bundled\"", &format!("pricing = \"{long}\""));
    assert_ne!(changed, text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), changed).unwrap();
    for (lang, words) in [
        (
            "en",
            "not a usable file name (longer than the system allows)",
        ),
        ("ja", "ファイル名として使えません（システムの上限より長い）"),
    ] {
        let out = crate::util::bin()
            .current_dir(dir.path())
            .args(["validate", "s.toml", "--lang", lang])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{lang}: {err}");
        assert!(err.contains(words), "{lang}: {err}");
        assert!(err.contains("`assumptions.pricing`"), "{lang}: {err}");
        assert_eq!(
            err.matches(&format!("s.toml:{line}:")).count(),
            1,
            "{lang}: {err}"
        );
    }
}
