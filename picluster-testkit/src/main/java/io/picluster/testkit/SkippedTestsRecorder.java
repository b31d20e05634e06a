package io.picluster.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Notes, in every test JVM of the build, the tests that were skipped (disabled, or a failed
 * assumption such as "testbed skipped: the testbed must run as root"), per suite, so that the
 * build's last step ({@link SkippedTestsReport}) can say once which suites did not run and how
 * to run them. Registered through META-INF/services; writes only where the build asks it to
 * (system property {@value SkippedTestsFile#DIR_PROPERTY}).
 */
public final class SkippedTestsRecorder implements TestExecutionListener {
  /** At most this many different reasons per suite are kept. */
  private static final int REASONS = 3;

  private final String dir;
  private final String build;
  private TestPlan plan;
  /** Per suite (test class): how many tests, and the reasons given. */
  private final Map<String, SkippedTestsFile.Entry> skipped = new LinkedHashMap<>();

  /** As the build runs it: notes where the system properties say, if they are set. */
  public SkippedTestsRecorder() {
    this(System.getProperty(SkippedTestsFile.DIR_PROPERTY),
        System.getProperty(SkippedTestsFile.BUILD_PROPERTY, ""));
  }

  /** Notes in DIR under BUILD at the end; nowhere if DIR is null. */
  SkippedTestsRecorder(String dir, String build) {
    this.dir = dir;
    this.build = build;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    note(id, reason);
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      note(id, result.getThrowable().map(Throwable::getMessage).orElse(null));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (dir == null || skipped.isEmpty()) {
      return;
    }
    try {
      SkippedTestsFile.write(Path.of(dir), build, skipped.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot note the skipped tests in " + dir, e);
    }
  }

  /** The tests under ID (those not started because ID was skipped or aborted), by suite. */
  private void note(TestIdentifier id, String reason) {
    if (plan == null) {
      return;
    }
    int tests = leaves(id);
    String suite = suite(id);
    String why = reason == null || reason.isBlank() ? "no reason given"
        : oneLine(reason).replaceFirst("^Assumption failed: ", "");
    skipped.merge(suite, new SkippedTestsFile.Entry(module(), suite, tests, why),
        SkippedTestsRecorder::add);
  }

  /** Both counts, and the reasons of both (each once, at most {@value #REASONS}). */
  static SkippedTestsFile.Entry add(SkippedTestsFile.Entry a, SkippedTestsFile.Entry b) {
    List<String> reasons = new ArrayList<>(List.of(a.reason().split("; ")));
    for (String r : b.reason().split("; ")) {
      if (!reasons.contains(r) && reasons.size() < REASONS) {
        reasons.add(r);
      }
    }
    return new SkippedTestsFile.Entry(a.module(), a.suite(), a.tests() + b.tests(),
        String.join("; ", reasons));
  }

  /** ID itself if it has nothing under it (a test, or a parameterized test not yet expanded). */
  private int leaves(TestIdentifier id) {
    if (plan.getChildren(id).isEmpty()) {
      return 1;
    }
    int n = 0;
    for (TestIdentifier child : plan.getChildren(id)) {
      n += leaves(child);
    }
    return n;
  }

  /** The outermost test class ID belongs to, by its simple name; else ID's display name. */
  private String suite(TestIdentifier id) {
    String name = null;
    for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
      if (at.get().getSource().orElse(null) instanceof ClassSource c) {
        name = c.getClassName();
      }
    }
    if (name == null) {
      return id.getDisplayName();
    }
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String module() {
    Path dir = Path.of("").toAbsolutePath().getFileName();
    return dir == null ? "" : dir.toString();
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\R\\s*", " ").replace('\t', ' ').replace("; ", ", ");
  }

  /** For tests: what was noted so far. */
  Map<String, SkippedTestsFile.Entry> noted() {
    return skipped;
  }
}
