package io.picluster.setup.doctor;

import io.picluster.launch.detect.MpiLibrary;
import io.picluster.launch.detect.OpenMpiAdvice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Check {@code mpi} ({@code --program PATH}): which MPI the program uses on every node, as {@code
 * picluster exec} finds it before a launch. Open MPI 4 runs (through picluster's PMI-1 library), Open
 * MPI 5 cannot run under picluster with more than one rank, a library the loader cannot find fails at the start, and nodes on different MPIs, or on
 * different builds of one (libmpich.so.12.2.0 here, .12.3.1 there), do not make one job.
 */
public final class MpiCheck {
  public static final String NAME = "mpi";
  /** The subject of the one line comparing all nodes. */
  static final String ALL = "all nodes";

  private MpiCheck() {}

  public static List<Check> check(DoctorScope scope, List<NodeFacts> facts) {
    List<Check> checks = new ArrayList<>();
    if (scope.program().isEmpty()) {
      return checks;
    }
    String path = scope.program().get().path();
    Map<String, String> builds = new LinkedHashMap<>(); // node -> "MPICH libmpich.so.12.2.0"
    for (NodeFacts f : facts) {
      ProgramMpi m = f.programMpi();
      if (!f.answered() || m == null) {
        continue;
      }
      String s = f.node().name();
      MpiLibrary lib = m.use().library();
      if (lib.isMpi()) {
        builds.put(s, lib.label() + " " + m.build());
      }
      if ("missing".equals(m.build())) {
        checks.add(Check.fail(NAME, s, path + " needs " + m.use().soname() + ", which is not installed there",
            lib == MpiLibrary.MPICH ? "apt-get install mpich there" : "install the MPI it was built with there"));
      } else if (OpenMpiAdvice.runs(lib)) {
        checks.add(Check.ok(NAME, s, path + " uses " + lib.label() + " (" + m.build() + "), which joins"
            + (lib == MpiLibrary.OPEN_MPI_5
                ? " picluster's jobs through a PMIx server per node (Open MPI's libpmix.so.2)"
                : " picluster's jobs through its PMI-1 library")));
      } else if (lib.isOpenMpi()) {
        checks.add(Check.fail(NAME, s, path + " uses " + m.use().describe() + ", " + OpenMpiAdvice.why(lib)
            + ", so with more than one rank each would run alone", OpenMpiAdvice.fix(m.use())));
      } else if (lib == MpiLibrary.MPICH) {
        checks.add(Check.ok(NAME, s, path + " uses MPICH (" + m.build() + ")"));
      } else if (lib == MpiLibrary.NONE) {
        checks.add(Check.ok(NAME, s, path + " uses no MPI library"));
      } else if (m.use().why() != null && m.use().why().contains("finds no mpi4py")) {
        checks.add(Check.fail(NAME, s, path + " imports mpi4py, but " + m.use().why(),
            "install an MPICH build of mpi4py there (see 'picluster exec' of it for how)"));
      } else {
        checks.add(Check.ok(NAME, s, "cannot tell which MPI " + path + " uses there: " + m.use().why()));
      }
    }
    if (builds.values().stream().distinct().count() > 1) {
      String each = builds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
      checks.add(Check.fail(NAME, ALL, "the nodes have different MPI builds for " + path + ": " + each,
          "install the same MPI, from the same release, on every node (the ranks of one job must agree)"));
    }
    return checks;
  }
}
