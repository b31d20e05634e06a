package io.picluster.cli;

import io.picluster.jobs.Jobs;
import java.util.Iterator;

/** The built-in jobs' names: what bash completes after {@code picluster run}. */
final class JobNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Jobs.names().iterator();
  }
}
