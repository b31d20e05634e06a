package io.picluster.launch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdkPackagesTest {
  @Test
  void theJdkModulesPackagesAreTheParents() {
    assertThat(JdkPackages.has("java.lang.String")).isTrue();
    assertThat(JdkPackages.has("java.util.concurrent.locks.Lock")).isTrue();
    assertThat(JdkPackages.has("java.sql.Connection")).isTrue(); // the platform loader's own module
    assertThat(JdkPackages.has("sun.misc.Unsafe")).isTrue();
  }

  @Test
  void everyOtherClassIsLookedForOnTheRanksClassPathFirst() {
    assertThat(JdkPackages.has("io.picluster.jobs.JobMain")).isFalse();
    assertThat(JdkPackages.has("Hello")).isFalse(); // the unnamed package
    assertThat(JdkPackages.has("java.util")).isFalse(); // a class "util" in package "java"
    assertThat(JdkPackages.has("java.util.concurrent.locks.sub.Lock")).isFalse();
  }
}
