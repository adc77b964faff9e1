//! An ordered parallel map over a stream: inputs are fed one at a time, worked on by a rayon
//! pool, and handed back strictly in input order. At most a window of inputs is in flight
//! (spawned but not yet handed back), so memory is bounded by the jobs, not by the stream.
//! Knows nothing about documents or rules.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How much work may be in flight at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Worker threads; 1 runs everything on the calling thread.
    pub jobs: usize,
    /// Inputs spawned but not yet handed back, at most.
    pub window: usize,
    /// Their total size (as `size` measures it), at most; one input always fits.
    pub bytes: usize,
}

impl Limits {
    /// A window of a few inputs per job keeps every worker busy while the calling thread
    /// reads and writes, and the byte cap bounds memory when documents are large.
    pub fn for_jobs(jobs: usize) -> Limits {
        let jobs = jobs.max(1);
        Limits {
            jobs,
            window: jobs * 8,
            bytes: 64 << 20,
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

    let shared = Shared {
        state: Mutex::new(Done {
            results: BTreeMap::new(),
            ready_end: 0,
            wanted: usize::MAX,
        }),
        ready: Condvar::new(),
    };
    let (shared, work) = (&shared, &work);
    pool.in_place_scope_fifo(|scope| {
        let mut order = Reorder {
            sizes: std::collections::VecDeque::new(),
            next: 0,
            spawned: 0,
            bytes: 0,
            stats: Stats::default(),
        };
        feed(&mut |input| {
            let n = size(&input);
            while order.in_flight() > 0
                && (order.in_flight() >= limits.window || order.bytes + n > limits.bytes)
            {
                // A full window waits for half of it at once rather than for each
                // result: the workers wake this thread once per batch of results, not
                // per document, and still have the other half to work on. Over the byte
                // cap it waits for one result, so that no worker idles behind a large one.
                let count = if order.in_flight() >= limits.window {
                    (limits.window / 2).max(1)
                } else {
                    1
                };
                order.receive(shared, count.min(order.in_flight()), &panicked, emit)?;
            }
            let seq = order.spawned;
            order.spawned += 1;
            order.bytes += n;
            order.sizes.push_back(n);
            scope.spawn_fifo(move |_| {
                let result = catch_unwind(AssertUnwindSafe(|| work(input))).ok();
                shared.finished(seq, result);
            });
            Ok(())
        })?;
        while order.in_flight() > 0 {
            order.receive(shared, 1, &panicked, emit)?;
        }
        Ok(order.stats)
    })
}

/// The results the workers hand back, shared with the calling thread.
struct Shared<R> {
    state: Mutex<Done<R>>,
    /// Signalled when the results ready in order reach what the calling thread waits for.
    ready: Condvar,
}

/// Finished work that the calling thread has not taken yet.
struct Done<R> {
    /// By sequence number; `None` for work that panicked.
    results: BTreeMap<usize, Option<R>>,
    /// The first sequence number, from the next one to hand back, that is not finished: the
    /// results before it can be handed back in order.
    ready_end: usize,
    /// The `ready_end` the calling thread waits for (`usize::MAX` when it is not waiting).
    wanted: usize,
}

impl<R> Shared<R> {
    /// A worker's result for input `seq`. Wakes the calling thread only when the results
    /// ready in order reach what it waits for.
    fn finished(&self, seq: usize, result: Option<R>) {
        // A worker that panicked while holding the lock cannot have left the map half
        // updated (inserts do not unwind part way), so a poisoned lock is still usable.
        let mut done = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        done.results.insert(seq, result);
        while done.results.contains_key(&done.ready_end) {
            done.ready_end += 1;
        }
        if done.ready_end >= done.wanted {
            done.wanted = usize::MAX;
            self.ready.notify_one();
        }
    }
}

/// The calling thread's account of the work in flight.
struct Reorder {
    /// Sizes of the inputs in flight, oldest first.
    sizes: std::collections::VecDeque<usize>,
    /// The next sequence number to hand back.
    next: usize,
    spawned: usize,
    bytes: usize,
    stats: Stats,
}

impl Reorder {
    fn in_flight(&self) -> usize {
        self.spawned - self.next
    }

    /// Waits until the next `count` results (at least one) are finished, then hands back
    /// every result that is ready in order.
    fn receive<R, E>(
        &mut self,
        shared: &Shared<R>,
        count: usize,
        panicked: &impl Fn() -> R,
        emit: &mut dyn FnMut(R) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = Instant::now();
        let ready: Vec<Option<R>> = {
            let mut done = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
            let wanted = self.next + count.max(1);
            while done.ready_end < wanted {
                done.wanted = wanted;
                done = shared
                    .ready
                    .wait(done)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            let ready_end = done.ready_end;
            let later = done.results.split_off(&ready_end);
            std::mem::replace(&mut done.results, later)
                .into_values()
                .collect()
        };
        self.stats.idle += start.elapsed();
        for result in ready {
            self.next += 1;
            self.bytes -= self.sizes.pop_front().unwrap_or(0);
            emit(result.unwrap_or_else(panicked))?;
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
