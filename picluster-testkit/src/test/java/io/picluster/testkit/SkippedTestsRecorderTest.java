package io.picluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.picluster.testkit.SkippedTestsFile.Entry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The recorder counts what a real JUnit run skipped, per suite, with the reason given. */
class SkippedTestsRecorderTest {
  // Static nested classes: the build's own run never selects them, only the launcher below.

  static class SomeSkipped {
    @Test
    void runs() {}

    @Test
    void assumesSshd() {
      assumeTrue(false, "no sshd here");
    }

    @Test
    @Disabled("not today")
    void disabled() {}

    @Nested
    class Inner {
      @Test
      void alsoAssumes() {
        assumeTrue(false, "no\nmpicc");
      }
    }
  }

  static class AbortedBeforeAll {
    @BeforeAll
    static void up() {
      assumeTrue(false, "testbed skipped: the testbed must run as root");
    }

    @Test
    void a() {}

    @Test
    void b() {}

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void c(int i) {}
  }

  static class NoneSkipped {
    @Test
    void runs() {}
  }

  private static SkippedTestsRecorder run(Class<?>... classes) {
    SkippedTestsRecorder recorder = new SkippedTestsRecorder(null, null); // notes nowhere
    // No listeners from META-INF/services: the build's own recorder must not note these.
    Launcher launcher = LauncherFactory.create(
        LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    launcher.execute(request.build(), recorder);
    return recorder;
  }

  @Test
  void notesEachSuitesSkippedTestsWithTheFirstReason() {
    SkippedTestsRecorder r = run(SomeSkipped.class, AbortedBeforeAll.class, NoneSkipped.class);

    String module = Path.of("").toAbsolutePath().getFileName().toString();
    assertThat(r.noted()).containsOnlyKeys("SkippedTestsRecorderTest$SomeSkipped",
        "SkippedTestsRecorderTest$AbortedBeforeAll");
    Entry some = r.noted().get("SkippedTestsRecorderTest$SomeSkipped");
    assertThat(some.module()).isEqualTo(module);
    assertThat(some.tests()).isEqualTo(3);
    assertThat(some.reason().split("; "))
        .containsExactlyInAnyOrder("no sshd here", "not today", "no mpicc");
    // The class never started: its two tests and the parameterized one, not yet expanded.
    assertThat(r.noted().get("SkippedTestsRecorderTest$AbortedBeforeAll")).isEqualTo(new Entry(
        module, "SkippedTestsRecorderTest$AbortedBeforeAll", 3,
        "testbed skipped: the testbed must run as root"));
  }

  @Test
  void theNotesOfABuildAreReadBackAndOtherBuildsForgotten(@TempDir Path dir) throws Exception {
    SkippedTestsFile.write(dir, "old", run(SomeSkipped.class).noted().values());
    SkippedTestsFile.write(dir, "now", run(AbortedBeforeAll.class).noted().values());

    assertThat(SkippedTestsFile.read(dir, "now")).extracting(Entry::suite, Entry::tests)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            "SkippedTestsRecorderTest$AbortedBeforeAll", 3));
    SkippedTestsFile.forgetOtherBuilds(dir, "now");
    assertThat(dir.resolve("old")).doesNotExist();
    assertThat(SkippedTestsFile.read(dir, "now")).hasSize(1);
    assertThat(SkippedTestsFile.read(dir, "never")).isEmpty();
  }
}
