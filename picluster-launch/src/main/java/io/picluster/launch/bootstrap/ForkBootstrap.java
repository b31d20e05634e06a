package io.picluster.launch.bootstrap;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts processes on this machine as {@code setsid PROGRAM ARGS...}, each in its own process
 * group, so that the whole tree of a rank can be signalled at once. A JVM's child is not a group
 * leader, so setsid(1) calls setsid(2) and execs in place: the pid we get is the rank's pid and its
 * new session's (and process group's) id.
 */
public final class ForkBootstrap implements Bootstrap {
  private static final String SETSID = findSetsid();

  @Override
  public String name() {
    return "fork";
  }

  @Override
  public boolean sharesFiles() {
    return true;
  }

  /** HOST is this machine, whatever its name; ENV is the process's complete environment. */
  @Override
  public Process launch(String host, List<String> command, Map<String, String> env, Path workDir,
      Redirect stdin) throws IOException {
    List<String> argv = new ArrayList<>(command.size() + 1);
    argv.add(SETSID);
    argv.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(argv);
    Map<String, String> e = pb.environment();
    e.clear();
    e.putAll(env);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.redirectInput(stdin);
    return pb.start();
  }

  @Override
  public void close() {
    // nothing held: the processes are their owners' to end
  }

  private static String findSetsid() {
    for (String p : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return "setsid";
  }
}
