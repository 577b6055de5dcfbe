//! Reading and prefiltering a CSV offer file on a second thread: the reader thread runs the
//! `Prefilter` (input reads, line splitting, dropping Reserved lines that cannot map) and hands
//! the kept lines over in batches, while the importing thread maps them. On a 2-core machine
//! the kernel's copying of the file and the line scan then overlap the mapping
//! (BENCHMARKS.md, "Offer import").
//!
//! `Lines` offers the `Prefilter`'s own interface (`next_line`, `line`, and `Read` with the
//! original line numbers in a `LineQueue`), so the importer reads the same lines in the same
//! order with the same errors; only where the work happens changes.
use super::prefilter::{LineQueue, Prefilter};
use std::io::Read;
use std::ops::Range;
use std::sync::mpsc;

/// Bytes of kept lines per batch (a longer line makes its batch longer).
const BATCH_BYTES: usize = 256 << 10;
/// Batches in flight between the threads (bounds memory: the reader waits when it is ahead).
const IN_FLIGHT: usize = 4;

/// Kept lines, one after another, and for each its end in `bytes` and original line number.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    ends: Vec<(usize, u64)>,
}

/// The importing thread's side: the kept lines of the file, batch by batch.
pub struct Lines {
    batches: mpsc::Receiver<std::io::Result<Batch>>,
    /// Used batches go back to the reader thread to be refilled (no allocation per batch).
    spent: mpsc::Sender<Batch>,
    batch: Batch,
    /// Index in `batch.ends` of the next line `next_line` returns.
    next: usize,
    /// Offset in `batch.bytes` of the next byte `read` returns.
    pos: usize,
    /// Lines of `batch` whose numbers `read` has put in `queue`.
    queued: usize,
    /// The input ended (or failed; the error was returned once).
    done: bool,
    queue: LineQueue,
}

impl Lines {
    /// Start the reader thread on `reader` within `scope`. `queue` receives the line numbers
    /// of the lines handed out through `Read`.
    pub fn spawn<'scope, R: Read + Send + 'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        reader: R,
        queue: LineQueue,
    ) -> Lines {
        let (batch_tx, batches) = mpsc::sync_channel(IN_FLIGHT);
        let (spent, spent_rx) = mpsc::channel();
        scope.spawn(move || produce(reader, &batch_tx, &spent_rx));
        Lines {
            batches,
            spent,
            batch: Batch::default(),
            next: 0,
            pos: 0,
            queued: 0,
            done: false,
            queue,
        }
    }

    /// Move on to the next batch; false at the end of input.
    fn advance(&mut self) -> std::io::Result<bool> {
        if self.done {
            return Ok(false);
        }
        match self.batches.recv() {
            Ok(Ok(batch)) => {
                let old = std::mem::replace(&mut self.batch, batch);
                let _ = self.spent.send(old);
                (self.next, self.pos, self.queued) = (0, 0, 0);
                Ok(true)
            }
            Ok(Err(e)) => {
                self.done = true;
                Err(e)
            }
            Err(mpsc::RecvError) => {
                self.done = true;
                Ok(false)
            }
        }
    }

    /// The next kept line (its place in `line`'s buffer) and its original line number; `None`
    /// at the end of input.
    pub fn next_line(&mut self) -> std::io::Result<Option<(Range<usize>, u64)>> {
        while self.next == self.batch.ends.len() {
            if !self.advance()? {
                return Ok(None);
            }
        }
        let start = match self.next {
            0 => 0,
            n => self.batch.ends[n - 1].0,
        };
        let (end, line_no) = self.batch.ends[self.next];
        self.next += 1;
        self.pos = end;
        Ok(Some((start..end, line_no)))
    }

    /// The bytes of a line `next_line` returned (valid until it is called again).
    pub fn line(&self, range: Range<usize>) -> &[u8] {
        &self.batch.bytes[range]
    }
}

/// The lines not yet returned by `next_line`, as one stream of bytes (for the `csv` reader of
/// Savings Plan files); their line numbers go to the `LineQueue`, one per line, as they are
/// handed out.
impl Read for Lines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.batch.bytes.len() {
            if !self.advance()? {
                return Ok(0);
            }
        }
        if self.queued < self.batch.ends.len() {
            let from = self.queued.max(self.next);
            let mut queue = self.queue.borrow_mut();
            queue.extend(self.batch.ends[from..].iter().map(|&(_, line_no)| line_no));
            self.queued = self.batch.ends.len();
            self.next = self.batch.ends.len();
        }
        let rest = &self.batch.bytes[self.pos..];
        let n = buf.len().min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// The reader thread: prefilter `reader` and send its kept lines in batches until the input
/// ends, a read fails (the error is sent last), or the importing thread stops listening.
fn produce<R: Read>(
    reader: R,
    batches: &mpsc::SyncSender<std::io::Result<Batch>>,
    spent: &mpsc::Receiver<Batch>,
) {
    // The prefilter's own line queue is unused here: line numbers travel with the batches.
    let mut src = Prefilter::new(reader, LineQueue::default());
    loop {
        let mut batch = spent.try_recv().unwrap_or_default();
        batch.bytes.clear();
        batch.ends.clear();
        let mut failed = None;
        while batch.bytes.len() < BATCH_BYTES {
            match src.next_line() {
                Ok(Some((range, line_no))) => {
                    batch.bytes.extend_from_slice(src.line(range));
                    batch.ends.push((batch.bytes.len(), line_no));
                }
                Ok(None) => break,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let last = failed.is_some() || batch.bytes.len() < BATCH_BYTES;
        if !batch.ends.is_empty() && batches.send(Ok(batch)).is_err() {
            return;
        }
        if let Some(e) = failed {
            let _ = batches.send(Err(e));
        }
        if last {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything `Lines` hands out, through `next_line` for the first `by_line` lines and
    /// `Read` for the rest, with the line numbers of both.
    fn collect(input: &[u8], by_line: usize) -> (Vec<u8>, Vec<u64>, Option<String>) {
        let queue = LineQueue::default();
        std::thread::scope(|s| {
            let mut lines = Lines::spawn(s, input, queue.clone());
            let (mut out, mut numbers) = (Vec::new(), Vec::new());
            for _ in 0..by_line {
                match lines.next_line() {
                    Ok(Some((range, n))) => {
                        out.extend_from_slice(lines.line(range));
                        numbers.push(n);
                    }
                    Ok(None) => break,
                    Err(e) => return (out, numbers, Some(e.to_string())),
                }
            }
            let mut rest = Vec::new();
            let err = lines.read_to_end(&mut rest).err().map(|e| e.to_string());
            out.extend_from_slice(&rest);
            numbers.extend(queue.borrow().iter().copied());
            (out, numbers, err)
        })
    }

    /// What the prefilter alone hands out.
    fn direct(input: &[u8]) -> (Vec<u8>, Vec<u64>, Option<String>) {
        let queue = LineQueue::default();
        let mut p = Prefilter::new(input, queue.clone());
        let mut out = Vec::new();
        let err = p.read_to_end(&mut out).err().map(|e| e.to_string());
        let numbers = queue.borrow().iter().copied().collect();
        (out, numbers, err)
    }

    #[test]
    fn lines_match_the_prefilter_across_batches_and_both_interfaces() {
        // Over three batches: kept and dropped Reserved lines, blank lines, a multi-line
        // record, long lines.
        let mut input = String::from(
            "\"OfferCode\",\"AmazonRDS\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"OfferingClass\",\"Database Engine\"\n",
        );
        let long = "x".repeat(700_000);
        for i in 0..12 {
            input.push_str(&format!(
                "\"S{i}\",\"T\",\"R\",\"OnDemand\",\"\",\"MySQL\"\n\"O{i}\",\"T2\",\"R\",\"Reserved\",\"standard\",\"Oracle\"\n\n\"S{i}\",\"T3\",\"R\",\"Reserved\",\"standard\",\"MySQL\"\n\"S{i}\",\"T\",\"R\",\"OnDemand\",\"{long}\",\"a\nb\"\n"
            ));
        }
        let want = direct(input.as_bytes());
        assert!(
            want.1.len() > 30 && want.2.is_none(),
            "{} {:?}",
            want.1.len(),
            want.2
        );
        for by_line in [0, 1, 7, 40, 1000] {
            assert_eq!(collect(input.as_bytes(), by_line), want, "{by_line}");
        }
    }

    #[test]
    fn a_read_error_comes_after_the_lines_before_it() {
        // The file ends inside a quoted field: the prefilter's error, after the good lines.
        let input = b"\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\"\n\"A\",\"T\",\"R\",\"OnDemand\"\n\"B\",\"cut";
        for by_line in [0, 1, 5] {
            let (out, numbers, err) = collect(input, by_line);
            assert_eq!(&out[..], &input[..input.len() - 8], "{by_line}");
            assert_eq!(numbers, [1, 2], "{by_line}");
            assert_eq!(err, direct(input).2, "{by_line}");
        }
        let err = collect(input, 0).2;
        let err = err.expect("a truncated file is an error");
        assert!(
            err.contains("line 3") && err.contains("ends inside a quoted field"),
            "{err}"
        );
        assert_eq!(Some(err), direct(input).2);
    }
}
