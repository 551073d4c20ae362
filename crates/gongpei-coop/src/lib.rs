//! gongpei-coop: see docs/ARCHITECTURE.md (under construction).
