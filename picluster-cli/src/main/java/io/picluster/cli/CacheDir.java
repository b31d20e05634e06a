package io.picluster.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's picluster cache on this machine, {@code $XDG_CACHE_HOME/picluster} or
 * {@code ~/.cache/picluster}: the folder other hosts' agents stage into, and where this machine
 * keeps what it makes once and reuses (compiled programs, packed class folders).
 */
final class CacheDir {
  private CacheDir() {}

  static Path of(Map<String, String> env) {
    String cache = env.get("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() && cache.startsWith("/")
        ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("picluster");
  }
}
