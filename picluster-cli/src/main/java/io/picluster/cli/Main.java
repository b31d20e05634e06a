package io.picluster.cli;

/** Placeholder entry point until the command line is written. */
public final class Main {
  public static void main(String[] args) {
    throw new UnsupportedOperationException("cli");
  }
}
