//! The fast path against the exact one: the same answer, or a hand-over.
