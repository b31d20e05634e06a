package io.picluster.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fuzz test class in this JVM (Jazzer fuzzes one test per JVM): bin/fuzz starts one per
 * target, with JAZZER_FUZZ set and libFuzzer's flags as {@code jazzer.internal.arg.N} properties.
 * Exit status 0 when it passed, 1 when it failed (a finding), 2 for a bad command line.
 */
public final class FuzzOne {
  private FuzzOne() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: FuzzOne FUZZ_TEST_CLASS");
      System.exit(2);
    }
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0])).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);
    TestExecutionSummary s = summary.getSummary();
    s.printFailuresTo(new PrintWriter(System.err, true), 20);
    if (s.getTestsFoundCount() == 0) {
      System.err.println("FuzzOne: no fuzz test in " + args[0]);
      System.exit(2);
    }
    System.exit(s.getTotalFailureCount() == 0 ? 0 : 1);
  }
}
