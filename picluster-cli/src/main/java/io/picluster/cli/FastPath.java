package io.picluster.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the everyday {@code exec} and {@code run} command lines without picocli, whose start-up
 * (reflection over the annotated commands) is most of the launcher's own start-up time. It accepts a
 * strict subset of what picocli accepts and returns null for anything else (help, version, any
 * unusual spelling, anything wrong), so picocli stays the one authority for what it does not handle.
 */
final class FastPath {
  private FastPath() {}

  static LaunchRequest parse(String[] argv) {
    if (argv.length < 2 || !(argv[0].equals("exec") || argv[0].equals("run"))) {
      return null;
    }
    boolean exec = argv[0].equals("exec");
    int ranks = Runtime.getRuntime().availableProcessors();
    boolean ranksSeen = false;
    boolean tag = false;
    Map<String, String> env = new LinkedHashMap<>();
    int i = 1;
    while (i < argv.length && argv[i].startsWith("-")) {
      String a = argv[i];
      if ((a.equals("-n") || a.equals("-np") || a.equals("--np")) && !ranksSeen) {
        if (i + 1 >= argv.length || !argv[i + 1].matches("[0-9]{1,9}")) {
          return null;
        }
        ranks = Integer.parseInt(argv[i + 1]);
        ranksSeen = true;
        i += 2;
      } else if ((a.equals("-l") || a.equals("--tag-output")) && !tag) {
        tag = true;
        i++;
      } else if (exec && (a.equals("-genv") || a.equals("--genv"))) {
        if (i + 2 >= argv.length || argv[i + 1].startsWith("-") || argv[i + 2].startsWith("-")) {
          return null;
        }
        env.put(argv[i + 1], argv[i + 2]);
        i += 3;
      } else {
        return null;
      }
    }
    if (i >= argv.length || ranks < 1) {
      return null;
    }
    List<String> rest = Arrays.asList(argv).subList(i + 1, argv.length);
    if (!exec && (rest.contains("--help") || rest.contains("-h"))) {
      return null;
    }
    return new LaunchRequest(argv[0], ranks, tag, env, argv[i], rest);
  }
}
