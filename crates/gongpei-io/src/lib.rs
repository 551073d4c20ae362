//! gongpei-io: see docs/ARCHITECTURE.md (under construction).
