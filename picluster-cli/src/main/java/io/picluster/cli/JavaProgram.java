package io.picluster.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code picluster java} runs in every rank, as the command line gave it: JVM options, a class
 * path, and a main class, a single source file or a jar. The part after picluster's own options
 * reads as a {@code java} command line does (and as MPJ Express's {@code mpjrun.sh} takes it): JVM
 * options, {@code -cp PATH}, then {@code MAIN} or {@code FILE.java} or {@code -jar JAR}, then the
 * program's arguments.
 *
 * @param jvmOptions options for every rank's JVM, in order ({@code -Xmx256m}, {@code -Dk=v})
 * @param classpath {@code -cp} as given, or null
 * @param workDir {@code -wdir}: the ranks' working folder, or null for the launcher's
 * @param jar {@code -jar JAR}, or null
 * @param main the main class or the {@code .java} file; null with {@code -jar}
 * @param args the program's own arguments
 */
record JavaProgram(
    List<String> jvmOptions, String classpath, String workDir, String jar, String main,
    List<String> args) {

  /** MPJ Express's devices: {@code -dev} is accepted for mpjrun.sh scripts and changes nothing. */
  static final Set<String> MPJ_DEVICES = Set.of("niodev", "hybdev", "mxdev", "native", "multicore");

  /** JVM options that take their value as the next argument. */
  private static final Set<String> JVM_OPTIONS_WITH_VALUE = Set.of(
      "--add-opens", "--add-exports", "--add-reads", "--add-modules", "--enable-native-access",
      "--limit-modules");

  /** JVM options that are one word. */
  private static final Set<String> JVM_FLAGS = Set.of(
      "-esa", "-dsa", "-enablesystemassertions", "-disablesystemassertions", "-server", "-client",
      "--enable-preview");

  JavaProgram {
    jvmOptions = List.copyOf(jvmOptions);
    args = List.copyOf(args);
    if ((jar == null) == (main == null)) {
      throw new IllegalArgumentException("exactly one of jar and main");
    }
  }

  /** The program for messages: the main class, the source file or the jar. */
  String target() {
    return jar != null ? jar : main;
  }

  boolean isSourceFile() {
    return main != null && main.endsWith(".java");
  }

  /**
   * Reads the program part of the command line: {@code rest} is what follows picluster's own
   * options; {@code classpath}, {@code workDir} and {@code device} are what those options already
   * gave (or null).
   *
   * @throws UsageError saying what is wrong
   */
  static JavaProgram parse(List<String> rest, String classpath, String workDir, String device) {
    if (device != null && !MPJ_DEVICES.contains(device)) {
      throw new UsageError("-dev " + device + ": not an MPJ Express device; leave -dev out,"
          + " picluster chooses how ranks talk");
    }
    List<String> jvm = new ArrayList<>();
    String cp = classpath;
    int i = 0;
    while (i < rest.size() && rest.get(i).startsWith("-")) {
      String a = rest.get(i);
      String value = i + 1 < rest.size() ? rest.get(i + 1) : null;
      if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        if (cp != null) {
          throw new UsageError("give the class path once (" + a + " " + value + ")");
        }
        if (value == null) {
          throw new UsageError(a + " needs a class path, e.g. -cp app.jar:lib/dep.jar");
        }
        cp = value;
        i += 2;
      } else if (a.equals("-jar")) {
        if (value == null) {
          throw new UsageError("-jar needs a jar file, e.g. -jar app.jar");
        }
        if (cp != null) {
          throw new UsageError("give either -cp or -jar, not both (the jar's manifest may list"
              + " its libraries in Class-Path)");
        }
        return new JavaProgram(jvm, null, workDir, value, null, rest.subList(i + 2, rest.size()));
      } else if (a.startsWith("-J") && a.length() > 2) {
        jvm.add(a.substring(2));
        i++;
      } else if (JVM_OPTIONS_WITH_VALUE.contains(a)) {
        if (value == null) {
          throw new UsageError(a + " needs a value");
        }
        jvm.add(a);
        jvm.add(value);
        i += 2;
      } else if (isJvmOption(a)) {
        jvm.add(a);
        i++;
      } else {
        throw new UsageError("unknown option '" + a + "': picluster's options go first, then JVM"
            + " options (-Xmx256m, -Dname=value, -ea, or any as -J<option>), -cp PATH, and MAIN");
      }
    }
    if (i >= rest.size()) {
      throw new UsageError("missing the program: give its main class, a FILE.java or -jar JAR");
    }
    String main = rest.get(i);
    if (main.endsWith(".class")) {
      throw new UsageError("give the main class by its name, without .class: "
          + main.substring(0, main.length() - ".class".length()).replace('/', '.'));
    }
    return new JavaProgram(jvm, cp, workDir, null, main, rest.subList(i + 1, rest.size()));
  }

  /** One-word options the JVM takes, in the forms {@code java --help} and {@code -X} list. */
  static boolean isJvmOption(String a) {
    return (a.startsWith("-D") && a.length() > 2 && a.charAt(2) != '=')
        || (a.startsWith("-X") && a.length() > 2)
        || a.matches("-(ea|da|enableassertions|disableassertions)(:.*)?")
        || JVM_FLAGS.contains(a)
        || a.equals("-verbose") || a.startsWith("-verbose:")
        || a.startsWith("-javaagent:") || a.startsWith("-agentlib:") || a.startsWith("-agentpath:")
        || (a.startsWith("--") && a.indexOf('=') > 0
            && JVM_OPTIONS_WITH_VALUE.contains(a.substring(0, a.indexOf('='))));
  }
}
