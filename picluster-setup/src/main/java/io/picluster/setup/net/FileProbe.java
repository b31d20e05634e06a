package io.picluster.setup.net;

/**
 * What is at a path of a node's file system, given relative to its root ({@code etc/hosts}): what
 * stack detection looks at, answered by a folder here or by a node over SSH.
 */
@FunctionalInterface
public interface FileProbe {
  /** What a path is. */
  enum Kind { MISSING, FILE, DIRECTORY }

  Kind kind(String path);

  default boolean isDirectory(String path) {
    return kind(path) == Kind.DIRECTORY;
  }

  default boolean exists(String path) {
    return kind(path) != Kind.MISSING;
  }
}
