package io.picluster.setup.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything doctor found: one line per check and node (or directed pair), columns aligned, each
 * fault with its fix, then a summary. Exit code 0 when nothing FAILed, 1 otherwise.
 *
 * <pre>
 * OK    ssh       node1           BatchMode login as pi@10.0.0.1 works
 * FAIL  names     node3           node3 resolves to 127.0.1.1 (loopback) on node3 (...)  -> fix: ...
 * FAIL  ports     node1 -> node3  cannot connect from 10.0.0.1 to 10.0.0.3:40125 ...  -> fix: ...
 * doctor: 4 nodes, 31 checks: 29 OK, 0 WARN, 2 FAIL
 * </pre>
 *
 * @param nodes how many nodes were examined
 * @param checks the checks, in the order they are printed
 * @param unreachable the nodes ssh could not log in to, which were checked for nothing else
 */
public record DoctorReport(int nodes, List<Check> checks, List<String> unreachable) {
  public DoctorReport {
    checks = List.copyOf(checks);
    unreachable = List.copyOf(unreachable);
  }

  public long count(Verdict v) {
    return checks.stream().filter(c -> c.verdict() == v).count();
  }

  public boolean failed() {
    return count(Verdict.FAIL) > 0;
  }

  /** 0 if no check failed, else 1. */
  public int exitCode() {
    return failed() ? 1 : 0;
  }

  /** The lines, and the summary; with {@code problemsOnly}, WARN and FAIL lines only. */
  public String render(boolean problemsOnly) {
    List<Check> shown = new ArrayList<>();
    for (Check c : checks) {
      if (!problemsOnly || c.verdict() != Verdict.OK) {
        shown.add(c);
      }
    }
    int nameWidth = 0;
    int subjectWidth = 0;
    for (Check c : shown) {
      nameWidth = Math.max(nameWidth, c.name().length());
      subjectWidth = Math.max(subjectWidth, c.subject().length());
    }
    StringBuilder b = new StringBuilder();
    for (Check c : shown) {
      b.append(pad(c.verdict().name(), 4)).append("  ")
          .append(pad(c.name(), nameWidth)).append("  ")
          .append(pad(c.subject(), subjectWidth)).append("  ")
          .append(c.finding());
      if (c.fix() != null) {
        b.append("  -> fix: ").append(c.fix());
      }
      b.append('\n');
    }
    b.append(summary()).append('\n');
    return b.toString();
  }

  /** {@code doctor: 4 nodes, 31 checks: 29 OK, 1 WARN, 1 FAIL; node3 ...}. */
  public String summary() {
    StringBuilder b = new StringBuilder("doctor: ").append(nodes)
        .append(nodes == 1 ? " node, " : " nodes, ").append(checks.size())
        .append(checks.size() == 1 ? " check: " : " checks: ")
        .append(count(Verdict.OK)).append(" OK, ")
        .append(count(Verdict.WARN)).append(" WARN, ")
        .append(count(Verdict.FAIL)).append(" FAIL");
    if (!unreachable.isEmpty()) {
      b.append("; ").append(String.join(", ", unreachable))
          .append(unreachable.size() == 1 ? " was" : " were")
          .append(" checked for ssh only (no login)");
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
