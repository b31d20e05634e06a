package io.picluster.cli;

/**
 * The job could not be prepared (the program did not compile, a file could not be packed): not a
 * mistake in the command line, so exit code 1, with this one-line message.
 */
final class NotStarted extends RuntimeException {
  NotStarted(String message) {
    super(message, null, false, false);
  }
}
