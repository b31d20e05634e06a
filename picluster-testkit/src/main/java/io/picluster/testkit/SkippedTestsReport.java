package io.picluster.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last step of {@code mvn verify}: says once which suites were skipped in this build, and the
 * one command that installs what they need. Run by the picluster-test-report module with the
 * notes' folder and the build's id.
 */
public final class SkippedTestsReport {
  /**
   * What the skipped suites need besides root: the namespace testbed (sshd, ip, unshare, nsenter,
   * setpriv, flock, ss, useradd), MPICH's mpiexec and mpicc, the network stacks whose own parsers
   * check what 'picluster net' writes, nftables for the doctor's blocked-port case, python3 for
   * the PMI test ranks, Open MPI and Debian's mpi4py for the MPI detection, Slurm and munge for
   * the Slurm testbed, sudo for 'picluster slurm' on the testbed. .ci/run installs the
   * same (SkippedTestsReportTest checks it, and that the README gives this line).
   */
  public static final String INSTALL = "apt-get install --no-install-recommends openssh-server"
      + " openssh-client iproute2 util-linux procps python3 mpich libmpich-dev network-manager"
      + " netplan.io dhcpcd-base nftables openmpi-bin libopenmpi-dev python3-mpi4py"
      + " slurmctld slurmd slurm-client munge sudo";

  private SkippedTestsReport() {}

  /** Arguments: the notes' folder and this build's id. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SkippedTestsReport NOTES-FOLDER BUILD-ID");
    }
    Path dir = Path.of(args[0]);
    List<SkippedTestsFile.Entry> entries = SkippedTestsFile.read(dir, args[1]);
    print(entries, System.out);
    SkippedTestsFile.forgetOtherBuilds(dir, args[1]);
  }

  static void print(List<SkippedTestsFile.Entry> entries, PrintStream out) {
    Map<String, SkippedTestsFile.Entry> bySuite = new LinkedHashMap<>();
    for (SkippedTestsFile.Entry e : entries) {
      bySuite.merge(e.module() + "/" + e.suite(), e, SkippedTestsRecorder::add);
    }
    if (bySuite.isEmpty()) {
      out.println("picluster: no test was skipped.");
      return;
    }
    int tests = 0;
    int names = 0;
    int counts = 0;
    for (Map.Entry<String, SkippedTestsFile.Entry> e : bySuite.entrySet()) {
      tests += e.getValue().tests();
      names = Math.max(names, e.getKey().length());
      counts = Math.max(counts, Integer.toString(e.getValue().tests()).length());
    }
    out.println("picluster: " + tests + (tests == 1 ? " test was" : " tests were") + " skipped, in "
        + bySuite.size() + (bySuite.size() == 1 ? " suite:" : " suites:"));
    for (Map.Entry<String, SkippedTestsFile.Entry> e : bySuite.entrySet()) {
      out.println(String.format(Locale.ROOT, "  %-" + names + "s %" + counts + "d  %s", e.getKey(),
          e.getValue().tests(), e.getValue().reason()));
    }
    out.println("They need root and packages this machine may lack. To run them too, as root:");
    out.println("  " + INSTALL);
    out.println("and then mvn -B verify again.");
  }
}
