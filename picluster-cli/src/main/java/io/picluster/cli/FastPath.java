package io.picluster.cli;

import io.picluster.launch.DecimalDigits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the everyday {@code exec}, {@code run} and {@code java} command lines without picocli,
 * whose start-up (reflection over the annotated commands) is most of the launcher's own start-up
 * time. It accepts a strict subset of what picocli accepts and returns null for anything else
 * (help, version, any unusual spelling, anything wrong), so picocli stays the one authority for
 * what it does not handle.
 */
final class FastPath {
  private FastPath() {}

  static LaunchRequest parse(String[] argv) {
    if (argv.length < 2 || !List.of("exec", "run", "java").contains(argv[0])) {
      return null;
    }
    boolean exec = argv[0].equals("exec");
    boolean java = argv[0].equals("java");
    Integer ranks = null;
    String hosts = null;
    String hostfile = null;
    Integer perHost = null;
    List<String> stage = new ArrayList<>();
    String cluster = null;
    boolean tag = false;
    Boolean threads = null;
    Map<String, String> env = new LinkedHashMap<>();
    String classpath = null;
    String workDir = null;
    String device = null;
    int i = 1;
    while (i < argv.length && argv[i].startsWith("-")) {
      String a = argv[i];
      String value = i + 1 < argv.length ? argv[i + 1] : null;
      if ((a.equals("-n") || a.equals("-np") || a.equals("--np")) && ranks == null) {
        if (!smallCount(value)) {
          return null;
        }
        ranks = Integer.parseInt(value);
        i += 2;
      } else if (HOSTS.contains(a) && hosts == null && plain(value)) {
        hosts = value;
        i += 2;
      } else if (HOSTFILE.contains(a) && hostfile == null && plain(value)) {
        hostfile = value;
        i += 2;
      } else if ((a.equals("-ppn") || a.equals("--ppn")) && perHost == null) {
        if (!smallCount(value)) {
          return null;
        }
        perHost = Integer.parseInt(value);
        i += 2;
      } else if (a.equals("--cluster") && cluster == null && plain(value)) {
        cluster = value;
        i += 2;
      } else if (a.equals("--stage") && plain(value)) {
        stage.add(value);
        i += 2;
      } else if (!java && (a.equals("--threads") || a.equals("--processes")) && threads == null) {
        threads = a.equals("--threads");
        i++;
      } else if ((a.equals("-l") || a.equals("--tag-output")) && !tag) {
        tag = true;
        i++;
      } else if ((exec || java) && (a.equals("-genv") || a.equals("--genv"))) {
        if (i + 2 >= argv.length || argv[i + 1].startsWith("-") || argv[i + 2].startsWith("-")) {
          return null;
        }
        env.put(argv[i + 1], argv[i + 2]);
        i += 3;
      } else if (java && CLASSPATH.contains(a) && classpath == null && plain(value)) {
        classpath = value;
        i += 2;
      } else if (java && a.equals("-wdir") && workDir == null && plain(value)) {
        workDir = value;
        i += 2;
      } else if (java && a.equals("-dev") && device == null && plain(value)) {
        device = value;
        i += 2;
      } else if (java && !HEAD_OPTIONS.contains(a)) {
        break; // a JVM option or -jar: the program's part of the line begins
      } else {
        return null;
      }
    }
    if (i >= argv.length || (ranks != null && ranks < 1)) {
      return null;
    }
    HostOptions hostOptions = new HostOptions(hosts, hostfile, perHost, stage, cluster);
    if (java) {
      List<String> rest = Arrays.asList(argv).subList(i, argv.length);
      try {
        return LaunchRequest.java(ranks, tag, env, hostOptions,
            JavaProgram.parse(rest, classpath, workDir, device));
      } catch (UsageError e) {
        return null; // picocli says what is wrong
      }
    }
    List<String> rest = Arrays.asList(argv).subList(i + 1, argv.length);
    if (!exec && (rest.contains("--help") || rest.contains("-h"))) {
      return null;
    }
    return new LaunchRequest(argv[0], ranks, tag, env, argv[i], rest, hostOptions, null, threads);
  }

  private static final List<String> HOSTS = List.of("--hosts", "-hosts", "--host", "-host", "-H");
  private static final List<String> HOSTFILE =
      List.of("-f", "--hostfile", "-hostfile", "--machinefile", "-machinefile", "-machinesfile");
  private static final List<String> CLASSPATH = List.of("-cp", "-classpath", "--class-path");
  /** picocli's options of {@code java}: one of these not handled above is left to picocli. */
  private static final List<String> HEAD_OPTIONS = List.of("-n", "-np", "--np", "--hosts",
      "-hosts", "--host", "-host", "-H", "-f", "--hostfile", "-hostfile", "--machinefile",
      "-machinefile", "-machinesfile", "-ppn", "--ppn", "--cluster", "--stage", "-l",
      "--tag-output", "-genv", "--genv", "-cp", "-classpath", "--class-path", "-wdir", "-dev",
      "--iface", "--network", "-h", "--help", "-V", "--version");

  /** An option value picocli would take as such (not another option). */
  private static boolean plain(String value) {
    return value != null && !value.startsWith("-");
  }

  /**
   * 1 to 9 decimal digits: a count the fast path can take as it is (Integer.parseInt's other forms
   * go to picocli).
   */
  private static boolean smallCount(String value) {
    return DecimalDigits.oneToNine(value);
  }
}
