package io.picluster.setup.net;

import io.picluster.setup.cluster.Node;
import java.util.List;

/**
 * What {@code picluster net} would do on one node: the stack it configures (and why that one),
 * the files it writes, and what it has to tell the user (a 127.0.1.1 line, a competing stanza).
 *
 * @param files every file picluster manages on the node, changed or not
 * @param notes one line each, without the node's name
 */
public record NodePlan(Node node, NetStack stack, String why, List<FileChange> files,
    List<String> notes) {
  public NodePlan {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  /** The files that are to be written. */
  public List<FileChange> changes() {
    return files.stream().filter(FileChange::changes).toList();
  }

  /** Whether the node is already as it should be. */
  public boolean upToDate() {
    return changes().isEmpty();
  }
}
