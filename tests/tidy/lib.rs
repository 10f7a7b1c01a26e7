//! Empty library target: this package exists only for its `tidy` integration test.
