//! The integration tests of gongpei-design: one binary, one module per design question.

mod cold;
mod cover;
mod frequency;
mod report;
mod site;
mod two_towns;
