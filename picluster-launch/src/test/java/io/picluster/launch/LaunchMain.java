package io.picluster.launch;

import java.util.Arrays;
import java.util.List;

/** The launcher as its own process, for tests that signal it: {@code LaunchMain N PROGRAM ARGS...}. */
public final class LaunchMain {
  private LaunchMain() {}

  public static void main(String[] args) {
    List<String> command = Arrays.asList(args).subList(1, args.length);
    System.exit(new Launcher().run(JobSpec.of(Integer.parseInt(args[0]), command)));
  }
}
