//! gongpei-scenario: see docs/ARCHITECTURE.md (under construction).
