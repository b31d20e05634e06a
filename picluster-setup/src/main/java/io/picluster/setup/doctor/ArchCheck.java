package io.picluster.setup.doctor;

import io.picluster.launch.openmpi.NativeFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Check {@code arch}: each node's architecture ({@link NodeArch}), and whether this picluster
 * carries its native files for Open MPI ranks (libpicluster-pmi.so for Open MPI 4, picluster-pmix for
 * Open MPI 5) for it. A jar built without a cross compiler leaves that architecture out, and a node
 * of it would fail only when an Open MPI program runs there; this says so before.
 */
public final class ArchCheck {
  public static final String NAME = "arch";

  private ArchCheck() {}

  /**
   * @param carried whether this picluster carries the native files for an architecture ({@link
   *     NativeFile#carries} in doctor)
   */
  public static List<Check> check(List<NodeFacts> facts, Predicate<String> carried) {
    List<Check> checks = new ArrayList<>();
    for (NodeFacts f : facts) {
      NodeArch a = f.arch();
      if (!f.answered() || a == null) {
        continue; // no java there: the versions check says so
      }
      String s = f.node().name();
      if (a.arch() == null) {
        String machine = a.machine() == null ? "an architecture" : a.machine();
        checks.add(Check.warn(NAME, s, machine + " (" + a.from() + "): Open MPI programs run"
            + " under picluster on amd64, arm64 and armhf only",
            "run MPICH programs or Java jobs there"));
      } else if (carried.test(a.arch())) {
        checks.add(Check.ok(NAME, s, a.arch() + " (" + a.from() + "): this picluster has its"
            + " Open MPI files for it"));
      } else {
        checks.add(Check.fail(NAME, s, a.arch() + " (" + a.from() + "), and this picluster.jar has"
            + " no libpicluster-pmi.so or picluster-pmix for " + a.arch() + ": Open MPI programs"
            + " would fail there", NativeFile.howToBuild(a.arch())));
      }
    }
    return checks;
  }
}
