package io.picluster.setup.doctor;

/** How one check came out. The order is the severity: a report's worst verdict decides its exit. */
public enum Verdict {
  /** Nothing wrong. */
  OK,
  /** Not wrong yet, or could not be checked: worth a look, does not fail the doctor. */
  WARN,
  /** A fault that breaks or distorts jobs; printed with its fix, and doctor exits 1. */
  FAIL
}
