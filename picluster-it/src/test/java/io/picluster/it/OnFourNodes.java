package io.picluster.it;

import io.picluster.it.testbed.Testbed;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * What the tests of jobs across the testbed's four nodes share: the testbed, up once per test
 * class (a test that breaks it for good may put a fresh one in {@link #testbed}), and the packaged
 * launcher, run as {@link #USER} on node1.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class OnFourNodes {
  static final String USER = Testbed.USER;
  static final int NODES = 4;
  /** Every node, for {@code --hosts}. */
  static final String HOSTS = Testbed.addresses(NODES);

  Testbed testbed;
  Path jar;

  @BeforeAll
  void upFourNodes() {
    Testbed.assumeUsable();
    jar = ExamplesProject.launcherJar();
    testbed = Testbed.up(NODES);
  }

  @AfterAll
  void downFourNodes() {
    if (testbed != null) {
      testbed.close();
    }
  }
}
