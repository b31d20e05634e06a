package io.picluster.setup.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Check 4 ({@code --program PATH}): the program is at the same absolute path on every node, with
 * the same content (SHA-256) as this machine's copy, and executable where this one is. A rank
 * started where it is missing fails with "file not found"; an old copy computes something else.
 */
public final class ProgramCheck {
  public static final String NAME = "program";

  private ProgramCheck() {}

  /** One line per node that answered; none without a program. */
  public static List<Check> check(DoctorScope scope, List<NodeFacts> facts) {
    List<Check> checks = new ArrayList<>();
    if (scope.program().isEmpty()) {
      return checks;
    }
    ProgramFile p = scope.program().get();
    for (NodeFacts f : facts) {
      if (!f.answered()) {
        continue;
      }
      String s = f.node().name();
      String copy = "copy it there: picluster copy " + p.path() + " --hosts " + f.node().address()
          + " (puts it at the same path, with its mode)";
      String state = f.program() == null ? "missing" : f.program();
      switch (state) {
        case "missing" -> checks.add(Check.fail(NAME, s, p.path() + " is not there", copy));
        case "notfile" -> checks.add(Check.fail(NAME, s, p.path() + " is not a file there",
            "move what is there away, then " + copy));
        case "unreadable" -> checks.add(Check.fail(NAME, s, p.path() + " cannot be read by "
            + f.node().user() + " there", "chmod a+r " + p.path() + " there, or " + copy));
        case "nosha" -> checks.add(Check.warn(NAME, s, "cannot compare " + p.path() + ": there is"
            + " no sha256sum there", "install coreutils there"));
        default -> {
          if (!p.sha256().equals(f.programSha256())) {
            String theirs = f.programSha256() == null ? "?" : f.programSha256().substring(0, 8);
            checks.add(Check.fail(NAME, s, p.path() + " differs from this machine's (SHA-256 "
                + theirs + " there, " + p.shortSha() + " here)", copy));
          } else if (p.executable() && !f.programExecutable()) {
            checks.add(Check.fail(NAME, s, p.path() + " is there but not executable",
                "chmod +x " + p.path() + " there, or " + copy));
          } else {
            checks.add(Check.ok(NAME, s, p.path() + " is there, the same as here (SHA-256 "
                + p.shortSha() + ")"));
          }
        }
      }
    }
    return checks;
  }
}
