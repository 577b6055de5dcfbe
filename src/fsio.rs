//! Files in and out: reads with a size bound that refuse devices and pipes, writes that replace
//! a file or a whole folder in one atomic step with the process umask, and leftover clean-up.
//!
//! Every input file archcost opens goes through [`open_input`] or [`read_input`], so an endless
//! input (`/dev/zero`, `/dev/urandom`, a FIFO, `/dev/stdin`) ends in a clear input error at once
//! instead of growing memory or blocking. Setting `ARCHCOST_ALLOW_SPECIAL_FILES=1` lets a
//! pipe or device through (still bounded by size) for users who stream a file on purpose.
use crate::error::{Error, Result, Text};
use crate::said;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Environment variable that lets special files (FIFOs, character devices) be read.
pub const ALLOW_SPECIAL_ENV: &str = "ARCHCOST_ALLOW_SPECIAL_FILES";

/// What an input file is, for messages ("scenario", "price catalog", "offer file").
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub what: &'a str,
    /// Largest accepted size in bytes.
    pub max_bytes: u64,
}

fn special_allowed() -> bool {
    std::env::var_os(ALLOW_SPECIAL_ENV).is_some_and(|v| v == "1")
}

/// `path: problem; expected a WHAT file` + hint, worded by message ids (`error.file.*`).
fn input_error(path: &Path, what: &str, problem: Text, hint: Text) -> Error {
    let what = match what {
        "scenario (TOML)" => said!("error.file.what_scenario"),
        other => Text::from(other),
    };
    Error::Said(said!(
        "error.file.input",
        path.display().to_string(),
        problem,
        what,
        hint
    ))
}

/// Open an input file for streaming: it must be a regular file (unless special files are
/// allowed). A path that looked like a regular file is opened non-blocking, so a FIFO swapped in
/// without a writer cannot hang the open. A pipe let through on purpose is opened the way `cat`
/// opens it: the open waits for its writer (opening it non-blocking would read "end of file"
/// from a writer that has not started yet).
pub fn open_input(path: &Path, input: Input) -> Result<std::fs::File> {
    let meta = std::fs::metadata(path).map_err(|e| open_error(path, input.what, e))?;
    check_kind(path, input.what, &meta)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if meta.is_file() {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| open_error(path, input.what, e))?;
    // Check the opened file itself too: the path may have been swapped after the first look.
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    check_kind(path, input.what, &meta)?;
    if meta.is_file() && meta.len() > input.max_bytes {
        return Err(too_large(path, input));
    }
    // A pipe or device let through on purpose is read like any stream: reads wait for the
    // writer instead of failing with EAGAIN when it is slower than archcost.
    #[cfg(unix)]
    if !meta.is_file() {
        set_blocking(&file).map_err(|e| Error::io(path, e))?;
    }
    Ok(file)
}

/// Clear `O_NONBLOCK` (set by [`open_input`] so the open itself cannot hang).
#[cfg(unix)]
fn set_blocking(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::io::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function borrows open; no memory is passed.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Read a whole input file, refusing anything larger than `input.max_bytes`.
pub fn read_input(path: &Path, input: Input) -> Result<Vec<u8>> {
    let file = open_input(path, input)?;
    let mut bytes = Vec::new();
    file.take(input.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, input.what, e))?;
    if bytes.len() as u64 > input.max_bytes {
        return Err(too_large(path, input));
    }
    Ok(bytes)
}

/// Read a whole input file as UTF-8 text.
pub fn read_input_text(path: &Path, input: Input) -> Result<String> {
    let bytes = read_input(path, input)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        input_error(
            path,
            input.what,
            said!("error.file.not_utf8", offset),
            said!("error.file.save_utf8"),
        )
    })
}

fn check_kind(path: &Path, what: &str, meta: &std::fs::Metadata) -> Result<()> {
    if meta.is_dir() {
        return Err(input_error(
            path,
            what,
            said!("error.file.is_a_directory"),
            said!("error.file.give_file"),
        ));
    }
    if meta.is_file() || special_allowed() {
        return Ok(());
    }
    Err(input_error(
        path,
        what,
        said!("error.file.not_regular"),
        said!("error.file.copy_or_allow", ALLOW_SPECIAL_ENV),
    ))
}

fn too_large(path: &Path, input: Input) -> Error {
    input_error(
        path,
        input.what,
        said!(
            "error.file.too_large",
            input.max_bytes.to_string(),
            input.what
        ),
        said!("error.file.check_meant"),
    )
}

fn open_error(path: &Path, what: &str, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => input_error(
            path,
            what,
            said!("error.file.no_such_file"),
            said!("error.file.check_path"),
        ),
        std::io::ErrorKind::PermissionDenied => input_error(
            path,
            what,
            said!("error.file.permission_denied"),
            said!("error.file.check_permissions"),
        ),
        // A path longer than the system allows (ENAMETOOLONG), e.g. a megabyte-long
        // `assumptions.pricing`: the user's input, like a path that does not exist.
        std::io::ErrorKind::InvalidFilename => input_error(
            path,
            what,
            said!("error.file.bad_name"),
            said!("error.file.check_path"),
        ),
        _ => Error::io(path, e),
    }
}

fn read_error(path: &Path, what: &str, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::WouldBlock => input_error(
            path,
            what,
            said!("error.file.no_data"),
            said!("error.file.copy_first"),
        ),
        std::io::ErrorKind::InvalidData => input_error(
            path,
            what,
            Text::from(e.to_string()),
            said!("error.file.check_file"),
        ),
        _ => Error::io(path, e),
    }
}

/// The folder a path lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Name prefix of the temporary files [`temp_file_beside`] creates; the writer's process id
/// follows, then `-` and a random part: `.archcost-tmp-4242-Xa9f3k.csv`.
pub const TEMP_PREFIX: &str = ".archcost-tmp-";

/// A temporary file whose writer's process id is not running, or one older than this
/// (a reused pid, or a name without one), is a leftover of a killed run.
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// A temporary file beside `target`, created with mode 0666 minus the process umask (the
/// mode a plain `File::create` would give), named so a later run can recognise it. Leftovers
/// of killed runs in the same folder are removed first ([`clean_stale_temps`]).
pub fn temp_file_beside(target: &Path, suffix: &str) -> Result<tempfile::NamedTempFile> {
    let dir = parent_dir(target);
    clean_stale_temps(&dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))
}

/// Remove the temporary files killed runs left in `dir`: only regular files named
/// `.archcost-tmp-…`, and only stale ones — the process id in the name is not running, or
/// the file is older than [`STALE_TEMP_AGE`]. Best effort: what cannot be read or removed
/// stays.
pub fn clean_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        // The directory entry itself (a symlink is not followed).
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        let pid = rest
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let dead = pid.is_some_and(|p| p != std::process::id() && !process_running(p));
        if old || dead {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id exists (where that cannot be told: assume it does).
fn process_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder, then rename, so a
/// failure or a kill never leaves a half-written file in place of the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = temp_file_beside(path, "")?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Name prefix of the staging folders [`replace_dir`] leaves behind if killed.
pub fn staging_prefix(name: &str) -> String {
    format!(".{name}.archcost-new-")
}

/// Create an empty staging folder beside `target` (same filesystem, so it can be renamed),
/// with the umask's mode. Earlier runs' leftovers for the same target are removed first.
pub fn staging_dir(target: &Path) -> Result<PathBuf> {
    let parent = parent_dir(target);
    let name = dir_name(target)?;
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    clean_leftovers(&parent, &name);
    let staged = tempfile::Builder::new()
        .prefix(&staging_prefix(&name))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?
        .keep();
    #[cfg(unix)]
    {
        // tempdir creates 0700; give the folder the mode `mkdir` would.
        use std::os::unix::fs::PermissionsExt;
        let mode = 0o777 & !current_umask();
        let _ = std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(mode));
    }
    Ok(staged)
}

fn dir_name(target: &Path) -> Result<String> {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::Said(crate::said!(
                "error.file.folder_name",
                target.display().to_string()
            ))
        })
}

/// A writer to a file that asks the kernel to start writing what it was given to disk every
/// few MiB (Linux `sync_file_range`, a hint elsewhere ignored), so the `sync_all` that makes
/// the file durable waits only for the last part instead of the whole file: a large
/// `commitments.csv` is flushed while the rest of it is still being rendered. Durability is
/// unchanged; the caller still calls `sync_all`.
pub struct EarlyWriteback<'a> {
    file: &'a mut std::fs::File,
    written: u64,
    /// Bytes whose writeback was started.
    started: u64,
}

/// Bytes written between two writeback starts.
const WRITEBACK_STEP: u64 = 8 << 20;

impl<'a> EarlyWriteback<'a> {
    pub fn new(file: &'a mut std::fs::File) -> Self {
        EarlyWriteback {
            file,
            written: 0,
            started: 0,
        }
    }
}

impl Write for EarlyWriteback<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_STEP {
            start_writeback(self.file, self.started, self.written - self.started);
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Start writing bytes `offset..offset + len` of `file` to disk without waiting. Only a hint:
/// a failure shows up in the `sync_all` that follows.
#[cfg(target_os = "linux")]
fn start_writeback(file: &std::fs::File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: a plain system call on a file descriptor this process owns; no memory is passed.
    let _ = unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE)
    };
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &std::fs::File, _offset: u64, _len: u64) {}

/// Remove staging folders an interrupted earlier run left beside `name` in `parent`.
pub fn clean_leftovers(parent: &Path, name: &str) {
    let prefixes = [
        staging_prefix(name),
        format!(".{name}.tmp-"),
        format!(".{name}.old-"),
    ];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Put the finished folder `staged` at `target` in one atomic step: an exchange of the two
/// folders (Linux `renameat2(RENAME_EXCHANGE)`), so at every moment `target` is either the
/// old folder whole or the new one whole; the old one is then deleted. Where the exchange is
/// not available, the old folder is moved aside and the new one renamed in (two steps).
pub fn replace_dir(staged: &Path, target: &Path) -> Result<()> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::rename(staged, target).map_err(|e| Error::io(target, e));
        }
        Err(e) => return Err(Error::io(target, e)),
        Ok(_) => {}
    }
    if exchange(staged, target).is_ok() {
        // `staged` now holds the old folder.
        let _ = std::fs::remove_dir_all(staged);
        return Ok(());
    }
    let aside = staged.with_extension("old");
    std::fs::rename(target, &aside).map_err(|e| Error::io(target, e))?;
    if let Err(e) = std::fs::rename(staged, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(Error::io(target, e));
    }
    let _ = std::fs::remove_dir_all(&aside);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    const RENAME_EXCHANGE: libc::c_uint = 1 << 1;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The process umask, read from `/proc/self/status` (no set-and-restore race with other
/// threads); 022 where it cannot be read.
#[cfg(unix)]
fn current_umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Input = Input {
        what: "test",
        max_bytes: 16,
    };

    #[test]
    fn refuses_devices_and_bounds_size() {
        let err = read_input(Path::new("/dev/zero"), SMALL).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, [b'x'; 17]).unwrap();
        let err = read_input(&big, SMALL).unwrap_err();
        assert!(err.to_string().contains("larger than 16 bytes"), "{err}");
        let ok = dir.path().join("ok");
        std::fs::write(&ok, b"hello").unwrap();
        assert_eq!(read_input(&ok, SMALL).unwrap(), b"hello");
    }

    #[test]
    fn stale_temp_files_of_killed_runs_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        let hour_ago = std::time::SystemTime::now() - STALE_TEMP_AGE - STALE_TEMP_AGE / 60;
        let write = |n: &str| std::fs::write(p(n), b"x").unwrap();
        // 2^31 - 2 is above every kernel's pid_max (at most 2^22), so no process has it.
        write(".archcost-tmp-2147483646-dead.csv");
        write(&format!(".archcost-tmp-{}-mine.csv", std::process::id()));
        write(".archcost-tmp-Xa9f3k.csv"); // an older name without a pid, recent: kept
        write(".archcost-tmp-Old3k.csv");
        std::fs::File::options()
            .write(true)
            .open(p(".archcost-tmp-Old3k.csv"))
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        write("report.csv");
        write(".archcost-tmp"); // not our name: no `-` part
        std::fs::create_dir(p(".archcost-tmp-2147483646-a-folder")).unwrap();
        clean_stale_temps(dir.path());
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut want = vec![
            ".archcost-tmp".to_string(),
            ".archcost-tmp-2147483646-a-folder".to_string(),
            format!(".archcost-tmp-{}-mine.csv", std::process::id()),
            ".archcost-tmp-Xa9f3k.csv".to_string(),
            "report.csv".to_string(),
        ];
        want.sort();
        assert_eq!(names, want);
    }

    #[test]
    fn early_writeback_writes_every_byte_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let mut file = std::fs::File::create(&path).unwrap();
        // Past two writeback steps, in pieces that do not divide them.
        let piece: Vec<u8> = (0..=250u8).collect();
        let pieces = (2 * WRITEBACK_STEP as usize) / piece.len() + 7;
        let mut w = EarlyWriteback::new(&mut file);
        for _ in 0..pieces {
            w.write_all(&piece).unwrap();
        }
        w.flush().unwrap();
        assert!(w.started >= 2 * WRITEBACK_STEP && w.started <= w.written);
        file.sync_all().unwrap();
        let back = std::fs::read(&path).unwrap();
        assert_eq!(back.len(), pieces * piece.len());
        assert!(back.chunks(piece.len()).all(|c| c == piece));
    }

    #[test]
    fn replace_dir_swaps_whole_folders_and_cleans_leftovers() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("rep");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("a.txt"), b"old").unwrap();
        // A leftover from a killed run.
        std::fs::create_dir(root.path().join(".rep.archcost-new-dead")).unwrap();
        let staged = staging_dir(&target).unwrap();
        assert!(!root.path().join(".rep.archcost-new-dead").exists());
        std::fs::write(staged.join("a.txt"), b"new").unwrap();
        replace_dir(&staged, &target).unwrap();
        assert_eq!(std::fs::read(target.join("a.txt")).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("rep")]);
    }
}
