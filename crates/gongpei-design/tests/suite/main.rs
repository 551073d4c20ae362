//! Integration tests of gongpei-design, one binary (see docs/ARCHITECTURE.md).

mod cold;
