//! Long work on the page's only thread, cut into slices of time so the page gets its turn
//! (paints, input, the progress bar) between them.

use gloo::timers::future::TimeoutFuture;

use super::perf;

/// The time used since the page last had its turn, against a budget.
#[derive(Debug)]
pub struct Turns {
    budget_ms: f64,
    since: f64,
}

impl Turns {
    /// Starts counting now; [`Turns::give_if_due`] gives the page its turn once `budget_ms` has
    /// been used.
    pub fn new(budget_ms: f64) -> Turns {
        Turns {
            budget_ms,
            since: perf::now(),
        }
    }

    /// Whether this slice has used its budget.
    pub fn due(&self) -> bool {
        perf::now() - self.since >= self.budget_ms
    }

    /// Gives the page its turn (a task of its own, after which the page may paint) and starts a
    /// new slice.
    pub async fn give(&mut self) {
        TimeoutFuture::new(0).await;
        self.since = perf::now();
    }

    /// Gives the page its turn if this slice has used its budget.
    pub async fn give_if_due(&mut self) {
        if self.due() {
            self.give().await;
        }
    }
}
