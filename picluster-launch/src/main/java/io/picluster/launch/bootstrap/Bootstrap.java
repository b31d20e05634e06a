package io.picluster.launch.bootstrap;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How rank processes get started (Hydra's bootstrap servers: fork, ssh, ...). Each rank runs in its
 * own process group so that the whole tree of a rank can be signalled at once.
 */
public interface Bootstrap {
  /**
   * Starts one rank. Its stdout and stderr are pipes to read; its process-group id equals the pid of
   * the returned process.
   *
   * @param env the rank's complete environment
   */
  Process start(List<String> command, Map<String, String> env, Path workDir, Redirect stdin)
      throws IOException;

  /** The name of the host ranks started by this bootstrap run on, for messages. */
  String host();
}
