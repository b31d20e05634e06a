package io.picluster.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code pid RANK PID} lines rank programs print, read from captured output. */
final class RankPids {
  private static final Pattern LINE = Pattern.compile("(?m)^pid (\\d+) (\\d+)$");

  private RankPids() {}

  static Map<Integer, Long> in(String output) {
    Map<Integer, Long> pids = new TreeMap<>();
    Matcher m = LINE.matcher(output);
    while (m.find()) {
      pids.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    return pids;
  }

  static boolean anyAlive(Map<Integer, Long> pids) {
    return pids.values().stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }
}
