//! End-to-end tests of the release build in Debian's Chromium (one test binary, one module per
//! area), and the main workflows again in Debian's Firefox ESR (`firefox`, whose tests' names
//! start with `firefox::`). Run through `scripts/test.sh`, which builds `dist/` first.

mod accessibility;
mod bad_input;
mod catalogue_editor;
mod country;
mod crash_safety;
mod cycle;
mod cycle_conflicts;
mod documents;
mod evidence;
mod evidence_buttons;
mod evidence_longest_side;
mod evidence_province;
mod firefox;
mod foundation;
mod keys;
mod no_leaks;
mod preload;
mod province;
mod split;
mod storage_pressure;
mod two_tabs;
mod ward;
mod years;
