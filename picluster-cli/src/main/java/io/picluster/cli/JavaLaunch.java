package io.picluster.cli;

import io.picluster.launch.JavaRuntime;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;

/**
 * How {@code picluster java} runs its program: every rank is {@code java JVM-OPTIONS -cp
 * USER-PATH:PICLUSTER MAIN ARGS} with this launcher's java and jar, so the program sees packages
 * {@code mpi} and {@code io.picluster.comm} without the user knowing where any jar is. Everything
 * that can be checked here is checked before any rank starts.
 *
 * @param command every rank's command line
 * @param staged for ranks on other hosts: the text naming each file in the command and the file
 *     to copy there (a class folder's is a jar packed from it)
 * @param workDir the ranks' working folder, or null for the launcher's
 */
record JavaLaunch(List<String> command, Map<String, Path> staged, Path workDir) {

  /** A class every picluster jar holds: a jar on the class path with it is picluster itself. */
  private static final String PICLUSTER_CLASS = "io/picluster/comm/Comm.class";
  private static final String MPI_CLASS = "mpi/MPI.class";

  JavaLaunch {
    command = List.copyOf(command);
    staged = Map.copyOf(staged);
  }

  /**
   * @param acrossHosts whether ranks may run on other hosts (their files are then staged)
   * @param env the launcher's environment ({@code CLASSPATH}, the cache folder)
   * @param err where javac's messages go when a source file is compiled
   * @throws UsageError for a mistake in the command line (a missing file or class)
   * @throws NotStarted when the program cannot be made ready (it does not compile)
   */
  static JavaLaunch prepare(JavaProgram p, boolean acrossHosts, Map<String, String> env,
      PrintStream err) {
    Path workDir = workDir(p);
    Path cache = CacheDir.of(env);
    List<Path> user = new ArrayList<>(userClassPath(p, env));
    for (Path entry : user) {
      if (ClassPath.holds(entry, MPI_CLASS) && !ClassPath.holds(entry, PICLUSTER_CLASS)) {
        throw new UsageError(entry + " brings another MPI library's package mpi (MPJ Express's"
            + " mpj.jar or Open MPI's mpi.jar?); take it off the class path, picluster brings its own");
      }
    }
    List<Path> ours = new ArrayList<>();
    for (String s : RankJvm.classpath().split(File.pathSeparator)) {
      Path entry = Path.of(s).toAbsolutePath().normalize();
      if (!s.isEmpty() && !user.contains(entry) && !ours.contains(entry)) {
        ours.add(entry);
      }
    }
    List<Path> all = new ArrayList<>(user);
    all.addAll(ours);

    String main;
    if (p.jar() != null) {
      main = ClassPath.mainAttribute(user.get(0), Attributes.Name.MAIN_CLASS);
      if (main == null || main.isBlank()) {
        throw new UsageError(p.jar() + " names no Main-Class in its manifest; give the class to"
            + " run: picluster java -cp " + p.jar() + " MAIN");
      }
      main = main.trim();
    } else if (p.isSourceFile()) {
      SourceProgram.Compiled compiled =
          SourceProgram.compile(asGiven(p.main()), all, cache, err);
      user.add(0, compiled.jar());
      all.add(0, compiled.jar());
      main = compiled.mainClass();
    } else {
      main = p.main();
      String file = ClassPath.classFile(main);
      if (!main.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")
          || all.stream().noneMatch(e -> ClassPath.holds(e, file))) {
        throw new UsageError("no class " + main + " on the class path ("
            + (p.classpath() != null ? p.classpath() : env.getOrDefault("CLASSPATH", "."))
            + "); give the class with its package (app.Main) and its jar or folder with -cp");
      }
    }

    List<String> command = new ArrayList<>();
    command.add(JavaRuntime.executable());
    command.addAll(p.jvmOptions());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, all.stream().map(Path::toString).toList()));
    command.add(main);
    command.addAll(p.args());

    Map<String, Path> staged = new LinkedHashMap<>();
    if (acrossHosts) {
      for (Path entry : user) {
        staged.put(entry.toString(),
            Files.isDirectory(entry) ? PackedDirectory.of(entry, cache) : entry);
      }
      for (Path entry : ours) {
        if (Files.isRegularFile(entry)) {
          staged.put(entry.toString(), entry);
        }
      }
    }
    return new JavaLaunch(command, staged, workDir);
  }

  /** The user's part of the class path: -jar's jar, -cp, or as java has it, $CLASSPATH or '.'. */
  private static List<Path> userClassPath(JavaProgram p, Map<String, String> env) {
    if (p.jar() != null) {
      Path jar = path(p.jar(), "-jar");
      if (!Files.isRegularFile(jar)) {
        throw new UsageError("-jar " + p.jar() + ": no such file here; give the path of the jar");
      }
      return ClassPath.resolve(p.jar(), "-jar", false);
    }
    if (p.classpath() != null) {
      return ClassPath.resolve(p.classpath(), "-cp", false);
    }
    String fromEnv = env.get("CLASSPATH");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      // set long ago in a shell profile, perhaps: java skips its missing entries, and so do we
      return ClassPath.resolve(fromEnv, "$CLASSPATH", true);
    }
    // A source file needs nothing else; a class is looked for in the working folder, as java does.
    return p.isSourceFile() ? List.of() : ClassPath.resolve(".", "the class path '.'", false);
  }

  private static Path workDir(JavaProgram p) {
    if (p.workDir() == null) {
      return null;
    }
    Path dir = path(p.workDir(), "-wdir");
    if (!Files.isDirectory(dir)) {
      throw new UsageError("-wdir " + p.workDir() + ": no such folder here");
    }
    return dir;
  }

  /** The source file as the user wrote it, so javac's messages name it so. */
  private static Path asGiven(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new UsageError("'" + file + "' is not a valid path");
    }
  }

  private static Path path(String text, String what) {
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new UsageError(what + " '" + text + "' is not a valid path");
    }
  }
}
