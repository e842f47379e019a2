//! End-to-end tests of the release build in Debian's Chromium (one test binary, one module per
//! area). Run through `scripts/test.sh`, which builds `dist/` first.

mod bad_input;
mod crash_safety;
mod documents;
mod foundation;
mod keys;
mod no_leaks;
mod province;
mod split;
mod storage_pressure;
mod two_tabs;
mod ward;
