//! `--requests` files on every core: reading a JSON Lines source in chunks, running a
//! per-line function on `--jobs` worker threads, and handing the results back in input order.
//!
//! Owns only the plumbing (reading, chunking, threads, ordering, the memory bound). What is
//! done with a line (parse, simulate, render) is the caller's closure: `app::test` for the
//! text, JSON and YAML outputs and `app::pipelines` for JUnit and GitHub annotations. The
//! output is the same bytes whatever `--jobs` is, because results are written by one thread,
//! in line order.
//!
//! Memory stays flat however long the file is: at most [`IN_FLIGHT_PER_JOB`] chunks per
//! worker are read ahead of the line being written.
//!
//! A stream is answered as it arrives: when stdin has no more input ready (a pipe waiting for
//! its writer, as in `tail -f log | ossctl cors test --requests -`), the lines in hand are
//! worked on, written, and the caller is told to flush ([`Event::CaughtUp`]) before the next
//! read waits.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use indicatif::ProgressBar;

use crate::exit::Failure;

/// Lines handed to a worker at a time: large enough that the hand-over (a wake-up of a worker
/// and of the writer) costs nothing next to the work (about two milliseconds of simulating;
/// with 256 lines, `--jobs 2` spent 10–25 % more CPU than one thread, mostly in those
/// wake-ups), small enough that the chunks read ahead stay a small part of the process's
/// memory (about 100 KB of input each).
const CHUNK_LINES: usize = 1024;

/// Chunks read ahead per worker (queued, being worked on, or waiting for an earlier one to
/// be written); this bounds memory. Two keep each worker's next chunk queued while it works
/// (four ran no faster and peaked about 2.5 MB higher with two workers).
const IN_FLIGHT_PER_JOB: usize = 2;

/// The worker count for `--jobs`: the value given, else the cores available to the process.
pub fn jobs(flag: Option<u32>) -> usize {
    flag.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |n| n as usize,
    )
    .max(1)
}

/// Where the lines come from, for messages (`<stdin>` for `-`).
pub fn source_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// A `--requests` source (a file, or stdin for `-`), read in chunks of lines.
pub struct RequestLines {
    reader: BufReader<Box<dyn Read + Send>>,
    /// Stdin: a chunk also ends where the input read so far ends (the next read may wait).
    stream: bool,
    /// The source's name for messages (`<stdin>` for `-`).
    pub name: String,
    /// The size of the file (`None` for stdin), for a progress bar.
    pub len: Option<u64>,
    line_number: usize,
    bytes_read: u64,
}

impl RequestLines {
    /// Opens `path` (`-` is stdin).
    pub fn open(path: &Path) -> Result<Self, Failure> {
        let name = source_name(path);
        let stream = path == Path::new("-");
        let (source, len): (Box<dyn Read + Send>, _) = if stream {
            (Box::new(io::stdin()), None)
        } else {
            let file =
                File::open(path).map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
            let len = file.metadata().ok().map(|m| m.len());
            (Box::new(file), len)
        };
        Ok(Self {
            reader: BufReader::with_capacity(64 * 1024, source),
            stream,
            name,
            len,
            line_number: 0,
            bytes_read: 0,
        })
    }

    /// The next up to [`CHUNK_LINES`] non-blank lines; `None` at the end. From a stream, the
    /// chunk ends early (marked `input_waits`) where the input that has arrived ends.
    fn next_chunk(&mut self) -> Result<Option<Chunk>, Failure> {
        let mut chunk = Chunk {
            text: Vec::new(),
            lines: Vec::with_capacity(CHUNK_LINES),
            bytes_read: 0,
            input_waits: false,
        };
        while chunk.lines.len() < CHUNK_LINES {
            if self.stream && !chunk.lines.is_empty() && self.reader.buffer().is_empty() {
                chunk.input_waits = true;
                break;
            }
            let start = chunk.text.len();
            let n = self
                .reader
                .read_until(b'\n', &mut chunk.text)
                .map_err(|e| Failure::usage(format!("cannot read {}: {e}", self.name)))?;
            if n == 0 {
                break;
            }
            self.line_number += 1;
            self.bytes_read += n as u64;
            // The line without surrounding whitespace; blank lines are skipped (but counted).
            let line = &chunk.text[start..];
            let lead = line.len() - line.trim_ascii_start().len();
            let trail = line.len() - line.trim_ascii_end().len();
            if lead < line.len() {
                let range = start + lead..chunk.text.len() - trail;
                chunk.lines.push((self.line_number, range));
            }
        }
        chunk.bytes_read = self.bytes_read;
        Ok((!chunk.lines.is_empty()).then_some(chunk))
    }
}

/// Consecutive non-blank lines: their bytes, and each line's number and place in them.
struct Chunk {
    text: Vec<u8>,
    lines: Vec<(usize, Range<usize>)>,
    /// Bytes of the source read up to the end of this chunk (for the progress bar).
    bytes_read: u64,
    /// The chunk ends where the input that had arrived ended (the next read may wait).
    input_waits: bool,
}

impl Chunk {
    /// `work` applied to every line, in order: (line number, result).
    fn run<R>(&self, work: &impl Fn(usize, &[u8]) -> R) -> Vec<(usize, R)> {
        self.lines
            .iter()
            .map(|(number, range)| (*number, work(*number, &self.text[range.clone()])))
            .collect()
    }
}

/// A chunk's results, or the panic of the worker that ran it (re-raised by the writer), with
/// the chunk's `bytes_read` and `input_waits`.
type Done<R> = (u64, std::thread::Result<Vec<(usize, R)>>, u64, bool);

/// What a worker is sent, in its queue's order.
enum ToWorker<R> {
    /// Work on chunk number `.0`.
    Chunk(u64, Chunk),
    /// Free the results of a chunk of yours, now written.
    Written(Vec<(usize, R)>),
}

/// What the writer is handed, in order.
pub enum Event<'r, R> {
    /// The result of the line with this (1-based) number.
    Line(usize, &'r R),
    /// Every line read so far is written and the source has no more input ready: flush, so
    /// that a stream's results show before the next read waits.
    CaughtUp,
}

/// Runs `work` on every non-blank line of `lines` (its 1-based line number in the source,
/// the line without surrounding whitespace) on `jobs` threads, and calls `write` with each
/// result on this thread, in line order (and with [`Event::CaughtUp`] where a stream waits for
/// input). Stops early, without error, when `stop` is set (checked before each line is
/// written) and when `write` fails (returning its error). The progress bar follows the bytes
/// written.
pub fn for_each_in_order<R: Send>(
    lines: &mut RequestLines,
    jobs: usize,
    stop: &AtomicBool,
    progress: &ProgressBar,
    work: impl Fn(usize, &[u8]) -> R + Sync,
    mut write: impl FnMut(Event<R>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    // A chunk that ends where the input ended is the last one read (reading waits for it to be
    // written), so after it every line read so far is written.
    let mut write_chunk = |results: &[(usize, R)], bytes_read: u64, input_waits: bool| {
        for (number, result) in results {
            if stop.load(Ordering::Relaxed) {
                return Ok(false);
            }
            write(Event::Line(*number, result))?;
        }
        progress.set_position(bytes_read);
        if input_waits {
            write(Event::CaughtUp)?;
        }
        Ok::<_, Failure>(true)
    };
    if jobs <= 1 {
        while let Some(chunk) = lines.next_chunk()? {
            if !write_chunk(&chunk.run(&work), chunk.bytes_read, chunk.input_waits)? {
                break;
            }
        }
        return Ok(());
    }

    let (done_tx, done_rx) = mpsc::channel::<Done<R>>();
    // Set when the writer returns early: the workers then stop taking chunks.
    let cancel = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // Each worker has its own queue and is dealt every `jobs`-th chunk, and gets the
        // chunk's results back through it once they are written, to free them itself (as soon
        // as it finishes the chunk in hand): glibc's allocator
        // makes a thread that frees another thread's memory take that thread's arena lock, and
        // with the writer freeing every line's result those locks were 97 % of the run's futex
        // calls and about 12 % more CPU than one thread (2 workers, 1M lines).
        let mut queues = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            let (queue, inbox) = mpsc::channel::<ToWorker<R>>();
            queues.push(queue);
            let done_tx = done_tx.clone();
            let (cancel, work) = (&cancel, &work);
            scope.spawn(move || {
                for message in inbox {
                    let (seq, chunk) = match message {
                        ToWorker::Chunk(seq, chunk) => (seq, chunk),
                        ToWorker::Written(results) => {
                            drop(results);
                            continue;
                        }
                    };
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let results =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| chunk.run(work)));
                    let done = (seq, results, chunk.bytes_read, chunk.input_waits);
                    if done_tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        // This thread reads ahead (up to the bound), and writes chunks as they come back in
        // sequence; a chunk that finishes early waits in `finished` for the ones before it.
        let result = (|| {
            let max_in_flight = (jobs * IN_FLIGHT_PER_JOB) as u64;
            let (mut read, mut written) = (0u64, 0u64);
            let mut at_end = false;
            // The last chunk read ended where a stream's input did: read no further (the read
            // would wait) until everything in hand is written.
            let mut input_waits = false;
            let mut finished = BTreeMap::new();
            loop {
                if read == written {
                    input_waits = false;
                }
                while !at_end
                    && !input_waits
                    && read - written < max_in_flight
                    && !stop.load(Ordering::Relaxed)
                {
                    match lines.next_chunk()? {
                        Some(chunk) => {
                            input_waits = chunk.input_waits;
                            // The workers outlive this loop, so the queue is open.
                            let queue = &queues[(read % jobs as u64) as usize];
                            let _ = queue.send(ToWorker::Chunk(read, chunk));
                            read += 1;
                        }
                        None => at_end = true,
                    }
                }
                if read == written {
                    return Ok(());
                }
                let Ok((seq, results, bytes_read, waits)) = done_rx.recv() else {
                    return Ok(());
                };
                finished.insert(seq, (results, bytes_read, waits));
                while let Some((results, bytes_read, waits)) = finished.remove(&written) {
                    let results = results.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    let go_on = write_chunk(&results, bytes_read, waits)?;
                    // Back to the worker that made them (it was dealt chunk `written`).
                    let queue = &queues[(written % jobs as u64) as usize];
                    let _ = queue.send(ToWorker::Written(results));
                    written += 1;
                    if !go_on {
                        return Ok(());
                    }
                }
            }
        })();
        cancel.store(true, Ordering::Relaxed);
        drop(queues);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> RequestLines {
        RequestLines {
            reader: BufReader::new(Box::new(io::Cursor::new(text.as_bytes().to_vec()))),
            stream: false,
            name: "t".into(),
            len: None,
            line_number: 0,
            bytes_read: 0,
        }
    }

    fn collect(text: &str, jobs: usize, stop_after: Option<usize>) -> Vec<(usize, String)> {
        let mut lines = lines_of(text);
        let stop = AtomicBool::new(false);
        let mut out = Vec::new();
        for_each_in_order(
            &mut lines,
            jobs,
            &stop,
            &ProgressBar::hidden(),
            |n, line| format!("{n}:{}", String::from_utf8_lossy(line)),
            |event| {
                if let Event::Line(n, s) = event {
                    out.push((n, s.clone()));
                    if stop_after == Some(out.len()) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                Ok(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn results_come_in_line_order_whatever_the_job_count() {
        let mut text = String::new();
        for i in 0..10_000 {
            text.push_str(&format!("  line {i}\t\n"));
            if i % 7 == 0 {
                text.push_str(" \n");
            }
        }
        let one = collect(&text, 1, None);
        assert_eq!(one.len(), 10_000);
        assert_eq!(one[0], (1, "1:line 0".to_owned()));
        assert_eq!(
            one[1],
            (3, "3:line 1".to_owned()),
            "blank lines are counted"
        );
        for jobs in [2, 3, 8] {
            assert_eq!(collect(&text, jobs, None), one, "jobs {jobs}");
        }
    }

    #[test]
    fn a_stop_ends_the_run_after_the_line_being_written() {
        let text = "x\n".repeat(20_000);
        for jobs in [1, 4] {
            let out = collect(&text, jobs, Some(1500));
            assert_eq!(out.len(), 1500, "jobs {jobs}");
            assert_eq!(out.last().unwrap().0, 1500);
        }
    }

    #[test]
    fn a_write_error_stops_the_run_and_is_returned() {
        let mut lines = lines_of(&"x\n".repeat(10_000));
        let mut written = 0;
        let e = for_each_in_order(
            &mut lines,
            3,
            &AtomicBool::new(false),
            &ProgressBar::hidden(),
            |n, _| n,
            |event| {
                let Event::Line(n, _) = event else {
                    return Ok(());
                };
                written += 1;
                if n == 2000 {
                    return Err(Failure::usage("full"));
                }
                Ok(())
            },
        )
        .unwrap_err();
        assert_eq!(written, 2000);
        assert!(format!("{:?}", e.report).contains("full"));
    }

    /// A pipe whose writer sends one line at a time: every read checks that all the lines it
    /// gave before were written and flushed (`CaughtUp`) first.
    struct Trickle {
        lines: Vec<&'static [u8]>,
        given: usize,
        written: std::sync::Arc<std::sync::atomic::AtomicUsize>,
        flushed: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            assert_eq!(
                self.written.load(Ordering::SeqCst),
                self.given,
                "all written"
            );
            assert_eq!(
                self.flushed.load(Ordering::SeqCst),
                self.given,
                "and flushed"
            );
            let Some(line) = self.lines.get(self.given) else {
                return Ok(0);
            };
            self.given += 1;
            buf[..line.len()].copy_from_slice(line);
            Ok(line.len())
        }
    }

    #[test]
    fn a_stream_is_answered_line_by_line_as_it_arrives() {
        use std::sync::Arc;
        use std::sync::atomic::AtomicUsize;
        for jobs in [1, 2, 4] {
            let (written, flushed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
            let mut lines = RequestLines {
                reader: BufReader::new(Box::new(Trickle {
                    lines: vec![b"a\n", b"b\n", b"c\n"],
                    given: 0,
                    written: written.clone(),
                    flushed: flushed.clone(),
                })),
                stream: true,
                name: "-".into(),
                len: None,
                line_number: 0,
                bytes_read: 0,
            };
            let mut seen = Vec::new();
            for_each_in_order(
                &mut lines,
                jobs,
                &AtomicBool::new(false),
                &ProgressBar::hidden(),
                |n, line| format!("{n}:{}", String::from_utf8_lossy(line)),
                |event| {
                    match event {
                        Event::Line(_, s) => {
                            seen.push(s.clone());
                            written.fetch_add(1, Ordering::SeqCst);
                        }
                        Event::CaughtUp => {
                            flushed.store(written.load(Ordering::SeqCst), Ordering::SeqCst);
                        }
                    }
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, ["1:a", "2:b", "3:c"], "jobs {jobs}");
        }
    }

    #[test]
    fn a_file_is_read_in_whole_chunks() {
        // Not a stream: no chunk ends early, so no CaughtUp (and no flush per buffer).
        let mut lines = lines_of(&"x\n".repeat(3 * CHUNK_LINES));
        let mut caught_up = 0;
        for_each_in_order(
            &mut lines,
            2,
            &AtomicBool::new(false),
            &ProgressBar::hidden(),
            |n, _| n,
            |event| {
                if let Event::CaughtUp = event {
                    caught_up += 1;
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(caught_up, 0);
    }

    #[test]
    fn empty_and_blank_sources_give_nothing() {
        assert!(collect("", 2, None).is_empty());
        assert!(collect("\n  \n\t\n", 2, None).is_empty());
    }
}
