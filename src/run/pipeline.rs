//! An ordered parallel map over a stream: inputs are fed one at a time, worked on by a rayon
//! pool in small batches, and handed back strictly in input order. At most a window of inputs
//! is in flight (spawned but not yet handed back), so memory is bounded by the jobs, not by
//! the stream. Knows nothing about documents or rules.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How much work may be in flight at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Worker threads; 1 runs everything on the calling thread.
    pub jobs: usize,
    /// Inputs read but not yet handed back, at most.
    pub window: usize,
    /// Their total size (as `size` measures it), at most; one input always fits.
    pub bytes: usize,
    /// Inputs per task, at most. A task per input woke the calling thread once per input:
    /// with two jobs on two cores that was ~15,000 context switches for 5,700 articles and
    /// most of the CPU that a second job added (issue 17).
    pub batch: usize,
}

impl Limits {
    /// A window of a few batches per job keeps every worker busy while the calling thread
    /// reads and writes, and the byte cap bounds memory when documents are large.
    pub fn for_jobs(jobs: usize) -> Limits {
        let jobs = jobs.max(1);
        Limits {
            jobs,
            window: jobs * 32,
            bytes: 64 << 20,
            batch: 8,
        }
    }
}

/// What the calling thread did not spend on its own work: time blocked waiting for workers,
/// or (with one job) time spent in `work` itself. Lets `--timings` count thread-seconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub idle: Duration,
}

/// Calls `feed` with a sink for inputs; runs `work` on each input (on the pool when
/// `limits.jobs > 1`) and passes the results to `emit` in the order the inputs came. A panic
/// in `work` becomes `panicked()` for that input rather than ending the run. Stops at the
/// first error from `feed` or `emit`, after the work already spawned has finished.
pub fn ordered<T, R, E>(
    limits: Limits,
    feed: impl FnOnce(&mut dyn FnMut(T) -> Result<(), E>) -> Result<(), E>,
    size: impl Fn(&T) -> usize,
    work: impl Fn(T) -> R + Sync,
    panicked: impl Fn() -> R,
    emit: &mut dyn FnMut(R) -> Result<(), E>,
) -> Result<Stats, E>
where
    T: Send,
    R: Send,
{
    let pool = (limits.jobs > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(limits.jobs)
                .thread_name(|i| format!("calq-worker-{i}"))
                .build()
                .ok()
        })
        .flatten();
    let Some(pool) = pool else {
        let mut stats = Stats::default();
        feed(&mut |input| {
            let start = Instant::now();
            let result =
                catch_unwind(AssertUnwindSafe(|| work(input))).unwrap_or_else(|_| panicked());
            stats.idle += start.elapsed();
            emit(result)
        })?;
        return Ok(stats);
    };

    let (tx, rx) = mpsc::channel::<(usize, Vec<Option<R>>)>();
    let work = &work;
    pool.in_place_scope_fifo(|scope| {
        let mut order = Reorder {
            rx,
            pending: BTreeMap::new(),
            sizes: std::collections::VecDeque::new(),
            next: 0,
            spawned: 0,
            in_flight: 0,
            bytes: 0,
            stats: Stats::default(),
        };
        let mut batch: Vec<T> = Vec::with_capacity(limits.batch);
        // Hands the batch read so far to the pool as one task.
        let spawn = |batch: &mut Vec<T>, order: &mut Reorder<R>| {
            if batch.is_empty() {
                return;
            }
            let inputs = std::mem::replace(batch, Vec::with_capacity(limits.batch));
            let tx = tx.clone();
            let seq = order.spawned;
            order.spawned += 1;
            scope.spawn_fifo(move |_| {
                let results = inputs
                    .into_iter()
                    .map(|input| catch_unwind(AssertUnwindSafe(|| work(input))).ok())
                    .collect();
                // The receiver outlives the scope; a failed send means nothing is listening.
                let _ = tx.send((seq, results));
            });
        };
        feed(&mut |input| {
            let n = size(&input);
            while order.in_flight > 0
                && (order.in_flight >= limits.window || order.bytes + n > limits.bytes)
            {
                // The workers get what was read before the calling thread waits for them.
                spawn(&mut batch, &mut order);
                order.receive(&panicked, emit)?;
            }
            order.in_flight += 1;
            order.bytes += n;
            order.sizes.push_back(n);
            batch.push(input);
            // A worker with nothing to do gets the batch at once, whatever its size: a slow
            // stream is not held back to fill batches.
            if batch.len() >= limits.batch || order.tasks() < limits.jobs {
                spawn(&mut batch, &mut order);
            }
            Ok(())
        })?;
        spawn(&mut batch, &mut order);
        while order.in_flight > 0 {
            order.receive(&panicked, emit)?;
        }
        Ok(order.stats)
    })
}

/// Batches of results that came back out of order, waiting for the ones before them.
struct Reorder<R> {
    rx: mpsc::Receiver<(usize, Vec<Option<R>>)>,
    pending: BTreeMap<usize, Vec<Option<R>>>,
    /// Sizes of the inputs read and not handed back, oldest first.
    sizes: std::collections::VecDeque<usize>,
    /// The next batch to hand back.
    next: usize,
    /// Batches spawned.
    spawned: usize,
    /// Inputs read and not yet handed back (in the batch being filled or spawned).
    in_flight: usize,
    bytes: usize,
    stats: Stats,
}

impl<R> Reorder<R> {
    /// Batches spawned and not yet handed back.
    fn tasks(&self) -> usize {
        self.spawned - self.next
    }

    /// Waits for one batch, then hands back every batch that is now next in order.
    fn receive<E>(
        &mut self,
        panicked: &impl Fn() -> R,
        emit: &mut dyn FnMut(R) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = Instant::now();
        // Every spawned task sends exactly once (panics are caught per input) and the
        // calling thread holds a sender, so `recv` returns while a batch is out.
        let received = self.rx.recv();
        self.stats.idle += start.elapsed();
        if let Ok((seq, results)) = received {
            self.pending.insert(seq, results);
        }
        while let Some(results) = self.pending.remove(&self.next) {
            self.next += 1;
            for result in results {
                self.in_flight -= 1;
                self.bytes -= self.sizes.pop_front().unwrap_or(0);
                emit(result.unwrap_or_else(panicked))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(jobs: usize, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let limits = Limits {
            jobs,
            window: 3,
            bytes: 10,
            batch: 2,
        };
        ordered::<usize, usize, ()>(
            limits,
            |sink| (0..n).try_for_each(&mut *sink),
            |&i| i % 7,
            |i| {
                // Later inputs finish first, so the pool really reorders.
                std::thread::sleep(Duration::from_micros(((n - i) * 50) as u64));
                assert!(i != 5, "worker panic");
                i * 2
            },
            || usize::MAX,
            &mut |r| {
                out.push(r);
                Ok(())
            },
        )
        .expect("no error");
        out
    }

    #[test]
    fn results_come_back_in_input_order_for_any_jobs() {
        let expected: Vec<usize> = (0..40)
            .map(|i| if i == 5 { usize::MAX } else { i * 2 })
            .collect();
        assert_eq!(run(1, 40), expected);
        assert_eq!(run(2, 40), expected);
        assert_eq!(run(4, 40), expected);
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let mut seen = 0;
        let got = ordered::<usize, usize, &str>(
            Limits::for_jobs(2),
            |sink| (0..100).try_for_each(&mut *sink),
            |_| 1,
            |i| i,
            || 0,
            &mut |_| {
                seen += 1;
                if seen == 3 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(got.err(), Some("closed"));
        assert_eq!(seen, 3);
    }
}
