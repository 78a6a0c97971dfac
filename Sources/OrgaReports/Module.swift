// placeholder module file; see docs/ARCHITECTURE.md
