package io.picluster.launch;

import java.util.Map;

/**
 * Points a command's arguments at the staged copies of the files they name, on a host where those
 * copies live elsewhere (see {@link Staging}).
 */
final class StagedArguments {
  private StagedArguments() {}

  /**
   * The argument as another host should see it. {@code there} maps the text naming a staged file
   * to that file's path on the host. An argument is rewritten when it is such a text, when it ends
   * in {@code =} and such a text ({@code -XX:SharedArchiveFile=...}), or when it is a
   * {@code :}-separated list (a class path) with such texts among its elements, which are then
   * rewritten one by one; any other argument stays as it is.
   */
  static String rewrite(String arg, Map<String, String> there) {
    String whole = there.get(arg);
    if (whole != null) {
      return whole;
    }
    for (Map.Entry<String, String> e : there.entrySet()) {
      if (arg.endsWith("=" + e.getKey())) {
        return arg.substring(0, arg.length() - e.getKey().length()) + e.getValue();
      }
    }
    if (arg.indexOf(':') < 0) {
      return arg;
    }
    // -1: keep empty elements (an empty class path element means the working folder).
    String[] elements = arg.split(":", -1);
    boolean changed = false;
    for (int i = 0; i < elements.length; i++) {
      String copy = there.get(elements[i]);
      if (copy != null) {
        elements[i] = copy;
        changed = true;
      }
    }
    return changed ? String.join(":", elements) : arg;
  }
}
