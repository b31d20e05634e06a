package io.picluster.setup.net;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code picluster net} needs to know about a node before it plans: what is at the paths
 * stack detection looks at, the current text and mode of the files it may change, and the node's
 * Wi-Fi subnets. Read at once, from a folder or over one SSH session.
 *
 * @param probes what each of {@link StackDetector#PROBES} is
 * @param files the files that exist among those asked for, by path
 * @param unreadable files that exist but could not be read (no root, no sudo)
 * @param unreadableReason why, in words with the fix, for the message
 * @param wifi the node's Wi-Fi subnets; empty if they could not be found out
 */
public record NodeState(Map<String, FileProbe.Kind> probes, Map<String, Content> files,
    Set<String> unreadable, String unreadableReason, Optional<List<WifiSubnet>> wifi)
    implements FileProbe {

  /** A file's text and mode. */
  public record Content(String text, int mode) {}

  public NodeState {
    probes = Map.copyOf(probes);
    files = Map.copyOf(files);
    unreadable = Set.copyOf(unreadable);
  }

  @Override
  public Kind kind(String path) {
    Kind k = probes.get(path);
    if (k != null) {
      return k;
    }
    return files.containsKey(path) || unreadable.contains(path) ? Kind.FILE : Kind.MISSING;
  }

  /** The file at {@code path}, or null if there is none; refused if it could not be read. */
  public Content file(String path) {
    if (unreadable.contains(path)) {
      throw new NetFileException("cannot read /" + path + ": " + unreadableReason);
    }
    return files.get(path);
  }
}
