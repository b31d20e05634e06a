package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the key scripts here with {@code sh -c}, with HOME set to a test folder. */
final class ScriptRunner {
  private ScriptRunner() {}

  static NodeShell.Result run(Node node, Path home, String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "picluster"));
    command.addAll(args);
    try {
      Path out = Files.createTempFile("script", ".out");
      Path err = Files.createTempFile("script", ".err");
      try {
        ProcessBuilder b = new ProcessBuilder(command)
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        b.environment().put("HOME", home.toString());
        Process p = b.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("script did not end: " + script);
        }
        return new NodeShell.Result(node, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8), false);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs COMMAND, returns its standard output; fails on a non-zero exit. */
  static String capture(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(Redirect.from(new File("/dev/null"))).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new AssertionError(command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
