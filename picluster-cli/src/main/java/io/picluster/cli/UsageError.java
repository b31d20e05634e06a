package io.picluster.cli;

/** Bad input found after parsing (no such program, bad job arguments): one line, exit 2. */
final class UsageError extends RuntimeException {
  UsageError(String message) {
    super(message, null, false, false);
  }
}
