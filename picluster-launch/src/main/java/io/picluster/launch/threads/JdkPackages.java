package io.picluster.launch.threads;

import java.util.HashSet;
import java.util.Set;

/**
 * The packages of the JDK's modules (the boot layer's): the only ones whose classes a rank's
 * parent, the platform loader, can have. A rank's loader asks its parent for these alone and looks
 * at its own class path first for every other name: asking the platform loader for a class it
 * lacks costs a {@code ClassNotFoundException} with its stack trace, once for every class of the
 * job that every rank defines (about 160 in {@code run -n 4 hostname}).
 */
final class JdkPackages {
  private JdkPackages() {}

  /** Whether {@code className} is in a package of one of the JDK's modules. */
  static boolean has(String className) {
    int dot = className.lastIndexOf('.');
    return dot > 0 && Holder.PACKAGES.contains(className.substring(0, dot));
  }

  /** Made on first use, once per JVM, for all the ranks. */
  private static final class Holder {
    static final Set<String> PACKAGES = packages();

    private static Set<String> packages() {
      Set<String> all = new HashSet<>(2048);
      for (Module m : ModuleLayer.boot().modules()) {
        all.addAll(m.getPackages());
      }
      return all;
    }
  }
}
