package io.picluster.launch.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Finds which MPI a command would use, without running it: the ELF NEEDED entries of the program
 * (and of the libraries they pull in), or, for {@code python3 script.py}, of the mpi4py extension
 * module that python would import. Open MPI 4.x and 5.x are told apart by what libmpi.so.40 needs.
 */
public final class MpiDetector {
  /** How many libraries to follow from one file: MPI is a direct or near dependency. */
  private static final int MAX_LIBRARIES = 64;
  /** How much of a script to read when looking for mpi4py. */
  private static final int MAX_SCRIPT = 1 << 20;
  private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");
  /** Asks python where it would import mpi4py.MPI from; imports the package, never MPI itself. */
  private static final String FIND_MPI4PY = String.join("\n",
      "import sys, importlib.util as u",
      "sys.path.insert(0, sys.argv[1])",
      "try:",
      "    s = u.find_spec('mpi4py.MPI')",
      "except Exception:",
      "    s = None",
      "print(s.origin if s and s.origin else '')");
  private static final long PYTHON_TIMEOUT_SECONDS = 20;

  private final Map<String, String> env;
  private final Path workDir;
  /**
   * Read when a library must be found: most programs need only the C library and its kin, or name
   * MPICH's library first. Reading ld.so.conf and its includes was a third of the check's CPU in a
   * fresh JVM (hostname: 21 ms, 13.5 without), and the launcher and every host's agent check once
   * per job.
   */
  private LibraryPath libraries;

  /**
   * @param env the environment the ranks get (PATH, LD_LIBRARY_PATH, PYTHONPATH matter)
   * @param workDir the ranks' working directory
   */
  public MpiDetector(Map<String, String> env, Path workDir) {
    this.env = env;
    this.workDir = workDir;
  }

  private LibraryPath libraries() {
    if (libraries == null) {
      libraries = LibraryPath.of(env, Path.of("/"));
    }
    return libraries;
  }

  /** The MPI that {@code command} would use, {@code program} being its resolved first word. */
  public MpiUse ofCommand(List<String> command, Path program) {
    String name = program.getFileName().toString();
    if (PYTHON.matcher(name).matches()) {
      return ofPython(program, command.subList(1, command.size()));
    }
    if (ElfDynamic.isElf(program)) {
      return ofElf(program);
    }
    String shebang = firstLine(program);
    if (shebang.startsWith("#!")) {
      String[] words = shebang.substring(2).strip().split("\\s+");
      for (String w : words) {
        String base = w.substring(w.lastIndexOf('/') + 1);
        if (PYTHON.matcher(base).matches()) {
          Path python = w.contains("/") ? Path.of(w) : Path.of("/usr/bin", w);
          return mpi4pyUse(python, program);
        }
      }
      return MpiUse.unknown("a script: its MPI, if any, is what it runs");
    }
    return MpiUse.unknown("not an ELF program or a script");
  }

  /** The MPI an ELF file links, following its libraries breadth first. */
  public MpiUse ofElf(Path file) {
    java.util.Optional<ElfDynamic> top = ElfDynamic.read(file);
    if (top.isEmpty()) {
      return MpiUse.unknown("not a readable ELF file");
    }
    if (!top.get().dynamic()) {
      return MpiUse.unknown("statically linked");
    }
    ArrayDeque<Path> queue = new ArrayDeque<>();
    ArrayDeque<ElfDynamic> infos = new ArrayDeque<>();
    queue.add(file);
    infos.add(top.get());
    Set<String> seen = new HashSet<>();
    int followed = 0;
    while (!queue.isEmpty()) {
      Path at = queue.poll();
      ElfDynamic dyn = infos.poll();
      for (String soname : dyn.needed()) {
        if (MpiLibrary.isMpichSoname(soname)) {
          return new MpiUse(MpiLibrary.MPICH, soname, at, null);
        }
        if (MpiLibrary.isOpenMpiSoname(soname)) {
          Path lib = libraries().find(soname, dyn.searchPath());
          List<String> needs = lib == null ? List.of()
              : ElfDynamic.read(lib).map(ElfDynamic::needed).orElse(List.of());
          return new MpiUse(MpiLibrary.openMpiRelease(needs), soname, at, null);
        }
      }
      for (String soname : dyn.needed()) {
        if (followed >= MAX_LIBRARIES || !seen.add(soname) || isSystemLibrary(soname)) {
          continue;
        }
        Path lib = libraries().find(soname, dyn.searchPath());
        java.util.Optional<ElfDynamic> d = lib == null ? java.util.Optional.empty() : ElfDynamic.read(lib);
        if (d.isPresent()) {
          followed++;
          queue.add(lib);
          infos.add(d.get());
        }
      }
    }
    return MpiUse.none(file);
  }

  /** The C library and its kin never pull in MPI: not worth opening. */
  private static boolean isSystemLibrary(String soname) {
    return soname.startsWith("libc.so") || soname.startsWith("libm.so") || soname.startsWith("libdl.so")
        || soname.startsWith("libpthread.so") || soname.startsWith("ld-linux") || soname.startsWith("librt.so")
        || soname.startsWith("libgcc_s.so") || soname.startsWith("libstdc++.so");
  }

  /** {@code python [options] script.py ...}: the mpi4py the script would import, if it uses it. */
  private MpiUse ofPython(Path python, List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-c") || a.equals("-m")) {
        return MpiUse.unknown("python " + a + ": no script file to look at");
      }
      if (a.equals("-W") || a.equals("-X") || a.equals("--check-hash-based-pycs")) {
        i++; // takes a value
        continue;
      }
      if (a.startsWith("-") && !a.equals("-")) {
        continue;
      }
      Path script = Path.of(a);
      if (!script.isAbsolute() && workDir != null) {
        script = workDir.resolve(script);
      }
      return mpi4pyUse(python, script);
    }
    return MpiUse.unknown("python without a script");
  }

  /** A script that mentions mpi4py: the MPI of the module python would import. */
  private MpiUse mpi4pyUse(Path python, Path script) {
    String text;
    try (InputStream in = Files.newInputStream(script)) {
      text = new String(in.readNBytes(MAX_SCRIPT), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return MpiUse.unknown("cannot read " + script);
    }
    if (!text.contains("mpi4py")) {
      return text.toLowerCase(java.util.Locale.ROOT).contains("mpi")
          ? MpiUse.unknown(script.getFileName() + " mentions MPI but not mpi4py")
          : MpiUse.none(script);
    }
    Path module = mpi4pyModule(python, script.toAbsolutePath().getParent());
    if (module == null) {
      return MpiUse.unknown(python + " finds no mpi4py");
    }
    return ofElf(module);
  }

  /** Where {@code python} would import mpi4py.MPI from for a script in {@code scriptDir}, or null. */
  private Path mpi4pyModule(Path python, Path scriptDir) {
    ProcessBuilder pb = new ProcessBuilder(python.toString(), "-c", FIND_MPI4PY, String.valueOf(scriptDir));
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    Path out = null;
    Process p = null;
    try {
      out = Files.createTempFile("picluster-mpi4py", ".txt");
      pb.redirectOutput(out.toFile());
      p = pb.start();
      // Output to a file, so a python that hangs cannot hold us past the timeout.
      if (!p.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      byte[] b;
      try (InputStream in = Files.newInputStream(out)) {
        b = in.readNBytes(4096);
      }
      String origin = new String(b, StandardCharsets.UTF_8).strip();
      return origin.isEmpty() ? null : Path.of(origin);
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }

  private static String firstLine(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(256);
      String s = new String(b, StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
