package io.picluster.setup.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hands a password that the user typed into picluster to ssh's password prompt, without a
 * terminal: a tiny {@code SSH_ASKPASS} helper script in a folder only the user can enter, and
 * {@code SSH_ASKPASS_REQUIRE=force} (OpenSSH 8.4 or later) so that ssh asks it rather than a
 * terminal.
 *
 * <p>The password itself is never on a command line (which {@code ps} shows everyone) nor in a
 * file: it is in the environment of the one ssh process that needs it ({@value #SECRET_VARIABLE}),
 * which only the user and root can read ({@code /proc/PID/environ} is 0400), and the helper prints
 * it with the shell's built-in {@code printf}. The variable's name matches none of the patterns
 * ssh's {@code SendEnv} is usually given ({@code LANG LC_*}, {@code PICLUSTER_*}), so it stays
 * on this machine.
 */
final class Askpass implements AutoCloseable {
  /** The variable the helper reads the password from. */
  static final String SECRET_VARIABLE = "SSH_ASKPASS_SECRET_FOR_PICLUSTER_KEYS";

  static final String SCRIPT = "#!/bin/sh\n"
      + "# picluster keys: answers ssh's password question with what you typed into picluster.\n"
      + "printf '%s\\n' \"$" + SECRET_VARIABLE + "\"\n";

  private final Path dir;
  private final Path helper;

  private Askpass(Path dir, Path helper) {
    this.dir = dir;
    this.helper = helper;
  }

  /**
   * Writes the helper into a new folder (mode 0700) under BASE, which must allow running programs
   * (so not a {@code noexec} /tmp): the user's {@code ~/.cache/picluster} is the usual one.
   */
  static Askpass create(Path base) {
    try {
      Files.createDirectories(base);
      Path dir = Files.createTempDirectory(base, "askpass-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path helper = dir.resolve("askpass");
      Files.writeString(helper, SCRIPT, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
      return new Askpass(dir, helper);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the password helper under " + base, e);
    }
  }

  Path helper() {
    return helper;
  }

  /** The variables that make one ssh process answer its password prompt with PASSWORD. */
  Map<String, String> environment(char[] password) {
    Map<String, String> env = new HashMap<>();
    env.put("SSH_ASKPASS", helper.toString());
    env.put("SSH_ASKPASS_REQUIRE", "force");
    env.put(SECRET_VARIABLE, new String(password));
    return env;
  }

  /** Removes the helper and its folder. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // the folder holds no secret, only the helper script
    }
  }
}
